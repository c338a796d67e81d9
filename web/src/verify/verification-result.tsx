import { Alert } from '../ui/alert.js';
import { formatDate } from '../ui/format.js';
import { batchOutcomeLabels, checkLabel, outcomeMarks } from './check-labels.js';
import type { BatchRowView, CheckView, SummaryView } from './verify-api.js';
import './verify.css';

/** One verified credential in full: the verdict, every check in plain words, what it certifies, evidence and endorsements. */
export function VerificationResult({ row, headingLevel = 2 }: { row: BatchRowView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (row.error) {
    return (
      <section className="verification-result" aria-label={`Result for ${row.source}`}>
        <Notices notices={row.notices} />
        <Alert tone="error" title={row.error.title}>
          <p>{row.error.detail}</p>
        </Alert>
      </section>
    );
  }
  const report = row.report!;
  const trust = report.checks.find((c) => c.id === 'trusted_issuer');
  return (
    <section className="verification-result" aria-label={`Result for ${row.source}`}>
      <Notices notices={row.notices} />
      <Alert tone={row.outcome === 'not_verified' ? 'error' : row.outcome === 'warnings' ? 'info' : 'success'} title={`${row.outcome === 'not_verified' ? '✗' : '✓'} ${batchOutcomeLabels[row.outcome]}`}>
        <p>{verdictSentence(row)}</p>
      </Alert>
      {row.summary && <Summary summary={row.summary} trusted={trust?.outcome === 'pass'} Heading={Heading} />}
      <Heading>Checks</Heading>
      <ul className="check-list" aria-label="Checks">
        {report.checks.map((check) => (
          <CheckItem key={check.id} check={check} />
        ))}
      </ul>
      {row.summary && <EvidenceAndEndorsements summary={row.summary} Heading={Heading} />}
    </section>
  );
}

const verdictSentence = (row: BatchRowView): string => {
  if (row.outcome === 'verified') return 'The credential is genuine, unaltered and currently valid.';
  if (row.outcome === 'warnings') return `The credential is genuine and unaltered, but read the warnings below: ${row.firstProblem?.message ?? ''}`;
  return `The credential did not pass every check: ${row.firstProblem?.message ?? 'see the checks below.'}`;
};

function Notices({ notices }: { notices: string[] }) {
  return (
    <>
      {notices.map((notice) => (
        <Alert key={notice} tone="info" title="About this file">
          <p>{notice}</p>
        </Alert>
      ))}
    </>
  );
}

function CheckItem({ check }: { check: CheckView }) {
  const mark = outcomeMarks[check.outcome];
  return (
    <li className={`check check-${check.outcome}`} data-check={check.id}>
      <span className="check-icon" aria-hidden="true">
        {mark.icon}
      </span>
      <div>
        <p className="check-title">
          {checkLabel(check.id)}: <span className="check-outcome">{mark.word}</span>
        </p>
        <p className="check-message">{check.message}</p>
      </div>
    </li>
  );
}

function Summary({ summary, trusted, Heading }: { summary: SummaryView; trusted: boolean; Heading: 'h2' | 'h3' }) {
  return (
    <>
      <Heading>{summary.achievement.name ?? summary.name ?? 'Credential'}</Heading>
      {summary.achievement.description && <p>{summary.achievement.description}</p>}
      <dl className="summary-list">
        <dt>Awarded to</dt>
        <dd>{summary.subject.name ?? summary.subject.id ?? 'A person identified by a hashed identifier'}</dd>
        <dt>Issuer</dt>
        <dd>
          {summary.issuer.name ?? 'Unnamed issuer'}
          {summary.issuer.id && <span className="table-subtext"> {summary.issuer.id}</span>}
        </dd>
        <dt>Trusted issuer registry</dt>
        <dd className={trusted ? 'trust trust-yes' : 'trust trust-no'}>{trusted ? '✓ On the trusted issuer registry' : '! Not on the trusted issuer registry'}</dd>
        <dt>Issued</dt>
        <dd>{formatDate(summary.validFrom)}</dd>
        {summary.validUntil && (
          <>
            <dt>Valid until</dt>
            <dd>{formatDate(summary.validUntil)}</dd>
          </>
        )}
        {summary.achievement.criteria && (
          <>
            <dt>Criteria</dt>
            <dd>{summary.achievement.criteria}</dd>
          </>
        )}
        {summary.embeddedCount > 0 && (
          <>
            <dt>Bundles</dt>
            <dd>{summary.embeddedCount} credentials</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** Evidence links are shown as text, never followed or embedded: the verifier opens them only if the person chooses to. */
function EvidenceAndEndorsements({ summary, Heading }: { summary: SummaryView; Heading: 'h2' | 'h3' }) {
  return (
    <>
      <Heading>Evidence</Heading>
      {summary.evidence.length === 0 ? (
        <p className="hint">The credential carries no evidence.</p>
      ) : (
        <ul className="link-list" aria-label="Evidence">
          {summary.evidence.map((item, index) => (
            <li key={item.id ?? index}>
              <strong>{item.name ?? item.genre ?? `Evidence ${index + 1}`}</strong>
              {item.description && <p>{item.description}</p>}
              {item.narrative && <p>{item.narrative}</p>}
              {item.id && /^https?:\/\//.test(item.id) && (
                <p>
                  <a href={item.id} rel="noopener noreferrer nofollow" target="_blank">
                    {item.id}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Heading>Endorsements</Heading>
      {summary.endorsements.length === 0 ? (
        <p className="hint">No endorsements travel with this credential.</p>
      ) : (
        <ul className="link-list" aria-label="Endorsements">
          {summary.endorsements.map((endorsement, index) => (
            <li key={index}>
              <strong>{endorsement.issuerName ?? endorsement.issuerId ?? 'An endorser'}</strong>
              {endorsement.comment && <q> {endorsement.comment}</q>}
              {endorsement.validFrom && <span className="table-subtext"> {formatDate(endorsement.validFrom)}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
