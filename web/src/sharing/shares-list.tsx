import { describeError } from '../api/client.js';
import { useState } from 'react';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { formatDate } from '../ui/format.js';
import type { CredentialCardView } from '../wallet/wallet-api.js';
import { revokeShare, shareStateLabels, type ShareView } from './sharing-api.js';

/** The learner's share links: what each shares, how often it was opened, and a way to stop it. */
export function SharesList({ shares, cards, onChanged }: { shares: ShareView[]; cards: CredentialCardView[]; onChanged(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const titleOf = (id: string) => cards.find((c) => c.id === id)?.title ?? 'A credential';
  if (shares.length === 0) return <p className="hint">You have not shared anything yet.</p>;
  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      <table className="table" aria-label="My share links">
        <thead>
          <tr>
            <th scope="col">Link</th>
            <th scope="col">Credentials</th>
            <th scope="col">State</th>
            <th scope="col">Views</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shares.map((share) => {
            const name = share.title ?? `Shared ${formatDate(share.createdAt)}`;
            return (
              <tr key={share.id} data-share-id={share.id}>
                <td>{name}</td>
                <td>{share.items.map((i) => titleOf(i.credentialId)).join(', ')}</td>
                <td>{shareStateLabels[share.state]}</td>
                <td>{share.viewCount}</td>
                <td>{formatDate(share.expiresAt, 'Never')}</td>
                <td>
                  {share.state === 'active' && (
                    <ConfirmButton
                      label="Stop sharing"
                      subject={name}
                      onConfirm={async () => {
                        try {
                          await revokeShare(share.id);
                          await onChanged();
                        } catch (caught) {
                          setError(describeError(caught));
                        }
                      }}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
