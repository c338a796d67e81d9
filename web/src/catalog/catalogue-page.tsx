import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';
import { BecomeSearch } from './become-search.js';
import { CatalogueFacets } from './catalogue-facets.js';
import { CatalogueResults } from './catalogue-results.js';
import { pageOf, searchCatalogue, SORTS, withParams, type CatalogueSearchResult } from './catalogue-search.js';
import './catalogue.css';

interface SearchState {
  result: CatalogueSearchResult | null;
  error: string | null;
  loading: boolean;
}

/**
 * Loads the search for the URL, keeping the previous results on screen meanwhile: the filters stay where
 * they are, so the checkbox just ticked keeps focus (a loading placeholder would unmount it).
 */
function useCatalogueSearch(params: URLSearchParams): SearchState {
  const key = params.toString();
  const [state, setState] = useState<SearchState>({ result: null, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    searchCatalogue(new URLSearchParams(key)).then(
      (result) => current && setState({ result, error: null, loading: false }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: describeError(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}

/**
 * The public catalogue. Everything the search shows is in the URL (words, filters, sort, page, job title),
 * so the back button, bookmarks and shared links all reopen the same search.
 */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const { result, error, loading } = useCatalogueSearch(params);
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(withParams(params, { q: draft.trim() || null, sort: null }));
  }

  const filtered = [...params.keys()].some((name) => !['q', 'sort', 'page', 'become'].includes(name));
  return (
    <Page title="Catalogue" lead="Micro-credentials offered by the issuers on this Tessera instance: what you learn, the skills they certify, and how to earn them.">
      <form role="search" aria-label="Catalogue" className="catalogue-search-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="catalogue-q">Search micro-credentials</label>
          <input id="catalogue-q" type="search" value={draft} maxLength={200} placeholder="A skill, tool or topic, e.g. Excel" onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>
      {error && (
        <Alert tone="error" title="The catalogue could not be searched">
          {error}
        </Alert>
      )}
      {!result && loading && (
        <p className="hint" role="status">
          Loading the catalogue…
        </p>
      )}
      {result && (
        <div className="catalogue-layout" aria-busy={loading}>
          <CatalogueFacets params={params} facets={result.facets} onChange={setParams} />
          <section className="catalogue-results" aria-labelledby="results-heading">
            <div className="catalogue-results-header">
              <h2 id="results-heading">Results</h2>
              <p role="status" aria-live="polite" className="catalogue-count">
                {result.total} micro-credential{result.total === 1 ? '' : 's'} found{q ? ` for “${q}”` : ''}
                {!result.matchedAllWords && ' (none has every word; these have some of them)'}
              </p>
              <div className="field catalogue-sort">
                <label htmlFor="catalogue-sort">Sort by</label>
                <select id="catalogue-sort" value={result.sort} onChange={(event) => setParams(withParams(params, { sort: event.target.value }))}>
                  {SORTS.filter((sort) => sort.value !== 'relevance' || q).map((sort) => (
                    <option key={sort.value} value={sort.value}>
                      {sort.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {result.total === 0 ? (
              <EmptyState title={q || filtered ? 'Nothing matches this search' : 'No micro-credentials are published yet'}>
                <p>{q || filtered ? 'Try other words or fewer filters. Typos and ESCO synonyms are understood.' : 'When an issuer publishes a micro-credential it will appear here.'}</p>
              </EmptyState>
            ) : (
              <CatalogueResults items={result.items} total={result.total} page={pageOf(params)} onPage={(page) => setParams(withParams(params, { page: String(page) }, true))} />
            )}
          </section>
        </div>
      )}
      <BecomeSearch jobTitle={params.get('become') ?? ''} onSearch={(jobTitle) => setParams(withParams(params, { become: jobTitle || null }, true))} />
    </Page>
  );
}
