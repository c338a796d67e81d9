import { useState, type FormEvent } from 'react';
import { useApiData } from '../api/use-api-data.js';
import { Loaded } from '../ui/loading.js';
import { EndorsedBadge, ResultFacts } from './catalogue-results.js';
import { occupationsFor, resultHref, resultKey, type OccupationMatch } from './catalogue-search.js';
import { Highlighted } from './highlighted.js';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function coverageText(item: OccupationMatch['items'][number], match: OccupationMatch): string {
  const parts = [];
  if (item.alignedToOccupation) parts.push(`Aligned to ${match.occupation.preferredLabel}`);
  if (item.skillCoverage !== null) parts.push(`covers ${percent(item.skillCoverage)} of its ESCO skills`);
  return parts.join('; ');
}

function OccupationResults({ matches }: { matches: OccupationMatch[] }) {
  if (matches.length === 0) return <p role="status">No ESCO occupation matches that job title.</p>;
  const count = matches.reduce((n, match) => n + match.items.length, 0);
  return (
    <>
      <p role="status" className="hint">
        {count} micro-credential{count === 1 ? '' : 's'} for {matches.length} matching occupation{matches.length === 1 ? '' : 's'}
      </p>
      {matches.map((match) => (
        <section key={match.occupation.uri} className="become-occupation" aria-labelledby={`become-${match.occupation.uri}`}>
          <h3 id={`become-${match.occupation.uri}`}>
            To become a {match.occupation.matchedLabel ? match.occupation.preferredLabel : <Highlighted segments={match.occupation.highlight} />}
          </h3>
          {match.occupation.matchedLabel && (
            <p className="hint">
              Also called <Highlighted segments={match.occupation.highlight} />
            </p>
          )}
          {match.items.length === 0 ? (
            <p className="hint">No published micro-credential is aligned to this occupation yet.</p>
          ) : (
            <ol className="result-list">
              {match.items.map((item) => (
                // A harvested result has no achievement id here and links to its page on the source instance.
                <li key={resultKey(item)}>
                  <article className="result-card">
                    <div className="result-heading">
                      <h4>
                        <a href={resultHref(item)}>{item.title}</a>
                      </h4>
                      <EndorsedBadge count={item.endorsementCount} />
                    </div>
                    <p className="result-coverage">{coverageText(item, match)}</p>
                    <ResultFacts result={item} />
                  </article>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </>
  );
}

/** "Become a…": a job title, matched to ESCO occupations, and what to take for each. */
export function BecomeSearch({ jobTitle, onSearch }: { jobTitle: string; onSearch(jobTitle: string): void }) {
  const [draft, setDraft] = useState(jobTitle);
  const { state } = useApiData(() => (jobTitle ? occupationsFor(jobTitle) : Promise.resolve(null)), jobTitle);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(draft.trim());
  }

  return (
    <section className="panel become" aria-labelledby="become-heading">
      <h2 id="become-heading">Become a…</h2>
      <form role="search" aria-label="Micro-credentials for a job" className="catalogue-search-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="become-title">Job title</label>
          <input id="become-title" type="search" value={draft} maxLength={200} placeholder="e.g. data analyst" onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="button">
          Show what to take
        </button>
      </form>
      {jobTitle && (
        <Loaded state={state} what="occupations">
          {(matches) => <OccupationResults matches={matches ?? []} />}
        </Loaded>
      )}
    </section>
  );
}
