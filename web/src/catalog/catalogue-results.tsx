import { Link } from 'react-router-dom';
import { formatDate } from '../ui/format.js';
import { formatPrice, modeLabel, PAGE_SIZE, resultHref, resultKey, type CatalogueResult, type ResultOrigin } from './catalogue-search.js';
import { Highlighted } from './highlighted.js';

/** When and how one can start: on demand, or the next cohort's date. */
export const startText = (result: { onDemand: boolean; nextCohortOn: string | null }): string =>
  result.onDemand ? 'Start any time' : result.nextCohortOn ? `Next start ${formatDate(result.nextCohortOn)}` : 'No upcoming start';

/** The facts every card shows, in one line of terms and values. */
export function ResultFacts({ result }: { result: Omit<CatalogueResult, 'titleHighlight' | 'snippet' | 'score'> }) {
  return (
    <dl className="result-facts">
      <div>
        <dt>Provider</dt>
        <dd>{result.provider.name}</dd>
      </div>
      {result.eqfLevel !== null && (
        <div>
          <dt>Level</dt>
          <dd>EQF {result.eqfLevel}</dd>
        </div>
      )}
      <div>
        <dt>Mode</dt>
        <dd>{result.deliveryModes.map(modeLabel).join(', ')}</dd>
      </div>
      <div>
        <dt>Price</dt>
        <dd>{result.price ? formatPrice(result.price) : 'Not stated'}</dd>
      </div>
      {result.credit && (
        <div>
          <dt>Credit</dt>
          <dd>
            {result.credit.value}
            {/* A harvested offering's feed states the value only, not ECTS or the institution's own credits. */}
            {result.credit.system ? ` ${result.credit.system}` : result.credit.value === 1 ? ' credit' : ' credits'}
          </dd>
        </div>
      )}
      <div>
        <dt>Starts</dt>
        <dd>{startText(result)}</dd>
      </div>
    </dl>
  );
}

export function EndorsedBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return <span className="badge badge-endorsed">Endorsed by industry{count > 1 ? ` (${count})` : ''}</span>;
}

/** Says where a harvested result comes from, linking to its page there (the source is the authority). */
export function OriginNote({ origin, url }: { origin: ResultOrigin | null; url: string }) {
  if (!origin) return null;
  return (
    <p className="hint result-origin">
      From <a href={url}>{origin.instance}</a>
    </p>
  );
}

function ResultCard({ result, index }: { result: CatalogueResult; index: number }) {
  const headingId = `result-${index}`;
  return (
    <li>
      <article className="result-card" aria-labelledby={headingId}>
        <div className="result-heading">
          <h3 id={headingId}>
            {/* The public page is served by the server (HTML for people, JSON-LD for machines): a full page load. */}
            <a href={resultHref(result)}>
              <Highlighted segments={result.titleHighlight} />
            </a>
          </h3>
          <EndorsedBadge count={result.endorsementCount} />
        </div>
        <OriginNote origin={result.origin} url={result.url} />
        <ResultFacts result={result} />
        {/* Offerings of this instance can be enrolled in here; harvested ones are enrolled in at their source. */}
        {result.achievementId && !result.origin && (
          <p className="result-enrol">
            <Link to={`/learning?achievement=${encodeURIComponent(result.achievementId)}`} aria-describedby={headingId}>
              Enrol
            </Link>
          </p>
        )}
        <p className="result-snippet">
          <Highlighted segments={result.snippet} />
        </p>
        <ul className="tag-list" aria-label="Skills">
          {result.skills.map((skill) => (
            <li key={skill.uri} className="tag">
              <Highlighted segments={skill.highlight} />
              {skill.matchedLabel && <span className="visually-hidden"> (ESCO skill: {skill.label})</span>}
              {skill.matchedLabel && <span className="tag-note" aria-hidden="true"> → {skill.label}</span>}
            </li>
          ))}
        </ul>
      </article>
    </li>
  );
}

interface ResultsProps {
  items: CatalogueResult[];
  total: number;
  page: number;
  onPage(page: number): void;
}

export function CatalogueResults({ items, total, page, onPage }: ResultsProps) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <ol className="result-list">
        {items.map((result, index) => (
          <ResultCard key={resultKey(result)} result={result} index={index} />
        ))}
      </ol>
      {pages > 1 && (
        <nav className="pagination" aria-label="Result pages">
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous page
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next page
          </button>
        </nav>
      )}
    </>
  );
}
