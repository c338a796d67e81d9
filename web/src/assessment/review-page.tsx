import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { decide, getEnrolment, routeLabels, stateLabels, type EnrolmentView, type Rubric } from './assessment-api.js';
import { EvidenceList } from './evidence-list.js';
import { ReviewOutcome, RubricSummary } from './rubric-view.js';
import './assessment.css';

/** One submission, for an assessor: the evidence, the rubric scoring form, pass or return. */
export function ReviewPage() {
  const organisation = useOrganisation();
  const { enrolmentId = '' } = useParams();
  const { state, reload } = useApiData(() => getEnrolment(enrolmentId), enrolmentId);
  return (
    <Loaded state={state} what="submission">
      {(enrolment) => (
        <Page title={enrolment.achievement.title} caption={`${organisation.name} · review`} lead={`${routeLabels[enrolment.route]} · attempt ${enrolment.submission?.attempt ?? 0}`}>
          <p>
            <Link to={`/orgs/${organisation.slug}/reviews`}>← Review queue</Link>
          </p>
          <section className="panel" aria-label="Where it stands">
            <span className={`state-badge state-${enrolment.state}`} data-testid="enrolment-state">
              {stateLabels[enrolment.state]}
            </span>
            {enrolment.credentialId && <p>The credential is issued.</p>}
          </section>
          <section className="section-gap" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">Evidence</h2>
            <EvidenceList items={enrolment.submission?.evidence ?? []} />
          </section>
          {enrolment.reviews.filter((r) => r.decision !== null).map((review) => (
            <ReviewOutcome key={review.id} review={review} rubric={enrolment.rubric} />
          ))}
          {enrolment.rubric && <RubricSummary rubric={enrolment.rubric} />}
          {enrolment.rubric && enrolment.reviews.some((r) => r.mine && r.decision === null) && <ScoringForm enrolment={enrolment} rubric={enrolment.rubric} onDecided={reload} />}
        </Page>
      )}
    </Loaded>
  );
}

function ScoringForm({ enrolment, rubric, onDecided }: { enrolment: EnrolmentView; rubric: Rubric; onDecided(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision = submitter?.value === 'return' ? 'return' : 'pass';
    const scores = rubric.criteria.map((c) => {
      const comment = String(form.get(`comment-${c.id}`) ?? '').trim();
      return { criterion: c.id, level: String(form.get(`level-${c.id}`) ?? ''), ...(comment ? { comment } : {}) };
    });
    const feedback = String(form.get('feedback') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      await decide(enrolment.id, { decision, scores, ...(feedback ? { feedback } : {}) });
      await onDecided();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <form className="form section-gap" onSubmit={onSubmit} aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">Score the rubric</h2>
      {error && <Alert tone="error">{error}</Alert>}
      {rubric.criteria.map((criterion) => (
        <fieldset key={criterion.id} className="rubric-criterion">
          <legend>
            {criterion.name} <span className="table-subtext">({criterion.kind})</span>
          </legend>
          {criterion.description && <p className="hint">{criterion.description}</p>}
          <div className="rubric-levels">
            {criterion.levels.map((level) => (
              <label key={level.id} className="choice">
                <input type="radio" name={`level-${criterion.id}`} value={level.id} required /> <strong>{level.name}</strong> ({level.points}): {level.description}
              </label>
            ))}
          </div>
          <div className="field">
            <label htmlFor={`comment-${criterion.id}`}>Comment on {criterion.name}</label>
            <textarea id={`comment-${criterion.id}`} name={`comment-${criterion.id}`} maxLength={2000} />
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="feedback">Feedback to the learner (needed when returning)</label>
        <textarea id="feedback" name="feedback" maxLength={5000} />
      </div>
      <p className="evidence-actions">
        <button type="submit" name="decision" value="pass" className="button button-primary" disabled={busy}>
          Pass
        </button>
        <button type="submit" name="decision" value="return" className="button" disabled={busy}>
          Return: not yet passed
        </button>
      </p>
    </form>
  );
}
