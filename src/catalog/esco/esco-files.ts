import type { EscoConceptType } from './esco.tables.js';

/**
 * The files of the official ESCO CSV download (and the reduced cross-sector skills file), what each
 * must contain, and how one of its rows becomes rows of Tessera's ESCO tables.
 * @see https://esco.ec.europa.eu/en/use-esco/download (CSV, one language)
 */
export interface ConceptRecord {
  uri: string;
  conceptType: EscoConceptType;
  preferredLabel: string;
  altLabels: string[];
  description: string | null;
  skillType: string | null;
  reuseLevel: string | null;
  code: string | null;
  iscoCode: string | null;
  status: string | null;
}

export interface EscoRecords {
  concepts: ConceptRecord[];
  broader: Array<{ conceptUri: string; broaderUri: string }>;
  members: Array<{ collection: string; conceptUri: string }>;
  occupationSkills: Array<{ occupationUri: string; skillUri: string; relationType: 'essential' | 'optional' }>;
  skillRelations: Array<{ skillUri: string; relatedSkillUri: string; relationType: string }>;
  schemes: Array<{ uri: string; preferredLabel: string; title: string | null; description: string | null; status: string | null }>;
}

export const emptyRecords = (): EscoRecords => ({ concepts: [], broader: [], members: [], occupationSkills: [], skillRelations: [], schemes: [] });

/** A row that cannot be imported: reported with its line, the rest of the file goes on. */
export class RowRejected extends Error {}

export interface EscoFileKind {
  kind: string;
  /** Which files this is, by name (without .csv / .csv.gz). */
  namePattern: RegExp;
  /** Columns that identify this kind of file when its name does not (a renamed file); none when ambiguous. */
  signature?: string[];
  requiredColumns: string[];
  /** Imported before relation files, so the report counts concepts first; order is otherwise free. */
  phase: 1 | 2;
  /** Whether its concept fields win over other files' (see ConceptSource). */
  source: 'authoritative' | 'supplementary';
  toRecords(row: Record<string, string>, into: EscoRecords, fileName: string): void;
}

const ISCO_URI_BASE = 'http://data.europa.eu/esco/isco/C';
const CONCEPT_TYPES: Record<string, EscoConceptType> = {
  KnowledgeSkillCompetence: 'skill',
  Occupation: 'occupation',
  ISCOGroup: 'isco_group',
  SkillGroup: 'skill_group',
};

const optional = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** An http(s) URI, or the row is rejected naming the column. */
const uriIn = (row: Record<string, string>, column: string): string => {
  const value = row[column]?.trim() ?? '';
  if (!/^https?:\/\/\S+$/.test(value)) throw new RowRejected(value === '' ? `${column} is empty` : `${column} is not a URI: "${value.slice(0, 80)}"`);
  return value;
};

const requiredText = (row: Record<string, string>, column: string): string => {
  const value = optional(row[column]);
  if (value === null) throw new RowRejected(`${column} is empty`);
  return value;
};

/**
 * Official files separate alternative labels by newlines inside one quoted field; v1.2.0 collections
 * (and some 1.1 ones) by " | ". A label never contains either separator.
 */
export const splitLabels = (value: string | undefined): string[] => {
  const labels = (value ?? '').split(/\r?\n| \| /).map((label) => label.trim()).filter((label) => label !== '');
  return [...new Set(labels)];
};

const conceptTypeOf = (row: Record<string, string>, fallback: EscoConceptType): EscoConceptType => {
  const declared = optional(row.conceptType);
  if (declared === null) return fallback;
  const type = CONCEPT_TYPES[declared];
  if (!type) throw new RowRejected(`unknown conceptType "${declared.slice(0, 40)}"`);
  return type;
};

const concept = (row: Record<string, string>, type: EscoConceptType, extra: Partial<ConceptRecord> = {}): ConceptRecord => ({
  uri: uriIn(row, 'conceptUri'),
  conceptType: conceptTypeOf(row, type),
  preferredLabel: requiredText(row, 'preferredLabel'),
  altLabels: splitLabels(row.altLabels),
  description: optional(row.description),
  skillType: optional(row.skillType),
  reuseLevel: optional(row.reuseLevel),
  code: optional(row.code),
  iscoCode: null,
  status: optional(row.status),
  ...extra,
});

/** `2166` → its parent group `216`; the one-digit major groups have none. */
const iscoParent = (code: string): string | null => (code.length > 1 ? code.slice(0, -1) : null);

const skills: EscoFileKind = {
  kind: 'skills',
  // skills_en.csv, and reduced variants such as skills_cross-sector_en.csv.
  namePattern: /^skills(_[\w-]+)?_[a-z]{2}$/,
  signature: ['conceptUri', 'preferredLabel', 'skillType', 'reuseLevel'],
  requiredColumns: ['conceptUri', 'preferredLabel'],
  phase: 1,
  source: 'authoritative',
  toRecords: (row, into) => void into.concepts.push(concept(row, 'skill')),
};

const occupations: EscoFileKind = {
  kind: 'occupations',
  namePattern: /^occupations_[a-z]{2}$/,
  signature: ['conceptUri', 'preferredLabel', 'iscoGroup'],
  requiredColumns: ['conceptUri', 'preferredLabel', 'iscoGroup'],
  phase: 1,
  source: 'authoritative',
  toRecords: (row, into) => {
    const iscoCode = optional(row.iscoGroup);
    const record = concept(row, 'occupation', { iscoCode });
    into.concepts.push(record);
    if (iscoCode) into.broader.push({ conceptUri: record.uri, broaderUri: `${ISCO_URI_BASE}${iscoCode}` });
  },
};

const iscoGroups: EscoFileKind = {
  kind: 'iscoGroups',
  namePattern: /^ISCOGroups_[a-z]{2}$/,
  requiredColumns: ['conceptUri', 'preferredLabel', 'code'],
  phase: 1,
  source: 'authoritative',
  toRecords: (row, into) => {
    const code = requiredText(row, 'code');
    const record = concept(row, 'isco_group', { code, iscoCode: code });
    into.concepts.push(record);
    const parent = iscoParent(code);
    if (parent) into.broader.push({ conceptUri: record.uri, broaderUri: `${ISCO_URI_BASE}${parent}` });
  },
};

const skillGroups: EscoFileKind = {
  kind: 'skillGroups',
  namePattern: /^skillGroups_[a-z]{2}$/,
  requiredColumns: ['conceptUri', 'preferredLabel'],
  phase: 1,
  source: 'authoritative',
  toRecords: (row, into) => void into.concepts.push(concept(row, 'skill_group')),
};

const collections: EscoFileKind = {
  kind: 'collection',
  namePattern: /^(\w+?)(Skills|Occupations)Collection_[a-z]{2}$/,
  requiredColumns: ['conceptUri', 'preferredLabel'],
  phase: 1,
  source: 'supplementary',
  toRecords: (row, into, fileName) => {
    const match = collections.namePattern.exec(fileName);
    const record = concept(row, match?.[2] === 'Occupations' ? 'occupation' : 'skill');
    into.concepts.push(record);
    into.members.push({ collection: match?.[1] ?? fileName, conceptUri: record.uri });
    for (const broaderUri of splitLabels(row.broaderConceptUri)) {
      if (/^https?:\/\//.test(broaderUri)) into.broader.push({ conceptUri: record.uri, broaderUri });
    }
  },
};

const LEVELS = [0, 1, 2, 3] as const;

const skillsHierarchy: EscoFileKind = {
  kind: 'skillsHierarchy',
  namePattern: /^skillsHierarchy_[a-z]{2}$/,
  signature: ['Level 0 URI', 'Level 1 URI'],
  requiredColumns: ['Level 0 URI', 'Level 0 preferred term', 'Level 1 URI'],
  phase: 2,
  source: 'supplementary',
  // Each row is a path from a top concept down to the concept it describes; the deepest filled level is
  // that concept, with its description (which makes sure the top of the pillar exists as a concept).
  toRecords: (row, into) => {
    const path = LEVELS.map((level) => ({ uri: optional(row[`Level ${level} URI`]), label: optional(row[`Level ${level} preferred term`]) })).filter(
      (step): step is { uri: string; label: string | null } => step.uri !== null,
    );
    const deepest = path.at(-1);
    if (!deepest) throw new RowRejected('no level URI');
    into.concepts.push({
      ...concept({ conceptUri: deepest.uri, preferredLabel: deepest.label ?? '', description: row.Description ?? '' }, 'skill_group'),
      code: optional(row[`Level ${path.length - 1} code`]),
    });
    path.slice(1).forEach((step, index) => into.broader.push({ conceptUri: step.uri, broaderUri: path[index]!.uri }));
  },
};

const broaderRelations: EscoFileKind = {
  kind: 'broaderRelations',
  namePattern: /^broaderRelations(Skill|Occ)Pillar_[a-z]{2}$/,
  signature: ['conceptUri', 'broaderUri'],
  requiredColumns: ['conceptUri', 'broaderUri'],
  phase: 2,
  source: 'authoritative',
  toRecords: (row, into) => void into.broader.push({ conceptUri: uriIn(row, 'conceptUri'), broaderUri: uriIn(row, 'broaderUri') }),
};

const occupationSkillRelations: EscoFileKind = {
  kind: 'occupationSkillRelations',
  namePattern: /^occupationSkillRelations_[a-z]{2}$/,
  signature: ['occupationUri', 'skillUri', 'relationType'],
  requiredColumns: ['occupationUri', 'relationType', 'skillUri'],
  phase: 2,
  source: 'authoritative',
  toRecords: (row, into) => {
    const relationType = row.relationType?.trim();
    if (relationType !== 'essential' && relationType !== 'optional') throw new RowRejected(`relationType must be essential or optional, not "${relationType ?? ''}"`);
    into.occupationSkills.push({ occupationUri: uriIn(row, 'occupationUri'), skillUri: uriIn(row, 'skillUri'), relationType });
  },
};

const skillSkillRelations: EscoFileKind = {
  kind: 'skillSkillRelations',
  namePattern: /^skillSkillRelations_[a-z]{2}$/,
  signature: ['originalSkillUri', 'relatedSkillUri', 'relationType'],
  requiredColumns: ['originalSkillUri', 'relationType', 'relatedSkillUri'],
  phase: 2,
  source: 'authoritative',
  toRecords: (row, into) =>
    void into.skillRelations.push({ skillUri: uriIn(row, 'originalSkillUri'), relatedSkillUri: uriIn(row, 'relatedSkillUri'), relationType: requiredText(row, 'relationType') }),
};

const conceptSchemes: EscoFileKind = {
  kind: 'conceptSchemes',
  namePattern: /^conceptSchemes_[a-z]{2}$/,
  requiredColumns: ['conceptSchemeUri', 'preferredLabel'],
  phase: 1,
  source: 'authoritative',
  toRecords: (row, into) =>
    void into.schemes.push({
      uri: uriIn(row, 'conceptSchemeUri'),
      preferredLabel: requiredText(row, 'preferredLabel'),
      title: optional(row.title),
      description: optional(row.description),
      status: optional(row.status),
    }),
};

export const ESCO_FILE_KINDS: EscoFileKind[] = [
  skills,
  occupations,
  iscoGroups,
  skillGroups,
  collections,
  conceptSchemes,
  skillsHierarchy,
  broaderRelations,
  occupationSkillRelations,
  skillSkillRelations,
];

/** `skills_en.csv.gz` → `skills_en`; undefined when the file is not CSV at all. */
export const csvBaseName = (fileName: string): string | undefined => /^(.+)\.csv(\.gz)?$/i.exec(fileName)?.[1];

/** The kind a file is, by its name; files of other names are left alone. */
export const fileKindFor = (fileName: string): EscoFileKind | undefined => {
  const base = csvBaseName(fileName);
  return base === undefined ? undefined : ESCO_FILE_KINDS.find((kind) => kind.namePattern.test(base));
};

/**
 * The kind a renamed file is, by its header. Collections (whose kind depends on the name) and the files
 * sharing skills' columns (ISCO groups, skill groups) are only recognised by name.
 */
export const fileKindByColumns = (columns: string[]): EscoFileKind | undefined =>
  ESCO_FILE_KINDS.find((kind) => kind.signature !== undefined && kind.signature.every((column) => columns.includes(column)) && !(kind.kind === 'skills' && columns.includes('iscoGroup')));

export const missingColumns = (kind: EscoFileKind, columns: string[]): string[] => kind.requiredColumns.filter((column) => !columns.includes(column));
