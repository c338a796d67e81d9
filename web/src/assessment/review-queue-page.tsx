import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { claim, reviewQueue, routeLabels, stateLabels, type QueueItem } from './assessment-api.js';
import './assessment.css';

/** The organisation's submissions waiting for assessment or moderation, oldest first; claim one to review it. */
export function ReviewQueuePage() {
  const organisation = useOrganisation();
  const { state } = useApiData(() => reviewQueue(organisation.slug), organisation.slug);
  return (
    <Page title="Review queue" caption={organisation.name} lead="Submissions waiting for assessment, oldest first.">
      <Loaded state={state} what="review queue">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="Nothing is waiting for review">
              <p>Submissions appear here when learners hand them in. You score each rubric criterion and pass or return with feedback; when two assessors disagree the submission goes to moderation.</p>
            </EmptyState>
          ) : (
            <QueueTable items={items} slug={organisation.slug} organisationName={organisation.name} />
          )
        }
      </Loaded>
    </Page>
  );
}

function QueueTable({ items, slug, organisationName }: { items: QueueItem[]; slug: string; organisationName: string }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const open = (item: QueueItem) => `/orgs/${slug}/reviews/${item.enrolmentId}`;

  async function onClaim(item: QueueItem) {
    setError(null);
    try {
      await claim(item.enrolmentId);
      navigate(open(item));
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Submissions waiting at {organisationName}</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Micro-credential</th>
              <th scope="col">State</th>
              <th scope="col">Submitted</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.enrolmentId}>
                <td>{item.learnerName}</td>
                <td>
                  {item.achievementTitle}
                  <span className="table-subtext">
                    {routeLabels[item.route as keyof typeof routeLabels] ?? item.route} · attempt {item.attempt}
                  </span>
                </td>
                <td>
                  {stateLabels[item.state]}
                  <span className="table-subtext">
                    {item.claims} of {item.reviewsNeeded} assessor{item.reviewsNeeded === 1 ? '' : 's'}
                  </span>
                </td>
                <td>{formatDate(item.submittedAt)}</td>
                <td className="table-actions">
                  {item.claimedByMe || item.decidedByMe ? (
                    <Link to={open(item)}>Open<span className="visually-hidden"> the submission of {item.learnerName}</span></Link>
                  ) : (
                    <button type="button" className="button button-small" onClick={() => void onClaim(item)}>
                      {item.state === 'in_moderation' ? 'Moderate' : 'Claim'}
                      <span className="visually-hidden"> the submission of {item.learnerName}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
