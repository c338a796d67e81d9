import { useState } from 'react';
import { formatDate } from '../ui/format.js';
import { apiTokenStatus, type ApiTokenStatus, type ApiTokenView } from './api-tokens.js';

const statusLabels: Record<ApiTokenStatus, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

interface ApiTokenListProps {
  tokens: ApiTokenView[];
  onRevoke(token: ApiTokenView): Promise<void>;
}

export function ApiTokenList({ tokens, onRevoke }: ApiTokenListProps) {
  const now = new Date();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <ApiTokenRow key={token.id} token={token} status={apiTokenStatus(token, now)} onRevoke={onRevoke} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ApiTokenRowProps {
  token: ApiTokenView;
  status: ApiTokenStatus;
  onRevoke(token: ApiTokenView): Promise<void>;
}

/** Revoking cannot be undone and breaks whatever uses the token, so it takes a second, explicit click. */
function ApiTokenRow({ token, status, onRevoke }: ApiTokenRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function revoke() {
    setBusy(true);
    try {
      await onRevoke(token);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <tr data-token-id={token.id}>
      <th scope="row">
        {token.name}
        <span className="table-subtext">
          <code>{token.prefix}…</code>
        </span>
      </th>
      <td>
        <ul className="tag-list">
          {token.scopes.map((scope) => (
            <li key={scope} className="tag">
              {scope}
            </li>
          ))}
        </ul>
      </td>
      <td>{formatDate(token.createdAt)}</td>
      <td>{formatDate(token.lastUsedAt, 'Never')}</td>
      <td>{formatDate(token.expiresAt, 'Never')}</td>
      <td>
        <span className={`badge badge-${status}`}>{statusLabels[status]}</span>
      </td>
      <td className="table-actions">
        {status !== 'revoked' && !confirming && (
          <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
            Revoke<span className="visually-hidden"> {token.name}</span>
          </button>
        )}
        {confirming && (
          <span className="confirm">
            <button type="button" className="button button-small button-danger" onClick={revoke} disabled={busy}>
              Confirm revoke<span className="visually-hidden"> {token.name}</span>
            </button>
            <button type="button" className="button button-small button-link" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
