import type { DeliveryMode } from './achievement-api.js';
import { CheckboxField, FieldErrors, fieldId, NumberField, SelectField, TextField, TextListField, useFields } from './achievement-fields.js';

// The editor's sections other than outcomes and the labour market: each groups the definition's elements
// the way an issuer thinks of them (src/catalog/achievement.schema.ts has the rules each must meet).

/** For a new micro-credential: its web address, which is not part of the definition and never changes. */
export interface SlugInput {
  value: string;
  onChange(value: string): void;
}

export function AboutSection({ slug }: { slug?: SlugInput }) {
  return (
    <>
      <TextField path="title" label="Title" maxLength={200} />
      {slug && <SlugField {...slug} />}
      <TextField path="description" multiline label="Description" hint="What the learner will be able to do and why it matters (at least 20 characters)." />
      <TextField path="criteria" multiline label="Criteria" hint="What a learner must do to earn it (at least 10 characters)." />
      <div className="editor-grid">
        <TextField path="humanCode" label="Code (optional)" hint="Your own reference, e.g. NBC-MC-SDA1." maxLength={40} />
        <TextField path="fieldOfStudy" label="Field of study (optional)" maxLength={200} />
        <TextField path="language" label="Language" hint="A BCP 47 tag, e.g. en or fr-CA." />
        <TextField path="issuerLocation.country" label="Issuer country (optional)" hint="ISO 3166-1 two letters, e.g. CA." maxLength={2} />
        <TextField path="issuerLocation.region" label="Issuer region (optional)" />
      </div>
    </>
  );
}

function SlugField({ value, onChange }: SlugInput) {
  const invalid = (useFields().issues.get('slug')?.length ?? 0) > 0;
  return (
    <div className="field">
      <label htmlFor={fieldId('slug')}>Web address</label>
      <p className="hint" id="field-slug-hint">
        Lower-case letters, digits and hyphens; part of the public address, it cannot change later.
      </p>
      <FieldErrors path="slug" />
      <input id={fieldId('slug')} value={value} maxLength={80} aria-invalid={invalid || undefined} aria-describedby={invalid ? 'field-slug-hint field-slug-error' : 'field-slug-hint'} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

export function AssessmentSection() {
  return (
    <>
      <TextField path="assessment.form" label="Form of assessment" hint="E.g. an observed practical demonstration marked against a rubric." />
      <CheckboxField path="assessment.performanceBased" label="Performance-based" description="The learner shows the outcomes by doing, not only by recalling." />
      <CheckboxField path="assessment.supervised" label="Supervised" />
      <CheckboxField path="assessment.identityChecked" label="Identity checked" description="The learner’s identity is verified at assessment." />
      <TextListField path="evidenceRequirements" legend="Evidence requirements" itemLabel="Evidence" addLabel="Add evidence" hint="What a learner submits, one item each." max={10} />
      <CheckboxField path="assessmentOnlyRoute" label="Assessment-only route" description="Experienced learners may be assessed without taking the course." />
      <TextField path="prerequisites" multiline label="Prerequisites (optional)" hint="What a learner needs first, or “None”." />
    </>
  );
}

const EQF_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: `Level ${n}` }));
const OQF_CATEGORIES = [
  'secondary-school-diploma', 'certificate-i', 'certificate-ii', 'apprenticeship-certificate', 'certificate-of-qualification', 'certificate-iii',
  'diploma-i', 'diploma-ii', 'advanced-diploma', 'ontario-college-graduate-certificate', 'bachelors-degree', 'bachelors-degree-honours', 'masters-degree', 'doctoral-degree',
].map((value) => ({ value, label: value.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) }));

export function WorkloadSection() {
  return (
    <>
      <div className="editor-grid">
        <NumberField path="notionalHours" label="Notional learning hours" hint="What a typical learner needs; OSAP asks for 5–300." min={1} max={2000} />
        <NumberField path="durationWeeks" label="Duration in weeks" hint="Calendar length; OSAP asks for under 12." min={1} max={104} />
        <NumberField path="credit.value" label="Credit value" step={0.5} min={0} />
        <SelectField path="credit.system" label="Credit system" options={[{ value: 'ECTS', label: 'ECTS' }, { value: 'institution', label: 'Institution credits' }]} />
        <SelectField path="eqfLevel" label="EQF level (optional)" emptyLabel="Not stated" options={EQF_LEVELS} numeric />
        <SelectField path="oqfCategory" label="OQF category (optional)" emptyLabel="Not stated" options={OQF_CATEGORIES} />
      </div>
      <CodeRows path="noc" legend="NOC 2021 codes (at most 3)" codeLabel="NOC code" hint="Five digits, e.g. 13110." max={3} />
      <fieldset className="field editor-list" id={fieldId('cip')}>
        <legend>CIP 2021 code (optional)</legend>
        <FieldErrors path="cip" />
        <div className="editor-row">
          <TextField path="cip.code" label="CIP code" hint="NN.NNNN, e.g. 52.0201." />
          <TextField path="cip.title" label="CIP title" />
        </div>
      </fieldset>
    </>
  );
}

function CodeRows({ path, legend, codeLabel, hint, max }: { path: 'noc'; legend: string; codeLabel: string; hint: string; max: number }) {
  const { definition, update, readOnly } = useFields();
  const rows = definition[path];
  return (
    <fieldset className="field editor-list" id={fieldId(path)}>
      <legend>{legend}</legend>
      <FieldErrors path={path} />
      {rows.map((_row, i) => (
        <div className="editor-row" key={i}>
          <TextField path={`${path}.${i}.code`} label={`${codeLabel} ${i + 1}`} hint={hint} />
          <TextField path={`${path}.${i}.title`} label={`${codeLabel} ${i + 1} title`} />
          {!readOnly && (
            <button type="button" className="button button-small" onClick={() => update(path, rows.filter((_, j) => j !== i))}>
              Remove<span className="visually-hidden"> {codeLabel} {i + 1}</span>
            </button>
          )}
        </div>
      ))}
      {!readOnly && rows.length < max && (
        <button type="button" className="button button-small" onClick={() => update(path, [...rows, { code: '', title: '' }])}>
          Add a {codeLabel}
        </button>
      )}
    </fieldset>
  );
}

const MODES: ReadonlyArray<{ value: DeliveryMode; label: string }> = [
  { value: 'online', label: 'Online' },
  { value: 'in-person', label: 'In person' },
  { value: 'blended', label: 'Blended' },
  { value: 'workplace', label: 'In the workplace' },
];

export function OfferingSection() {
  const { definition, update, readOnly } = useFields();
  const modes = definition.deliveryModes;
  const toggle = (mode: DeliveryMode, on: boolean) => update('deliveryModes', on ? MODES.map((m) => m.value).filter((m) => m === mode || modes.includes(m)) : modes.filter((m) => m !== mode));
  return (
    <>
      <fieldset className="field" id={fieldId('deliveryModes')}>
        <legend>Delivery modes</legend>
        <FieldErrors path="deliveryModes" />
        {MODES.map((mode) => (
          <div className="checkbox" key={mode.value}>
            <input type="checkbox" id={`mode-${mode.value}`} disabled={readOnly} checked={modes.includes(mode.value)} onChange={(event) => toggle(mode.value, event.target.checked)} />
            <label htmlFor={`mode-${mode.value}`}>{mode.label}</label>
          </div>
        ))}
      </fieldset>
      <div className="editor-grid">
        <NumberField path="price.amount" label="Price" step={0.01} min={0} />
        <TextField path="price.currency" label="Currency" hint="ISO 4217, e.g. CAD." maxLength={3} />
      </div>
      <StartDates />
    </>
  );
}

function StartDates() {
  const { definition, update, readOnly } = useFields();
  const start = definition.startDates;
  const cohorts = start.kind === 'cohorts' ? start.cohorts : [];
  return (
    <fieldset className="field editor-list" id={fieldId('startDates')}>
      <legend>Start dates</legend>
      <FieldErrors path="startDates" />
      <div className="checkbox">
        <input type="radio" name="start-kind" id="start-on-demand" disabled={readOnly} checked={start.kind === 'on-demand'} onChange={() => update('startDates', { kind: 'on-demand' })} />
        <label htmlFor="start-on-demand">On demand: learners start when they like</label>
      </div>
      <div className="checkbox">
        <input type="radio" name="start-kind" id="start-cohorts" disabled={readOnly} checked={start.kind === 'cohorts'} onChange={() => update('startDates', { kind: 'cohorts', cohorts: cohorts.length ? cohorts : [{ startsOn: '' }] })} />
        <label htmlFor="start-cohorts">Cohorts with dated starts</label>
      </div>
      {start.kind === 'cohorts' && (
        <>
          <FieldErrors path="startDates.cohorts" />
          {cohorts.map((_c, i) => (
            <div className="editor-row" key={i}>
              <TextField path={`startDates.cohorts.${i}.startsOn`} type="date" label={`Cohort ${i + 1} starts on`} />
              <NumberField path={`startDates.cohorts.${i}.capacity`} optional label={`Cohort ${i + 1} capacity (optional)`} min={1} />
              {!readOnly && cohorts.length > 1 && (
                <button type="button" className="button button-small" onClick={() => update('startDates.cohorts', cohorts.filter((_, j) => j !== i))}>
                  Remove<span className="visually-hidden"> cohort {i + 1}</span>
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <button type="button" className="button button-small" onClick={() => update('startDates.cohorts', [...cohorts, { startsOn: '' }])}>
              Add a cohort
            </button>
          )}
        </>
      )}
    </fieldset>
  );
}

export function QualitySection() {
  const { definition, update, readOnly } = useFields();
  const expires = definition.validity?.validForMonths !== null && definition.validity !== undefined;
  return (
    <>
      <TextListField path="stackability.pathways" legend="Stacks into" itemLabel="Pathway" addLabel="Add a pathway" hint="Pathways or larger credentials this counts towards." max={20} />
      <TextField path="stackability.notes" multiline label="Stacking notes (optional)" />
      <fieldset className="field editor-list" id={fieldId('validity')}>
        <legend>Validity and review</legend>
        <FieldErrors path="validity" />
        <div className="checkbox">
          <input type="checkbox" id="validity-expires" disabled={readOnly} checked={expires} onChange={(event) => update('validity.validForMonths', event.target.checked ? 36 : null)} />
          <label htmlFor="validity-expires">Credentials expire</label>
        </div>
        <div className="editor-grid">
          {expires && <NumberField path="validity.validForMonths" label="Valid for (months)" min={1} max={600} />}
          <TextField path="validity.reviewBy" type="date" label="Review by" />
        </div>
      </fieldset>
      <fieldset className="field editor-list" id={fieldId('qualityAssurance')}>
        <legend>Quality assurance</legend>
        <FieldErrors path="qualityAssurance" />
        <TextField path="qualityAssurance.assuredBy" label="Assured by" />
        <TextField path="qualityAssurance.method" multiline label="Method" />
        <TextField path="qualityAssurance.assuredOn" type="date" label="Assured on" />
      </fieldset>
    </>
  );
}
