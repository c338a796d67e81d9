import type { ReviewView, Rubric } from './assessment-api.js';

/** What the rubric asks, so the learner knows how they will be judged (and the assessor what to score). */
export function RubricSummary({ rubric }: { rubric: Rubric }) {
  const rule = rubric.passRule;
  return (
    <section className="section-gap" aria-labelledby="rubric-heading">
      <h2 id="rubric-heading">How it is assessed</h2>
      <p>
        To pass:{' '}
        {[
          rule.everyCriterionAtLeast ? `every criterion at “${rule.everyCriterionAtLeast}” or above` : null,
          rule.minimumPoints !== undefined ? `at least ${rule.minimumPoints} points in all` : null,
          ...rule.requiredCriteria.map((r) => `“${rubric.criteria.find((c) => c.id === r.criterion)?.name ?? r.criterion}” at “${r.atLeast}” or above`),
        ]
          .filter(Boolean)
          .join('; ')}
        .
      </p>
      <ul>
        {rubric.criteria.map((criterion) => (
          <li key={criterion.id}>
            <strong>{criterion.name}</strong> <span className="table-subtext">({criterion.kind})</span>: {criterion.levels.map((l) => `${l.name} (${l.points})`).join(' · ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A decided review: the decision, the feedback, and the level reached on each criterion. */
export function ReviewOutcome({ review, rubric }: { review: ReviewView; rubric: Rubric | null }) {
  const criterion = (id: string) => rubric?.criteria.find((c) => c.id === id);
  return (
    <article className="panel" aria-label={`Decision by ${review.assessorName}`}>
      <h3>
        {review.assessorName}: {review.decision === 'pass' ? 'passed' : 'returned (not yet passed)'}
      </h3>
      {review.feedback && <p>{review.feedback}</p>}
      <dl className="summary-list">
        {review.scores.map((score) => (
          <div key={score.criterion}>
            <dt>{criterion(score.criterion)?.name ?? score.criterion}</dt>
            <dd>
              {criterion(score.criterion)?.levels.find((l) => l.id === score.level)?.name ?? score.level}
              {score.comment ? `: ${score.comment}` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
