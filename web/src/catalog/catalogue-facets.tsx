import { useState } from 'react';
import { listValues, toggled, withParams, type FacetName, type FacetValue, type ListFilter } from './catalogue-search.js';

interface FacetsProps {
  params: URLSearchParams;
  facets: Record<FacetName, FacetValue[]>;
  onChange(params: URLSearchParams): void;
}

const CHECKBOX_FACETS: Array<{ name: ListFilter; legend: string }> = [
  { name: 'mode', legend: 'Delivery mode' },
  { name: 'level', legend: 'EQF level' },
  { name: 'priceBand', legend: 'Price' },
  { name: 'provider', legend: 'Provider' },
  { name: 'language', legend: 'Language' },
  { name: 'skill', legend: 'ESCO skill' },
  { name: 'occupation', legend: 'Occupation' },
];

/** Start filter choices: the facet's value and the URL keys that select it. */
const START_CHOICES: Record<string, Record<string, string | null>> = {
  '': { onDemand: null, startsWithinDays: null },
  'on-demand': { onDemand: 'true', startsWithinDays: null },
  'within-30': { onDemand: null, startsWithinDays: '30' },
  'within-90': { onDemand: null, startsWithinDays: '90' },
  'within-365': { onDemand: null, startsWithinDays: '365' },
};

const withCount = (value: FacetValue) => `${value.label} (${value.count})`;

/**
 * Filters as checkboxes and selects, each value with how many results it would give under the other filters.
 * Every change rewrites the URL, so a filtered search can be bookmarked and shared.
 */
export function CatalogueFacets({ params: urlParams, facets, onChange: navigate }: FacetsProps) {
  const [params, onChange] = useOptimisticParams(urlParams, navigate);
  const startValue = params.get('onDemand') === 'true' ? 'on-demand' : params.get('startsWithinDays') ? `within-${params.get('startsWithinDays')}` : '';
  const creditValue = params.get('creditMin') !== null && params.get('creditMin') === params.get('creditMax') ? params.get('creditMin')! : '';
  const endorsed = facets.endorsed.find((value) => value.value === 'true');
  return (
    <aside className="catalogue-facets" aria-label="Filters">
      <h2 className="catalogue-facets-title">Filter</h2>
      <div className="field">
        <label htmlFor="facet-start">Starts</label>
        <select id="facet-start" value={startValue} onChange={(event) => onChange(withParams(params, START_CHOICES[event.target.value] ?? START_CHOICES['']!))}>
          <option value="">Any time</option>
          {facets.start.map((value) => (
            <option key={value.value} value={value.value}>
              {withCount(value)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="facet-credit">Credit</label>
        <select id="facet-credit" value={creditValue} onChange={(event) => onChange(withParams(params, { creditMin: event.target.value || null, creditMax: event.target.value || null }))}>
          <option value="">Any credit</option>
          {facets.credit.map((value) => (
            <option key={value.value} value={value.value}>
              {withCount(value)}
            </option>
          ))}
        </select>
      </div>
      <div className="checkbox">
        <input
          id="facet-endorsed"
          type="checkbox"
          checked={params.get('endorsed') === 'true'}
          onChange={(event) => onChange(withParams(params, { endorsed: event.target.checked ? 'true' : null }))}
        />
        <label htmlFor="facet-endorsed">Endorsed by industry ({endorsed?.count ?? 0})</label>
      </div>
      {CHECKBOX_FACETS.filter(({ name }) => facets[name].length > 0).map(({ name, legend }) => (
        <fieldset key={name} className="field catalogue-facet">
          <legend>{legend}</legend>
          {facets[name].map((value) => {
            const id = `facet-${name}-${value.value}`.replace(/[^A-Za-z0-9_-]/g, '-');
            return (
              <div key={value.value} className="checkbox">
                <input id={id} type="checkbox" checked={listValues(params, name).includes(value.value)} onChange={(event) => onChange(toggled(params, name, value.value, event.target.checked))} />
                <label htmlFor={id}>{withCount(value)}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </aside>
  );
}

/**
 * The filters as just chosen, until the URL catches up. The router applies a URL change in a transition,
 * so a controlled checkbox would otherwise spring back for a moment after each click.
 */
function useOptimisticParams(urlParams: URLSearchParams, navigate: (params: URLSearchParams) => void): [URLSearchParams, (params: URLSearchParams) => void] {
  const [chosen, setChosen] = useState(urlParams);
  const [seen, setSeen] = useState(urlParams);
  if (seen !== urlParams) {
    setSeen(urlParams);
    setChosen(urlParams);
  }
  const change = (params: URLSearchParams) => {
    setChosen(params);
    navigate(params);
  };
  return [chosen, change];
}
