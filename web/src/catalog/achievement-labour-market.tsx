import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { describeError } from '../api/client.js';
import { achievementsApi, type EscoSearchHit } from './achievement-api.js';
import { FieldErrors, fieldId, TextField, useFields } from './achievement-fields.js';

const MAX_OCCUPATIONS = 10;
const MAX_PARTNERS = 20;

type SearchState = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; q: string; items: EscoSearchHit[] };

/** Finds ESCO occupations by job title (typos and alternative labels understood) and adds the chosen ones. */
function OccupationPicker({ onAdd, taken }: { onAdd(hit: EscoSearchHit): void; taken: ReadonlySet<string> }) {
  const [q, setQ] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });

  async function search(event?: FormEvent) {
    event?.preventDefault();
    const words = q.trim();
    if (!words) return;
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', q: words, items: await achievementsApi.searchOccupations(words) });
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  }
  // A form inside the editor's form is not allowed, so Enter in the box searches instead of submitting.
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void search(event);
  };

  return (
    <div className="esco-picker">
      <div className="editor-row">
        <div className="field">
          <label htmlFor="occupation-search">Find an ESCO occupation</label>
          <input id="occupation-search" type="search" value={q} maxLength={200} placeholder="A job title, e.g. call centre agent" onChange={(event) => setQ(event.target.value)} onKeyDown={onKey} />
        </div>
        <button type="button" className="button" onClick={() => void search()}>
          Search occupations
        </button>
      </div>
      <div role="status" className="hint">
        {state.status === 'loading' && 'Searching ESCO…'}
        {state.status === 'failed' && `ESCO could not be searched: ${state.message}`}
        {state.status === 'ready' && `${state.items.length} ESCO occupation${state.items.length === 1 ? '' : 's'} for “${state.q}”`}
      </div>
      {state.status === 'ready' && state.items.length > 0 && (
        <ul className="suggestion-list" aria-label="ESCO occupations found">
          {state.items.map((hit) => (
            <li key={hit.uri} className="suggestion">
              <div>
                <span className="suggestion-label">{hit.preferredLabel}</span>
                {hit.matchedLabel && <span className="hint">Also called “{hit.matchedLabel}”</span>}
              </div>
              <button type="button" className="button button-small" disabled={taken.has(hit.uri) || taken.size >= MAX_OCCUPATIONS} onClick={() => onAdd(hit)}>
                {taken.has(hit.uri) ? 'Added' : 'Add'}
                <span className="visually-hidden"> {hit.preferredLabel}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The ESCO occupations it prepares for, and the employers consulted (with when). */
export function LabourMarketSection() {
  const { definition, update, readOnly } = useFields();
  const { escoOccupations, employerPartners } = definition.labourMarket;
  const taken = new Set(escoOccupations.map((o) => o.uri));
  return (
    <>
      <fieldset className="field editor-list" id={fieldId('labourMarket.escoOccupations')}>
        <legend>ESCO occupations it prepares for</legend>
        <FieldErrors path="labourMarket.escoOccupations" nested />
        {escoOccupations.length === 0 ? (
          <p className="hint">None yet. Job seekers find micro-credentials through these occupations (“Become a…” in the catalogue).</p>
        ) : (
          <ul className="tag-list" aria-label="Occupations added">
            {escoOccupations.map((occupation) => (
              <li key={occupation.uri} className="tag">
                {occupation.label}
                {!readOnly && (
                  <button type="button" className="button-link tag-remove" onClick={() => update('labourMarket.escoOccupations', escoOccupations.filter((o) => o.uri !== occupation.uri))}>
                    Remove<span className="visually-hidden"> {occupation.label}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!readOnly && <OccupationPicker taken={taken} onAdd={(hit) => update('labourMarket.escoOccupations', [...escoOccupations, { uri: hit.uri, label: hit.preferredLabel }])} />}
      </fieldset>
      <fieldset className="field editor-list" id={fieldId('labourMarket.employerPartners')}>
        <legend>Employer partners consulted</legend>
        <FieldErrors path="labourMarket.employerPartners" />
        {employerPartners.map((_partner, i) => (
          <div className="editor-row" key={i}>
            <TextField path={`labourMarket.employerPartners.${i}.name`} label={`Employer ${i + 1}`} />
            <TextField path={`labourMarket.employerPartners.${i}.consultedOn`} type="date" label={`Employer ${i + 1} consulted on`} />
            {!readOnly && (
              <button type="button" className="button button-small" onClick={() => update('labourMarket.employerPartners', employerPartners.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> employer {i + 1}</span>
              </button>
            )}
          </div>
        ))}
        {!readOnly && employerPartners.length < MAX_PARTNERS && (
          <button type="button" className="button button-small" onClick={() => update('labourMarket.employerPartners', [...employerPartners, { name: '', consultedOn: '' }])}>
            Add an employer partner
          </button>
        )}
      </fieldset>
    </>
  );
}
