import { createContext, useContext, type ReactNode } from 'react';
import type { Definition } from './achievement-api.js';
import { getIn, type Issues } from './achievement-form.js';

/**
 * Form fields bound to a dotted path of the definition. The path is also the element's id and the key of
 * the server's issues, so an invalid field shows its message beside itself and the error summary links to it.
 */
export interface EditorFields {
  definition: Definition;
  issues: Issues;
  readOnly: boolean;
  update(path: string, value: unknown): void;
}

const FieldsContext = createContext<EditorFields | null>(null);

export function FieldsProvider({ value, children }: { value: EditorFields; children: ReactNode }) {
  return <FieldsContext.Provider value={value}>{children}</FieldsContext.Provider>;
}

export function useFields(): EditorFields {
  const fields = useContext(FieldsContext);
  if (!fields) throw new Error('useFields must be used inside <FieldsProvider>');
  return fields;
}

export const fieldId = (path: string): string => `field-${path}`;
const errorId = (path: string): string => `field-${path}-error`;
const hintId = (path: string): string => `field-${path}-hint`;

/**
 * The messages for one path, announced with the field (aria-describedby) and readable without colour.
 * `nested` also shows those of the paths below it, for groups whose members have no field of their own
 * (an unknown ESCO URI at `outcomes.0.escoSkills.1.uri`).
 */
export function FieldErrors({ path, nested }: { path: string; nested?: boolean }) {
  const { issues } = useFields();
  const messages = nested ? [...issues].filter(([p]) => p === path || p.startsWith(`${path}.`)).flatMap(([, m]) => m) : issues.get(path);
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={errorId(path)}>
      <span className="visually-hidden">Error: </span>
      {messages.join('; ')}
    </p>
  );
}

/** The attributes that tie an input to its label, hint and errors. */
function useDescribed(path: string, hint?: ReactNode) {
  const { issues } = useFields();
  const invalid = (issues.get(path)?.length ?? 0) > 0;
  const describedBy = [hint ? hintId(path) : null, invalid ? errorId(path) : null].filter(Boolean).join(' ') || undefined;
  return { id: fieldId(path), 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy };
}

interface FieldProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}

function Field({ path, label, hint, className, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {hint && (
        <p className="hint" id={hintId(path)}>
          {hint}
        </p>
      )}
      <FieldErrors path={path} />
      {children}
    </div>
  );
}

export function TextField({ multiline, type = 'text', maxLength, ...props }: FieldProps & { multiline?: boolean; type?: 'text' | 'date'; maxLength?: number }) {
  const { definition, update, readOnly } = useFields();
  const value = getIn(definition, props.path);
  const described = useDescribed(props.path, props.hint);
  const common = { ...described, value: typeof value === 'string' ? value : '', readOnly, maxLength, onChange: (event: { target: { value: string } }) => update(props.path, event.target.value) };
  return <Field {...props}>{multiline ? <textarea rows={4} {...common} /> : <input type={type} {...common} />}</Field>;
}

/** A number input; an empty box is `null` (required numbers then get the server's message) or removes an optional one. */
export function NumberField({ optional, step, min, max, ...props }: FieldProps & { optional?: boolean; step?: number; min?: number; max?: number }) {
  const { definition, update, readOnly } = useFields();
  const value = getIn(definition, props.path);
  const described = useDescribed(props.path, props.hint);
  const change = (text: string) => update(props.path, text.trim() === '' ? (optional ? undefined : null) : Number(text));
  return (
    <Field {...props}>
      <input type="number" inputMode="decimal" {...described} step={step} min={min} max={max} readOnly={readOnly} value={typeof value === 'number' ? String(value) : ''} onChange={(event) => change(event.target.value)} />
    </Field>
  );
}

export function SelectField({ options, emptyLabel, numeric, ...props }: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; emptyLabel?: string; numeric?: boolean }) {
  const { definition, update, readOnly } = useFields();
  const value = getIn(definition, props.path);
  const described = useDescribed(props.path, props.hint);
  const change = (text: string) => update(props.path, text === '' ? undefined : numeric ? Number(text) : text);
  return (
    <Field {...props}>
      <select {...described} disabled={readOnly} value={value === undefined || value === null ? '' : String(value)} onChange={(event) => change(event.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxField({ path, label, description }: { path: string; label: ReactNode; description?: ReactNode }) {
  const { definition, update, readOnly } = useFields();
  const described = useDescribed(path, description);
  return (
    <div className="checkbox">
      <input type="checkbox" {...described} disabled={readOnly} checked={getIn(definition, path) === true} onChange={(event) => update(path, event.target.checked)} />
      <label htmlFor={fieldId(path)}>
        {label}
        {description && (
          <span className="checkbox-description" id={hintId(path)}>
            {description}
          </span>
        )}
      </label>
      <FieldErrors path={path} />
    </div>
  );
}

/** A list of short texts (evidence, pathways): one box each, with add and remove. */
export function TextListField({ path, legend, itemLabel, addLabel, hint, max }: { path: string; legend: string; itemLabel: string; addLabel: string; hint?: ReactNode; max: number }) {
  const { definition, update, readOnly } = useFields();
  const items = (getIn(definition, path) as string[] | undefined) ?? [];
  return (
    <fieldset className="field editor-list" id={fieldId(path)}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      <FieldErrors path={path} />
      {items.map((_item, index) => (
        <div className="editor-row" key={index}>
          <TextField path={`${path}.${index}`} label={`${itemLabel} ${index + 1}`} />
          {!readOnly && (
            <button type="button" className="button button-small" onClick={() => update(path, items.filter((_, i) => i !== index))}>
              Remove<span className="visually-hidden"> {itemLabel.toLowerCase()} {index + 1}</span>
            </button>
          )}
        </div>
      ))}
      {!readOnly && items.length < max && (
        <button type="button" className="button button-small" onClick={() => update(path, [...items, ''])}>
          {addLabel}
        </button>
      )}
    </fieldset>
  );
}
