import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { ApprovalForm } from '../registry/approval-form.js';
import { REGISTRY_LIST_PATH, registryApi, vettingMethodLabels, type RegistryIssuerView } from '../registry/registry-api.js';
import { RegistrySources } from '../registry/registry-sources.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';

export function RegistryPage() {
  const { state, reload } = useApiData(registryApi.issuers, 'registry-issuers');
  return (
    <Page
      title="Trusted issuers"
      caption="Platform administration"
      lead="Organisations this platform has vetted as established issuing bodies, and how each was checked."
    >
      <p>
        Verification reports say whether a credential’s issuer is on this registry. It is published, signed by this platform, at{' '}
        <a href={REGISTRY_LIST_PATH}>{REGISTRY_LIST_PATH}</a> for other verifiers to use.
      </p>
      <Loaded state={state} what="issuers">
        {(issuers) =>
          issuers.length === 0 ? (
            <EmptyState title="No issuing organisations yet">
              <p>Issuers and industry partners created on this platform will appear here to be vetted.</p>
            </EmptyState>
          ) : (
            <ul className="link-list" aria-label="Issuing organisations">
              {issuers.map((issuer) => (
                <li key={issuer.organisation.slug}>
                  <IssuerEntry issuer={issuer} onChange={reload} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <RegistrySources />
    </Page>
  );
}

function IssuerEntry({ issuer, onChange }: { issuer: RegistryIssuerView; onChange(): Promise<void> }) {
  const [approving, setApproving] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { organisation, approval } = issuer;

  const withdraw = async () => {
    setError(null);
    try {
      await registryApi.withdraw(organisation.slug, reason);
      setReason('');
      await onChange();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <article aria-labelledby={`issuer-${organisation.slug}`} data-issuer={organisation.slug}>
      <h2 id={`issuer-${organisation.slug}`}>{organisation.name}</h2>
      {approval ? (
        <>
          <p className="trust trust-yes">
            ✓ Approved {formatDate(approval.approvedAt)}
            {approval.approvedBy ? ` by ${approval.approvedBy}` : ''}: {vettingMethodLabels[approval.method]}
          </p>
          {approval.notes && <p>{approval.notes}</p>}
          {approval.evidenceUrl && (
            <p>
              Evidence:{' '}
              <a href={approval.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
                {approval.evidenceUrl}
              </a>
            </p>
          )}
          {error && (
            <Alert tone="error" title="Not withdrawn">
              <p>{error}</p>
            </Alert>
          )}
          <form
            className="form"
            aria-label={`Withdraw approval of ${organisation.name}`}
            onSubmit={(event) => {
              event.preventDefault();
              void withdraw();
            }}
          >
            <label className="field">
              <span>Reason for withdrawing</span>
              <input value={reason} required onChange={(event) => setReason(event.target.value)} />
            </label>
            <button type="submit" className="button button-danger button-small">
              Withdraw approval
            </button>
          </form>
        </>
      ) : (
        <>
          <p className="trust trust-no">! Not on the registry</p>
          {approving ? (
            <ApprovalForm slug={organisation.slug} name={organisation.name} onDone={async () => { setApproving(false); await onChange(); }} />
          ) : (
            <button type="button" className="button" onClick={() => setApproving(true)}>
              Approve {organisation.name}…
            </button>
          )}
        </>
      )}
      {issuer.history.some((a) => a.withdrawnAt) && (
        <details>
          <summary>Earlier approvals</summary>
          <ul>
            {issuer.history
              .filter((a) => a.withdrawnAt)
              .map((a) => (
                <li key={a.id}>
                  {vettingMethodLabels[a.method]}, {formatDate(a.approvedAt)} – withdrawn {formatDate(a.withdrawnAt)}
                  {a.withdrawalReason ? `: ${a.withdrawalReason}` : ''}
                </li>
              ))}
          </ul>
        </details>
      )}
    </article>
  );
}
