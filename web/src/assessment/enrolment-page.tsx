import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { getEnrolment, removeEvidence, routeLabels, setEvidencePublic, stateLabels, submit, withdraw, type EnrolmentView } from './assessment-api.js';
import { EvidenceForms } from './evidence-forms.js';
import { EvidenceList } from './evidence-list.js';
import { ReviewOutcome, RubricSummary } from './rubric-view.js';
import './assessment.css';

/** One enrolment, for its learner: where it stands, the evidence, handing it in, the feedback and the credential. */
export function EnrolmentPage() {
  const { enrolmentId = '' } = useParams();
  const { state, reload } = useApiData(() => getEnrolment(enrolmentId), enrolmentId);
  return (
    <Loaded state={state} what="enrolment">
      {(enrolment) => <EnrolmentDetail enrolment={enrolment} reload={reload} />}
    </Loaded>
  );
}

function EnrolmentDetail({ enrolment, reload }: { enrolment: EnrolmentView; reload(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const editable = (enrolment.state === 'enrolled' || enrolment.state === 'not_yet_passed') && !enrolment.closed;
  const draft = enrolment.submission && enrolment.submission.submittedAt === null;
  const evidence = enrolment.submission?.evidence ?? [];
  const decided = enrolment.reviews.filter((r) => r.decision !== null);

  return (
    <Page title={enrolment.achievement.title} caption="My learning" lead={`${enrolment.achievement.organisation.name} · ${routeLabels[enrolment.route]}`}>
      <p>
        <Link to="/learning">← All my learning</Link>
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      <section className="panel" aria-label="Where it stands">
        <p>
          <span className={`state-badge state-${enrolment.state}`} data-testid="enrolment-state">
            {stateLabels[enrolment.state]}
          </span>
        </p>
        <dl className="summary-list">
          <div>
            <dt>Started</dt>
            <dd>{enrolment.cohortStartsOn ? `Cohort starting ${formatDate(enrolment.cohortStartsOn)}` : `${formatDate(enrolment.createdAt)} (on demand)`}</dd>
          </div>
          <div>
            <dt>Submissions</dt>
            <dd>
              {enrolment.attempts} made, {enrolment.attemptsLeft} left (the first and {enrolment.maxResubmissions} resubmission{enrolment.maxResubmissions === 1 ? '' : 's'})
            </dd>
          </div>
        </dl>
        {enrolment.credentialId && (
          <Alert tone="success" title="Your credential is issued">
            <p>
              <Link to={`/wallet/${enrolment.credentialId}`}>Open the credential in your wallet</Link>
            </p>
          </Alert>
        )}
        {enrolment.state === 'passed' && !enrolment.credentialId && <Alert tone="info">Passed: your credential is being issued.</Alert>}
        {enrolment.closed && enrolment.state === 'not_yet_passed' && <Alert tone="info">No resubmission is left for this enrolment.</Alert>}
      </section>

      {decided.length > 0 && (
        <section className="section-gap" aria-labelledby="feedback-heading">
          <h2 id="feedback-heading">Feedback</h2>
          {decided.map((review) => (
            <ReviewOutcome key={review.id} review={review} rubric={enrolment.rubric} />
          ))}
        </section>
      )}

      <section className="section-gap" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{draft || !enrolment.submission ? 'Your evidence' : `Evidence handed in (attempt ${enrolment.submission.attempt})`}</h2>
        <EvidenceList
          items={evidence}
          actions={
            enrolment.state === 'passed' || enrolment.state === 'withdrawn'
              ? undefined
              : (item) => (
                  <>
                    <label className="choice">
                      <input type="checkbox" checked={item.isPublic} onChange={(event) => void act(() => setEvidencePublic(enrolment.id, item.id, event.target.checked))} /> Public: embed in my credential
                    </label>
                    {editable && draft && <ConfirmButton label="Remove" subject={item.name} onConfirm={() => act(() => removeEvidence(enrolment.id, item.id))} />}
                  </>
                )
          }
        />
        {editable && (
          <>
            <EvidenceForms enrolmentId={enrolment.id} onAdded={reload} />
            <p className="section-gap">
              <button type="button" className="button button-primary" disabled={!draft && enrolment.state === 'enrolled'} onClick={() => void act(() => submit(enrolment.id))}>
                {enrolment.state === 'not_yet_passed' ? 'Resubmit for assessment' : 'Submit for assessment'}
              </button>
            </p>
          </>
        )}
      </section>

      {enrolment.rubric && <RubricSummary rubric={enrolment.rubric} />}

      {enrolment.allowedActions.includes('withdraw') && (
        <p className="section-gap">
          <ConfirmButton label="Withdraw" subject={`from ${enrolment.achievement.title}`} onConfirm={() => act(() => withdraw(enrolment.id))} />
        </p>
      )}
    </Page>
  );
}
