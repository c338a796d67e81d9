import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import type { CredentialCardView } from '../wallet/wallet-api.js';
import { createShare } from './sharing-api.js';

/**
 * Make a share link of the credentials the learner ticked: a title, an optional expiry, and for each
 * credential which evidence the link shows. The link is shown once (Tessera keeps only its hash).
 */
export function SharePanel({ selected, onShared }: { selected: CredentialCardView[]; onShared(): Promise<void> }) {
  const [title, setTitle] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  // Evidence left out, per credential: everything is shown unless the learner unticks it.
  const [withheld, setWithheld] = useState<Record<string, number[]>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const toggleEvidence = (credentialId: string, index: number) =>
    setWithheld((current) => {
      const list = current[credentialId] ?? [];
      return { ...current, [credentialId]: list.includes(index) ? list.filter((i) => i !== index) : [...list, index] };
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const items = selected.map((card) => ({ credentialId: card.id, evidence: card.evidence.map((_, i) => i).filter((i) => !(withheld[card.id] ?? []).includes(i)) }));
      const created = await createShare({
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
        items,
      });
      // The link (shown only now) appears once the list of links includes it, or at once if that reload fails.
      try {
        await onShared();
      } finally {
        setLink(created.url);
      }
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel section-gap" aria-labelledby="share-heading">
      <h2 id="share-heading">Share</h2>
      {link && (
        <Alert tone="success" title="Share link made">
          <p>
            Copy it now: Tessera keeps only a fingerprint of it. <a href={link}>{link}</a>
          </p>
          <input className="share-link" aria-label="Share link" readOnly value={link} onFocus={(e) => e.target.select()} />
        </Alert>
      )}
      {selected.length === 0 ? (
        <p className="hint">Tick one or more credentials above to share them in one link.</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>
            {selected.length === 1 ? '1 credential' : `${selected.length} credentials`} in this link.
          </p>
          {selected.map((card) =>
            card.evidence.length === 0 ? null : (
              <fieldset key={card.id} className="field">
                <legend>Evidence shown with “{card.title}”</legend>
                {card.evidence.map((item, index) => (
                  <div key={index} className="checkbox">
                    <input id={`share-evidence-${card.id}-${index}`} type="checkbox" checked={!(withheld[card.id] ?? []).includes(index)} onChange={() => toggleEvidence(card.id, index)} />
                    <label htmlFor={`share-evidence-${card.id}-${index}`}>{item.name ?? item.id ?? `Evidence ${index + 1}`}</label>
                  </div>
                ))}
              </fieldset>
            ),
          )}
          <div className="field">
            <label htmlFor="share-title">Title (optional)</label>
            <input id="share-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="For my application to…" />
          </div>
          <div className="field">
            <label htmlFor="share-expiry">Expires on (optional)</label>
            <input id="share-expiry" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
          </div>
          {error && (
            <Alert tone="error" title="Not shared">
              {error}
            </Alert>
          )}
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              Create share link
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
