import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { pathwaysApi, requirementsOf, type PathwayStanding } from './pathways-api.js';
import './pathways.css';

/** Offers a JSON document as a file download (no server round trip: it is already signed). */
function download(name: string, document: Record<string, unknown>): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

function AwardDownloads({ standing }: { standing: PathwayStanding }) {
  const [error, setError] = useState<string | null>(null);
  const fetchAnd = (pick: 'credential' | 'transcript') => async () => {
    setError(null);
    try {
      const result = await pathwaysApi.transcript(standing.pathway.id);
      download(`${standing.pathway.slug}-${pick === 'credential' ? 'credential' : 'clr-transcript'}.json`, result[pick]);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <div className="pathway-award">
      <p>
        <strong>Awarded</strong> on {formatDate(standing.award!.awardedAt)} (version {standing.award!.version}).
      </p>
      <div className="pathway-actions">
        <button type="button" className="button" onClick={fetchAnd('credential')}>
          Download the credential (OB 3.0)
        </button>
        <button type="button" className="button" onClick={fetchAnd('transcript')}>
          Download the transcript (CLR 2.0)
        </button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

function PathwayCard({ standing }: { standing: PathwayStanding }) {
  const headingId = `pathway-${standing.pathway.id}`;
  const requirements = requirementsOf(standing.progress);
  return (
    <section className="pathway-card" aria-labelledby={headingId}>
      <p className="page-caption">
        {standing.pathway.organisation.name} · {standing.pathway.achievementType}
      </p>
      <h2 id={headingId}>{standing.pathway.title}</h2>
      <div className="pathway-progress">
        <progress max={standing.needed} value={standing.done} aria-labelledby={`${headingId}-summary`} />
        <p id={`${headingId}-summary`} className="pathway-summary" data-testid="pathway-summary">
          {standing.summary}
        </p>
      </div>
      <ul className="pathway-requirements">
        {requirements.map((r) => (
          <li key={r.id} className={r.met ? 'met' : 'open'}>
            <span aria-hidden="true">{r.met ? '✓' : '○'}</span> {r.title}
            <span className="visually-hidden">{r.met ? ' (done)' : ' (still needed)'}</span>
            {r.metBy?.equivalent && <span className="table-subtext"> — met by a recognised equivalent</span>}
            {!r.met && r.waitingFor.length > 0 && <span className="table-subtext"> — counts once earned after {r.waitingFor.join(', ')}</span>}
          </li>
        ))}
      </ul>
      {standing.award ? <AwardDownloads standing={standing} /> : null}
    </section>
  );
}

/** The learner's pathways: every one their credentials count toward, how far along they are, and what they were awarded. */
export function PathwaysPage() {
  const { state } = useApiData(() => pathwaysApi.mine(), 'mine');
  return (
    <Page title="Pathways" lead="Larger credentials built from micro-credentials, and how far along each one you are.">
      <Loaded state={state} what="pathways">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="You are not following any pathways yet">
              <p>When a credential you hold counts toward a pathway, it appears here with what you already hold and what remains.</p>
            </EmptyState>
          ) : (
            items.map((standing) => <PathwayCard key={standing.pathway.id} standing={standing} />)
          )
        }
      </Loaded>
    </Page>
  );
}
