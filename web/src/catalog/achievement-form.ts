import type { Checklist, Definition, Outcome } from './achievement-api.js';

/**
 * The editor's pure logic: reading and writing a definition by dotted path (the same paths the server
 * reports invalid fields with), mapping server issues to fields, and tidying a definition before it is sent.
 */

export type Issues = ReadonlyMap<string, string[]>;

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

export function getIn(root: unknown, path: string): unknown {
  if (path === '') return root;
  return path.split('.').reduce<unknown>((value, key) => (isContainer(value) ? (value as Record<string, unknown>)[key] : undefined), root);
}

/** A copy of `root` with `path` set to `value`, creating objects (or arrays, for numeric keys) on the way; `undefined` removes the member. */
export function setIn<T>(root: T, path: string, value: unknown): T {
  const [key = '', ...rest] = path.split('.');
  const current = isContainer(root) ? root : /^\d+$/.test(key) ? [] : {};
  const child = rest.length === 0 ? value : setIn((current as Record<string, unknown>)[key], rest.join('.'), value);
  if (Array.isArray(current)) {
    const copy = [...current];
    copy[Number(key)] = child;
    return copy as T;
  }
  const { [key]: _previous, ...others } = current as Record<string, unknown>;
  return (child === undefined ? others : { ...others, [key]: child }) as T;
}

/**
 * The field path of a server issue. Request validation reports JSON pointers (`/definition/outcomes/0/statement`),
 * the service dotted paths (`definition.startDates.cohorts.0.startsOn`); both become `outcomes.0.statement`.
 */
export function fieldPathOf(issuePath: string): string {
  const parts = issuePath.split(/[./]/).filter(Boolean);
  return (parts[0] === 'definition' ? parts.slice(1) : parts).join('.');
}

/** Groups a problem's `issues` extension by field path; anything malformed is ignored. */
export function issuesFrom(extensions: Readonly<Record<string, unknown>>): Map<string, string[]> {
  const issues = new Map<string, string[]>();
  const list = Array.isArray(extensions.issues) ? extensions.issues : [];
  for (const issue of list as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof issue?.message !== 'string') continue;
    const path = fieldPathOf(typeof issue.path === 'string' ? issue.path : '');
    issues.set(path, [...(issues.get(path) ?? []), issue.message]);
  }
  return issues;
}

/** How many issues are at `prefix` or below it: a section says how many of its fields need attention. */
export const issueCountUnder = (issues: Issues, prefix: string): number =>
  [...issues].filter(([path]) => path === prefix || path.startsWith(`${prefix}.`)).reduce((n, [, messages]) => n + messages.length, 0);

const FIELD_NAMES: Record<string, string> = {
  '': 'The definition',
  slug: 'Web address (slug)',
  title: 'Title',
  description: 'Description',
  criteria: 'Criteria',
  humanCode: 'Code',
  fieldOfStudy: 'Field of study',
  issuerLocation: 'Issuer location',
  outcomes: 'Learning outcomes',
  assessment: 'Assessment',
  evidenceRequirements: 'Evidence requirements',
  notionalHours: 'Notional hours',
  durationWeeks: 'Duration in weeks',
  credit: 'Credit',
  eqfLevel: 'EQF level',
  oqfCategory: 'OQF category',
  noc: 'NOC codes',
  cip: 'CIP code',
  language: 'Language',
  deliveryModes: 'Delivery modes',
  price: 'Price',
  startDates: 'Start dates',
  assessmentOnlyRoute: 'Assessment-only route',
  prerequisites: 'Prerequisites',
  validity: 'Validity',
  labourMarket: 'Labour market',
  stackability: 'Stackability',
  qualityAssurance: 'Quality assurance',
  rubric: 'Rubric',
};

/** "outcomes.1.statement" → "Learning outcomes › 2 › statement": where an issue is, in words. */
export function describePath(path: string): string {
  const [head = '', ...rest] = path.split('.');
  const words = rest.map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([A-Z])/g, ' $1').toLowerCase()));
  return [FIELD_NAMES[head] ?? head, ...words].join(' › ');
}

/** Optional members, deepest first: left empty in the form, they are left out rather than sent as "". */
const OPTIONAL_PATHS = ['humanCode', 'fieldOfStudy', 'issuerLocation.region', 'issuerLocation', 'eqfLevel', 'oqfCategory', 'cip', 'prerequisites', 'validity', 'stackability.notes', 'stackability', 'qualityAssurance'];

const isBlank = (value: unknown): boolean => {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isContainer(value)) return Object.values(value).every(isBlank);
  return false;
};

/** The definition as the API expects it: blank optional members removed, cohorts without a capacity without one. */
export function prepareForSave(definition: Definition): Definition {
  let prepared = OPTIONAL_PATHS.reduce((d, path) => (isBlank(getIn(d, path)) ? setIn(d, path, undefined) : d), definition);
  if (prepared.startDates.kind === 'cohorts') {
    const cohorts = prepared.startDates.cohorts.map((cohort) => (isBlank(cohort.capacity) ? { startsOn: cohort.startsOn } : cohort));
    prepared = { ...prepared, startDates: { kind: 'cohorts', cohorts } };
  }
  return prepared;
}

/** What "New micro-credential" starts from: the choices most issuers make, and blanks for what only they know. */
export function blankDefinition(): Definition {
  return {
    title: '',
    description: '',
    criteria: '',
    outcomes: [newOutcome([])],
    assessment: { form: '', performanceBased: true, supervised: false, identityChecked: false },
    evidenceRequirements: [''],
    notionalHours: 20,
    durationWeeks: 4,
    credit: { value: 0, system: 'institution' },
    noc: [],
    language: 'en',
    deliveryModes: ['online'],
    price: { amount: 0, currency: 'CAD' },
    startDates: { kind: 'on-demand' },
    assessmentOnlyRoute: false,
    labourMarket: { escoOccupations: [], employerPartners: [] },
  };
}

/** A new, empty outcome with the next free id (`o1`, `o2`…); ids stay stable because rubrics refer to them. */
export function newOutcome(existing: readonly Outcome[]): Outcome {
  const taken = new Set(existing.map((o) => o.id));
  let n = existing.length + 1;
  while (taken.has(`o${n}`)) n += 1;
  return { id: `o${n}`, statement: '', kind: 'skill', escoSkills: [] };
}

/** A web address for a title: lower-case words joined by hyphens, at most 80 characters (the server's slug rule). */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return words.slice(0, 80).replace(/^-+|-+$/g, '');
}

export interface ChecklistSummary {
  met: number;
  missing: number;
  warning: number;
  total: number;
}

export function summariseChecklist(checklist: Checklist): ChecklistSummary {
  const count = (status: string) => checklist.items.filter((item) => item.status === status).length;
  return { met: count('met'), missing: count('missing'), warning: count('warning'), total: checklist.items.length };
}

/** "21 of 25 met · 1 essential missing · 3 to improve" */
export function describeSummary(summary: ChecklistSummary): string {
  const parts = [`${summary.met} of ${summary.total} met`];
  if (summary.missing > 0) parts.push(`${summary.missing} essential missing`);
  if (summary.warning > 0) parts.push(`${summary.warning} to improve`);
  return parts.join(' · ');
}
