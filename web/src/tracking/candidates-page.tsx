import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { candidatesApi } from '../verify/candidates-api.js';
import { batchOutcomeLabels } from '../verify/check-labels.js';
import '../verify/verify.css';

export function CandidatesPage() {
  const organisation = useOrganisation();
  const { state, reload } = useApiData(() => candidatesApi.list(organisation.slug), organisation.slug);
  const [shareUrl, setShareUrl] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await candidatesApi.save(organisation.slug, { shareUrl: shareUrl.trim(), note });
      setShareUrl('');
      setNote('');
    });
  };

  return (
    <Page title="Candidates" caption={organisation.name} lead="Share links candidates gave you, each verified when saved and again whenever you ask.">
      <form className="form" onSubmit={save} aria-label="Save a candidate">
        <label className="field">
          <span>Share link</span>
          <input type="url" required value={shareUrl} onChange={(event) => setShareUrl(event.target.value)} placeholder="https://…/s/…" />
        </label>
        <label className="field">
          <span>Note (who, which role)</span>
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          Verify and save
        </button>
      </form>
      {error && (
        <Alert tone="error" title="That did not work">
          <p>{error}</p>
        </Alert>
      )}
      <Loaded state={state} what="candidates">
        {(candidates) =>
          candidates.length === 0 ? (
            <EmptyState title="No candidates saved yet">
              <p>Paste a share link a candidate sent you: it is verified at once, and you can verify it again before you decide.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap section-gap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Candidate</th>
                    <th scope="col">Credentials</th>
                    <th scope="col">Last verification</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.map((candidate) => (
                    <tr key={candidate.id} data-outcome={candidate.lastOutcome ?? 'none'}>
                      <td>
                        {candidate.note || 'No note'}
                        <span className="table-subtext">
                          {' '}
                          <a href={candidate.shareUrl} rel="noopener noreferrer nofollow" target="_blank">
                            open the share page
                          </a>
                        </span>
                      </td>
                      <td>{candidate.credentials.map((c) => `${c.achievement ?? 'Credential'} (${c.issuer ?? 'unknown issuer'})`).join('; ') || '—'}</td>
                      <td>
                        <span className={`outcome-${candidate.lastOutcome ?? 'unreadable'}`}>{candidate.lastOutcome ? batchOutcomeLabels[candidate.lastOutcome] : 'Not verified yet'}</span>
                        {candidate.lastDetail && <span className="table-subtext"> {candidate.lastDetail}</span>}
                        <span className="table-subtext"> {formatDate(candidate.lastVerifiedAt)}</span>
                      </td>
                      <td className="table-actions">
                        <button type="button" className="button button-small" disabled={busy} onClick={() => void act(() => candidatesApi.verify(organisation.slug, candidate.id))}>
                          Verify again
                        </button>
                        <ConfirmButton label="Remove" subject={candidate.note || candidate.shareUrl} onConfirm={() => act(() => candidatesApi.remove(organisation.slug, candidate.id))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </Page>
  );
}
