import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/client.js';
import { achievementsApi, type EscoReference, type EscoSuggestion, type Outcome } from './achievement-api.js';
import { FieldErrors, fieldId, SelectField, TextField, useFields } from './achievement-fields.js';
import { newOutcome } from './achievement-form.js';
import { useDebounced } from './achievement-hooks.js';

const KINDS = [
  { value: 'knowledge', label: 'Knowledge' },
  { value: 'skill', label: 'Skill' },
  { value: 'attitude', label: 'Attitude' },
] as const;
const MAX_OUTCOMES = 6;
const MAX_SKILLS = 5;
/** The suggestions API needs a few words to go on; fewer give noise. */
const MIN_STATEMENT = 10;
const SUGGEST_DELAY_MS = 600;

type SuggestState = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; items: EscoSuggestion[] };

/** ESCO skills for what the statement says, asked for once the issuer pauses typing. */
function useSuggestions(statement: string, enabled: boolean): SuggestState {
  const text = useDebounced(statement.trim(), SUGGEST_DELAY_MS);
  const [state, setState] = useState<SuggestState>({ status: 'idle' });
  useEffect(() => {
    if (!enabled || text.length < MIN_STATEMENT) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    achievementsApi.suggestSkills(text).then(
      (items) => current && setState({ status: 'ready', items }),
      (error: unknown) => current && setState({ status: 'failed', message: describeError(error) }),
    );
    return () => {
      current = false;
    };
  }, [text, enabled]);
  return state;
}

/** Why a suggestion came up, in words: the ESCO label its words matched. */
const whyMatched = (s: EscoSuggestion): string =>
  s.matchedLabel.toLowerCase() === s.preferredLabel.toLowerCase() ? `Your words match its label “${s.matchedLabel}”.` : `Your words match its alternative label “${s.matchedLabel}”.`;

function Suggestions({ outcome, index, accept }: { outcome: Outcome; index: number; accept(skill: EscoReference): void }) {
  const { readOnly } = useFields();
  const state = useSuggestions(outcome.statement, !readOnly);
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  // Accepting or rejecting removes the button that had focus; focus moves to the next suggestion (or the
  // status line) so keyboard users carry on where they were.
  const listRef = useRef<HTMLElement>(null);
  const [focusAt, setFocusAt] = useState<number | null>(null);
  useEffect(() => {
    if (focusAt === null || !listRef.current) return;
    const buttons = listRef.current.querySelectorAll<HTMLButtonElement>('button.suggestion-accept:not(:disabled)');
    (buttons[Math.min(focusAt, buttons.length - 1)] ?? listRef.current.querySelector<HTMLElement>('.suggestions-status'))?.focus();
    setFocusAt(null);
  }, [focusAt]);
  if (readOnly || state.status === 'idle') return null;
  const accepted = new Set(outcome.escoSkills.map((skill) => skill.uri));
  const shown = state.status === 'ready' ? state.items.filter((s) => !accepted.has(s.uri) && !rejected.has(s.uri)) : [];
  const full = outcome.escoSkills.length >= MAX_SKILLS;
  const subject = `for outcome ${index + 1}`;
  return (
    <section className="suggestions" aria-label={`Suggested ESCO skills for outcome ${index + 1}`} ref={listRef}>
      <h4>Suggested ESCO skills</h4>
      <p className="hint suggestions-status" role="status" tabIndex={-1}>
        {state.status === 'loading' && 'Looking for matching ESCO skills…'}
        {state.status === 'failed' && `Suggestions are unavailable: ${state.message}`}
        {state.status === 'ready' && (shown.length === 0 ? 'No further suggestions for this statement.' : `${shown.length} suggestion${shown.length === 1 ? '' : 's'}, best first.`)}
      </p>
      {shown.length > 0 && (
        <ol className="suggestion-list">
          {shown.map((s, position) => (
            <li key={s.uri} className="suggestion">
              <div>
                <span className="suggestion-label">{s.preferredLabel}</span>
                <span className="hint">{whyMatched(s)}</span>
              </div>
              <div className="suggestion-actions">
                <button
                  type="button"
                  className="button button-small suggestion-accept"
                  disabled={full}
                  onClick={() => {
                    accept({ uri: s.uri, label: s.preferredLabel });
                    setFocusAt(position);
                  }}
                >
                  Accept<span className="visually-hidden"> {s.preferredLabel} {subject}</span>
                </button>
                <button
                  type="button"
                  className="button button-small button-link"
                  onClick={() => {
                    setRejected(new Set([...rejected, s.uri]));
                    setFocusAt(position);
                  }}
                >
                  Reject<span className="visually-hidden"> {s.preferredLabel} {subject}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {full && <p className="hint">An outcome has at most {MAX_SKILLS} ESCO skills; remove one to accept another.</p>}
    </section>
  );
}

function OutcomeEditor({ outcome, index, count }: { outcome: Outcome; index: number; count: number }) {
  const { update, readOnly } = useFields();
  const path = `outcomes.${index}`;
  const n = index + 1;
  const setSkills = (skills: EscoReference[]) => update(`${path}.escoSkills`, skills);
  return (
    <fieldset className="outcome" id={fieldId(path)}>
      <legend>Outcome {n}</legend>
      <FieldErrors path={path} />
      <TextField path={`${path}.statement`} multiline label={<>Statement<span className="visually-hidden"> of outcome {n}</span></>} hint="What a learner can do, in one sentence (at least 10 characters)." />
      <SelectField path={`${path}.kind`} label={<>Kind<span className="visually-hidden"> of outcome {n}</span></>} options={KINDS} />
      <div className="field" id={fieldId(`${path}.escoSkills`)}>
        <p className="field-label" id={`${path}-skills-heading`}>
          ESCO skills<span className="visually-hidden"> of outcome {n}</span>
        </p>
        <FieldErrors path={`${path}.escoSkills`} nested />
        {outcome.escoSkills.length === 0 ? (
          <p className="hint">None yet: accept a suggestion below. Publishing needs at least one for each outcome.</p>
        ) : (
          <ul className="tag-list" aria-labelledby={`${path}-skills-heading`}>
            {outcome.escoSkills.map((skill) => (
              <li key={skill.uri} className="tag">
                {skill.label}
                {!readOnly && (
                  <button type="button" className="button-link tag-remove" onClick={() => setSkills(outcome.escoSkills.filter((s) => s.uri !== skill.uri))}>
                    Remove<span className="visually-hidden"> {skill.label} from outcome {n}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Suggestions outcome={outcome} index={index} accept={(skill) => setSkills([...outcome.escoSkills, skill])} />
      {!readOnly && count > 1 && (
        <RemoveOutcome index={index} />
      )}
    </fieldset>
  );
}

function RemoveOutcome({ index }: { index: number }) {
  const { definition, update } = useFields();
  return (
    <button type="button" className="button button-small" onClick={() => update('outcomes', definition.outcomes.filter((_, i) => i !== index))}>
      Remove outcome {index + 1}
    </button>
  );
}

/** The learning outcomes, each tagged knowledge, skill or attitude and aligned to ESCO skills. */
export function OutcomesSection() {
  const { definition, update, readOnly } = useFields();
  const { outcomes } = definition;
  return (
    <>
      <p className="hint">A focused micro-credential has 3–4 outcomes. As you write each one, ESCO skills that match it are suggested: accept the ones it certifies.</p>
      <FieldErrors path="outcomes" />
      {outcomes.map((outcome, index) => (
        <OutcomeEditor key={outcome.id} outcome={outcome} index={index} count={outcomes.length} />
      ))}
      {!readOnly && outcomes.length < MAX_OUTCOMES && (
        <button type="button" className="button" onClick={() => update('outcomes', [...outcomes, newOutcome(outcomes)])}>
          Add an outcome
        </button>
      )}
    </>
  );
}
