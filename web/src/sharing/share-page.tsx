import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { formatDate } from '../ui/format.js';
import { Page } from '../ui/page.js';
import { BadgeImage } from '../wallet/badge-image.js';
import { HolderMatchNote } from '../wallet/holder-match-note.js';
import { standingBadge, standingLabels } from '../wallet/wallet-api.js';
import { openShare, type PublicShareView, type SharedCredentialView } from './sharing-api.js';
import './sharing.css';

type State = { status: 'loading' } | { status: 'gone' } | { status: 'missing' } | { status: 'failed'; message: string } | { status: 'ready'; share: PublicShareView };

/** /s/<token>: what a learner shared, for anyone with the link, each credential verified as the page opens. */
export function SharePage() {
  const { token = '' } = useParams();
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    openShare(token).then(
      (share) => setState({ status: 'ready', share }),
      (error: unknown) =>
        setState(error instanceof ApiError && error.status === 410 ? { status: 'gone' } : error instanceof ApiError && error.status === 404 ? { status: 'missing' } : { status: 'failed', message: describeError(error) }),
    );
  }, [token]);

  if (state.status === 'loading') return <p className="hint" role="status">Checking the shared credentials…</p>;
  if (state.status === 'gone') {
    return (
      <Page title="No longer shared" lead="The person who shared this link has stopped sharing it, or it has expired.">
        <p className="hint">Ask them for a new link if you still need to see their credentials.</p>
      </Page>
    );
  }
  if (state.status === 'missing') return <Page title="No such share link" lead="Check that the address was copied whole." />;
  if (state.status === 'failed') return <Alert tone="error" title="The shared credentials could not be loaded">{state.message}</Alert>;
  const { share } = state;
  const all = share.credentials.every((c) => c.verification.verified);
  const notTheirs = share.credentials.filter((c) => c.holderMatch === 'none').length;
  return (
    <Page
      title={share.title ?? (share.credentials.length === 1 ? share.credentials[0]!.title : 'Shared credentials')}
      caption={share.holder ? `Shared by ${share.holder}` : 'Shared credentials'}
      lead={`${share.credentials.length === 1 ? 'One credential' : `${share.credentials.length} credentials`}, verified just now${share.expiresAt ? `; this link works until ${formatDate(share.expiresAt)}` : ''}.`}
      actions={<img className="share-qr" src={share.qrCode} alt={`QR code of ${share.url}`} width={128} height={128} />}
    >
      <p className={all ? 'share-summary share-summary-ok' : 'share-summary share-summary-bad'} role="status">
        {all ? 'Every credential here is verified.' : 'Some credentials here did not verify: see each below.'}
        {notNamingHolder(notTheirs, share.credentials.length)}
      </p>
      <ul className="shared-credentials" aria-label="Shared credentials">
        {share.credentials.map((credential) => (
          <li key={credential.id}>
            <SharedCredential credential={credential} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

const notNamingHolder = (count: number, total: number): string =>
  count === 0 ? '' : total === 1 ? ' It does not name the person who shared it.' : ` ${count} of ${total} ${count === 1 ? 'does' : 'do'} not name the person who shared them.`;

function SharedCredential({ credential }: { credential: SharedCredentialView }) {
  const { verification } = credential;
  const download = credential.jwt ?? (credential.credential ? JSON.stringify(credential.credential, null, 2) : null);
  return (
    <article className="panel shared-credential" aria-labelledby={`shared-${credential.id}`} data-credential-id={credential.id}>
      <div className="shared-credential-head">
        <BadgeImage src={credential.image} />
        <div>
          <h2 id={`shared-${credential.id}`}>{credential.title}</h2>
          {credential.achievement?.description && <p>{credential.achievement.description}</p>}
        </div>
      </div>
      <p className={verification.verified ? 'shared-verdict shared-verdict-ok' : 'shared-verdict shared-verdict-bad'}>
        <strong>{verification.verified ? 'Verified' : 'Not verified'}</strong> · checked {formatDate(verification.checkedAt)} ·{' '}
        <span className={standingBadge(credential.status)}>{standingLabels[credential.status]}</span>
      </p>
      <HolderMatchNote match={credential.holderMatch} reader="visitor" />
      <details>
        <summary>What was checked</summary>
        <ul className="verification-checks">
          {verification.checks.map((check) => (
            <li key={check.id} className={`check check-${check.outcome}`}>
              <strong>{check.outcome === 'pass' ? 'Pass' : check.outcome === 'warning' ? 'Warning' : 'Fail'}</strong>: {check.message}
            </li>
          ))}
        </ul>
      </details>
      <dl className="summary-list">
        <div>
          <dt>Issuer</dt>
          <dd>
            {credential.issuer.url ? <a href={credential.issuer.url}>{credential.issuer.name ?? credential.issuer.url}</a> : (credential.issuer.name ?? 'Unknown')}
            {credential.issuer.id && <span className="table-subtext"> {credential.issuer.id}</span>}
            {credential.issuer.description && <p className="hint">{credential.issuer.description}</p>}
          </dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{formatDate(credential.issuedAt)}</dd>
        </div>
        <div>
          <dt>Valid until</dt>
          <dd>{formatDate(credential.validUntil, 'No end date')}</dd>
        </div>
      </dl>
      {credential.skills.length > 0 && (
        <>
          <h3>ESCO skills</h3>
          <ul className="tag-list">
            {credential.skills.map((skill) => (
              <li key={skill.url ?? skill.name} className="tag">
                {skill.url ? <a href={skill.url}>{skill.name}</a> : skill.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {credential.evidence.length > 0 && (
        <>
          <h3>Evidence</h3>
          <ul className="link-list" aria-label="Evidence">
            {credential.evidence.map((item, index) => (
              <li key={item.id ?? index}>
                {item.id && /^https?:/i.test(item.id) ? <a href={item.id} rel="noreferrer">{item.name ?? item.id}</a> : (item.name ?? 'Evidence')}
                {item.narrative && <p className="hint">{item.narrative}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {credential.endorsements.length > 0 && (
        <>
          <h3>Endorsed by</h3>
          <ul className="link-list" aria-label="Endorsements">
            {credential.endorsements.map((e, index) => (
              <li key={`${e.id ?? ''}${index}`}>
                <strong>{e.name ?? e.id ?? 'An endorser'}</strong>
                {e.comment && <q> {e.comment}</q>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="shared-actions">
        <a className="button" href={credential.linkedIn} target="_blank" rel="noreferrer">
          Add to LinkedIn profile
        </a>
        {download && (
          <a className="button button-link" href={`data:application/json;charset=utf-8,${encodeURIComponent(download)}`} download={`${credential.title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.${credential.jwt ? 'jwt' : 'json'}`}>
            Download the signed credential
          </a>
        )}
      </p>
    </article>
  );
}
