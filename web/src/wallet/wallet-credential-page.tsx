import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { useAction } from '../ui/use-action.js';
import { BadgeImage } from './badge-image.js';
import { CredentialStanding } from './credential-standing.js';
import { HolderMatchNote } from './holder-match-note.js';
import { credentialDownload, getMyCredential, removeImportedCredential, type CredentialCardView } from './wallet-api.js';
import { CredentialExports } from './exports/credential-exports.js';
import './wallet.css';

/** One credential: what it says, whether it stands, its evidence, and the signed document to download. */
export function WalletCredentialPage() {
  const { credentialId = '' } = useParams();
  const { state } = useApiData(() => getMyCredential(credentialId), credentialId);
  return (
    <Loaded state={state} what="credential">
      {(card) => <CredentialDetail card={card} />}
    </Loaded>
  );
}

function CredentialDetail({ card }: { card: CredentialCardView }) {
  const download = useMemo(() => credentialDownload(card), [card]);
  const href = useMemo(() => URL.createObjectURL(new Blob([download.content], { type: download.type })), [download]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  const removal = useAction();
  const [removed, setRemoved] = useState(false);
  const remove = () => removal.run(async () => {
    await removeImportedCredential(card.id);
    setRemoved(true);
  });

  if (removed) {
    return (
      <Page title="Removed from your wallet" caption="My credentials" lead={`“${card.title}” is no longer in your wallet. Share links that held only it were stopped; other links no longer show it.`}>
        <p>
          <Link to="/wallet">← All my credentials</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page
      title={card.title}
      caption="My credentials"
      lead={card.achievement?.description ?? undefined}
      actions={
        <a className="button button-primary" href={href} download={download.fileName}>
          Download credential
        </a>
      }
    >
      <p>
        <Link to="/wallet">← All my credentials</Link>
      </p>
      <section className="panel" aria-label="Status">
        <BadgeImage src={card.image} />
        <CredentialStanding card={card} />
        <HolderMatchNote match={card.holderMatch} />
        <dl className="summary-list">
          <dt>Issuer</dt>
          <dd>{card.issuer.name ?? card.issuer.id ?? 'Unknown'}</dd>
          <dt>Issued</dt>
          <dd>{formatDate(card.issuedAt)}</dd>
          <dt>Valid until</dt>
          <dd>{formatDate(card.validUntil, 'No end date')}</dd>
        </dl>
      </section>
      {card.skills.length > 0 && (
        <section className="section-gap" aria-labelledby="skills-heading">
          <h2 id="skills-heading">ESCO skills</h2>
          <ul className="tag-list">
            {card.skills.map((skill) => (
              <li key={skill.url ?? skill.name} className="tag">
                {skill.url ? <a href={skill.url}>{skill.name}</a> : skill.name}
              </li>
            ))}
          </ul>
        </section>
      )}
      {card.evidence.length > 0 && (
        <section className="section-gap" aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">Evidence</h2>
          <ul className="link-list">
            {card.evidence.map((item, index) => (
              <li key={item.id ?? index}>
                {item.id ? <a href={item.id}>{item.name ?? item.id}</a> : (item.name ?? 'Evidence')}
                {item.narrative && <p className="hint">{item.narrative}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {card.verification && (
        <section className="section-gap" aria-labelledby="verification-heading">
          <h2 id="verification-heading">Verified when added ({formatDate(card.verification.checkedAt)})</h2>
          <ul className="link-list">
            {card.verification.checks.map((check) => (
              <li key={check.id}>
                <strong>{check.outcome === 'pass' ? 'Pass' : check.outcome === 'warning' ? 'Warning' : 'Fail'}</strong>: {check.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <CredentialExports card={card} />
      {card.origin === 'imported' && (
        <section className="section-gap" aria-labelledby="remove-heading">
          <h2 id="remove-heading">Remove from my wallet</h2>
          <p className="hint">You added this credential from elsewhere; removing it deletes Tessera's copy. Credentials issued here can only be hidden.</p>
          {removal.error && <Alert tone="error">{removal.error}</Alert>}
          <ConfirmButton label="Remove" subject={card.title} onConfirm={remove} />
        </section>
      )}
      <details className="section-gap credential-json">
        <summary>The signed credential</summary>
        <pre>{download.content}</pre>
      </details>
    </Page>
  );
}
