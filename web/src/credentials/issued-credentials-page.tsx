import { useState, type FormEvent } from 'react';
import { api, describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { CredentialStanding } from '../wallet/credential-standing.js';
import { standingLabels, type CredentialCardView, type Standing } from '../wallet/wallet-api.js';

/** GET /api/v1/organisations/{slug}/credentials item. */
interface IssuedCredentialView extends CredentialCardView {
  recipient: { email: string; displayName: string } | null;
  canSuspend: boolean;
}

interface Filters {
  status: Standing | '';
  recipientEmail: string;
}

type StatusAction = 'revoke' | 'suspend' | 'reinstate';
const actionLabels: Record<StatusAction, string> = { revoke: 'Revoke', suspend: 'Suspend', reinstate: 'Reinstate' };

function listUrl(slug: string, filters: Filters, before?: string): string {
  const query = new URLSearchParams({ limit: '25' });
  if (filters.status) query.set('status', filters.status);
  if (filters.recipientEmail.trim()) query.set('recipientEmail', filters.recipientEmail.trim());
  if (before) query.set('before', before);
  return `/api/v1/organisations/${encodeURIComponent(slug)}/credentials?${query}`;
}

/** The organisation's issued credentials: find one, then revoke it (or suspend and reinstate a plain VC) with a reason. */
export function IssuedCredentialsPage() {
  const organisation = useOrganisation();
  const [filters, setFilters] = useState<Filters>({ status: '', recipientEmail: '' });
  const [before, setBefore] = useState<string[]>([]);
  const cursor = before.at(-1);
  const { state, reload } = useApiData(
    () => api.get<{ items: IssuedCredentialView[]; next?: string }>(listUrl(organisation.slug, filters, cursor)),
    `${organisation.slug}|${filters.status}|${filters.recipientEmail}|${cursor ?? ''}`,
  );
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBefore([]);
    setFilters({ status: (form.get('status') as Standing | '') ?? '', recipientEmail: String(form.get('recipientEmail') ?? '') });
  }

  async function onStatusChange(credential: IssuedCredentialView, action: StatusAction, reason: string) {
    try {
      await api.post(`/api/v1/credentials/${encodeURIComponent(credential.id)}/${action}`, { reason });
      await reload();
      setMessage({ tone: 'success', text: `"${credential.title}" for ${credential.recipient?.displayName ?? 'its holder'}: ${actionLabels[action].toLowerCase()}d. The holder has been notified.` });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    }
  }

  return (
    <Page title="Issued credentials" caption={organisation.name} lead="Every credential issued in your organisation's name, and whether it still stands.">
      <form className="form issued-filters" onSubmit={onFilter} aria-label="Filter issued credentials">
        <div className="field">
          <label htmlFor="issued-status">Status</label>
          <select id="issued-status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {(Object.keys(standingLabels) as Standing[]).map((s) => (
              <option key={s} value={s}>
                {standingLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="issued-email">Recipient email</label>
          <input id="issued-email" name="recipientEmail" type="email" defaultValue={filters.recipientEmail} />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Loaded state={state} what="issued credentials">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No credentials match">
              <p>Credentials your organisation issues, one by one or in bulk, are listed here.</p>
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Credential</th>
                      <th scope="col">Recipient</th>
                      <th scope="col">Issued</th>
                      <th scope="col">Status</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((c) => (
                      <tr key={c.id}>
                        <td>{c.title}</td>
                        <td>
                          {c.recipient ? c.recipient.displayName : '—'}
                          {c.recipient && <span className="table-subtext">{c.recipient.email}</span>}
                        </td>
                        <td>{formatDate(c.issuedAt)}</td>
                        <td>
                          <CredentialStanding card={c} />
                        </td>
                        <td className="table-actions">
                          <StatusActions credential={c} onAct={(action, reason) => onStatusChange(c, action, reason)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="page-actions">
                {before.length > 0 && (
                  <button type="button" className="button button-small button-secondary" onClick={() => setBefore(before.slice(0, -1))}>
                    Newer
                  </button>
                )}
                {page.next && (
                  <button type="button" className="button button-small button-secondary" onClick={() => setBefore([...before, page.next!])}>
                    Older
                  </button>
                )}
              </p>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

/** Which changes a credential allows now: revocation is final; suspension needs a plain VC's second status entry. */
function actionsFor(c: IssuedCredentialView): StatusAction[] {
  if (c.status === 'revoked') return [];
  if (c.status === 'suspended') return ['reinstate', 'revoke'];
  return c.canSuspend ? ['revoke', 'suspend'] : ['revoke'];
}

function StatusActions({ credential, onAct }: { credential: IssuedCredentialView; onAct(action: StatusAction, reason: string): Promise<void> }) {
  const [open, setOpen] = useState<StatusAction | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const subject = `${credential.title} for ${credential.recipient?.displayName ?? 'its holder'}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!reason) return;
    // Revocation cannot be undone: the first submit asks, the second acts.
    if (open === 'revoke' && !confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    try {
      await onAct(open!, reason);
      setOpen(null);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  if (!open) {
    return (
      <>
        {actionsFor(credential).map((action) => (
          <button key={action} type="button" className="button button-small" onClick={() => setOpen(action)}>
            {actionLabels[action]}
            <span className="visually-hidden"> {subject}</span>
          </button>
        ))}
      </>
    );
  }
  const id = `reason-${credential.id}`;
  return (
    <form className="status-change" onSubmit={onSubmit} aria-label={`${actionLabels[open]} ${subject}`}>
      <label htmlFor={id}>Reason (the holder sees it)</label>
      <input id={id} name="reason" required minLength={3} maxLength={1000} autoFocus onChange={() => setConfirming(false)} />
      <button type="submit" className={open === 'revoke' && confirming ? 'button button-small button-danger' : 'button button-small'} disabled={busy}>
        {open === 'revoke' && confirming ? 'Confirm revoke' : actionLabels[open]}
        <span className="visually-hidden"> {subject}</span>
      </button>
      <button type="button" className="button button-small button-link" onClick={() => (setOpen(null), setConfirming(false))}>
        Cancel
      </button>
      {open === 'revoke' && confirming && <p className="hint">Revocation is final: it cannot be undone.</p>}
    </form>
  );
}
