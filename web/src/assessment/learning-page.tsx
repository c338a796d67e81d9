import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { MyProgressSection } from '../tracking/my-progress-section.js';
import { enrol, enrollableOffers, listMyEnrolments, offerDetails, routeLabels, stateLabels, type EnrolmentView, type OfferDetails } from './assessment-api.js';
import './assessment.css';

/**
 * The learner's micro-credentials in progress and done, and enrolling in a new one (on demand or into a
 * cohort, by course or assessment only). `?achievement=<id>` opens the enrolment form on that one, which
 * is how the catalogue's pages link here.
 */
export function LearningPage() {
  const { state } = useApiData(listMyEnrolments, 'mine');
  const [params] = useSearchParams();
  return (
    <Page title="My learning" lead="The micro-credentials you are working towards and where each assessment stands.">
      <Loaded state={state} what="enrolments">
        {(items) => (items.length === 0 ? <NothingYet /> : <EnrolmentList items={items} />)}
      </Loaded>
      <EnrolPanel preselected={params.get('achievement')} />
      <MyProgressSection />
    </Page>
  );
}

function NothingYet() {
  return (
    <EmptyState title="You are not enrolled on anything yet" action={<Link to="/catalogue">Find a micro-credential</Link>}>
      <p>When you enrol, by taking a course or going straight to assessment, it appears here with your evidence and your assessors’ feedback.</p>
    </EmptyState>
  );
}

function EnrolmentList({ items }: { items: EnrolmentView[] }) {
  return (
    <ul className="enrolment-list" aria-label="My enrolments">
      {items.map((item) => (
        <li key={item.id} className="panel enrolment-card">
          <h2>
            <Link to={`/learning/${item.id}`}>{item.achievement.title}</Link>
          </h2>
          <p className="enrolment-meta">
            {item.achievement.organisation.name} · {routeLabels[item.route]}
            {item.cohortStartsOn ? ` · cohort starting ${formatDate(item.cohortStartsOn)}` : ' · started any day'}
          </p>
          <p>
            <span className={`state-badge state-${item.state}`}>{stateLabels[item.state]}</span>
            {item.credentialId && (
              <>
                {' '}
                <Link to={`/wallet/${item.credentialId}`}>See the credential</Link>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

function EnrolPanel({ preselected }: { preselected: string | null }) {
  const { state } = useApiData(enrollableOffers, 'offers');
  const [achievementId, setAchievementId] = useState<string>(preselected ?? '');
  return (
    <section className="panel section-gap" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">Enrol in a micro-credential</h2>
      <Loaded state={state} what="micro-credentials">
        {(offers) => (
          <>
            <div className="field">
              <label htmlFor="enrol-achievement">Micro-credential</label>
              <select id="enrol-achievement" value={achievementId} onChange={(event) => setAchievementId(event.target.value)}>
                <option value="">Choose one…</option>
                {offers.map((offer) => (
                  <option key={offer.achievementId} value={offer.achievementId}>
                    {offer.title} ({offer.provider})
                  </option>
                ))}
              </select>
            </div>
            {achievementId && <EnrolForm key={achievementId} achievementId={achievementId} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function EnrolForm({ achievementId }: { achievementId: string }) {
  const { state } = useApiData(() => offerDetails(achievementId), achievementId);
  return (
    <Loaded state={state} what="micro-credential">
      {(details) => <EnrolChoices achievementId={achievementId} details={details} />}
    </Loaded>
  );
}

function EnrolChoices({ achievementId, details }: { achievementId: string; details: OfferDetails }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const cohort = form.get('cohort');
    setBusy(true);
    setError(null);
    try {
      const created = await enrol({ achievementId, route: form.get('route') === 'assessment-only' ? 'assessment-only' : 'course', ...(typeof cohort === 'string' && cohort ? { cohortStartsOn: cohort } : {}) });
      navigate(`/learning/${created.id}`);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-label={`Enrol in ${details.title}`}>
      {error && <Alert tone="error">{error}</Alert>}
      <fieldset className="field">
        <legend>Route</legend>
        <label className="choice">
          <input type="radio" name="route" value="course" defaultChecked={!details.assessmentOnlyRoute} /> {routeLabels.course}
        </label>
        {details.assessmentOnlyRoute && (
          <label className="choice">
            <input type="radio" name="route" value="assessment-only" defaultChecked /> {routeLabels['assessment-only']}: for people who can already do this
          </label>
        )}
      </fieldset>
      {details.cohorts ? (
        <div className="field">
          <label htmlFor="enrol-cohort">Cohort</label>
          <select id="enrol-cohort" name="cohort" required>
            {details.cohorts.map((startsOn) => (
              <option key={startsOn} value={startsOn}>
                Starting {formatDate(startsOn)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="hint">On demand: start today, submit when you are ready.</p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Enrolling…' : 'Enrol'}
      </button>
    </form>
  );
}
