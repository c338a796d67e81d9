import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SearchOccupation, SearchSkill } from './catalog-search.tables.js';

/** What builds a search entry, local or harvested, reads and writes through. */
export type Executor = Kysely<Database> | Transaction<Database>;

const WORD = /[\p{L}\p{N}]+/gu;
/** Words of one or two letters are left out of the typo vocabulary: any typo is "near" them. */
const MIN_WORD_LENGTH = 3;
/**
 * Nor are runs of letters longer than any word: no one types them, and a harvested description of 10,000
 * letters would exceed the vocabulary's b-tree row limit (about 2,700 bytes) and fail the whole harvest.
 */
const MAX_WORD_LENGTH = 60;

/** The distinct lower-case words of some texts, for the typo vocabulary. */
export const wordsOf = (texts: string[]): string[] =>
  [...new Set(texts.flatMap((text) => text.toLowerCase().match(WORD) ?? []))].filter((word) => word.length >= MIN_WORD_LENGTH && word.length <= MAX_WORD_LENGTH);

export const today = (clock: () => Date): string => clock().toISOString().slice(0, 10);

/** The first cohort start on or after a day (ISO dates compare as strings), or null. */
export const nextStartOn = (sortedStarts: string[], on: string): string | null => sortedStarts.find((start) => start >= on) ?? null;

export type EscoConcepts = Map<string, { preferred_label: string; alt_labels: string[] }>;

/** The ESCO concepts of some URIs, in one query, so each entry carries ESCO's current labels. */
export async function escoConceptsOf(executor: Executor, uris: Iterable<string>): Promise<EscoConcepts> {
  const distinct = [...new Set(uris)];
  if (distinct.length === 0) return new Map();
  const concepts = await executor.selectFrom('esco_concepts').select(['uri', 'preferred_label', 'alt_labels']).where('uri', 'in', distinct).execute();
  return new Map(concepts.map((concept) => [concept.uri, concept]));
}

/**
 * Skills, once each, with ESCO's current labels and alternative labels where the classification has the
 * concept: a harvested entry gets this instance's ESCO synonyms just as a local one does.
 */
export function withSynonyms(named: ReadonlyMap<string, string>, concepts: EscoConcepts): SearchSkill[] {
  return [...named].map(([uri, label]) => {
    const concept = concepts.get(uri);
    const altLabels = (concept?.alt_labels ?? []).filter((alt) => alt !== (concept?.preferred_label ?? label));
    return { uri, label: concept?.preferred_label ?? label, altLabels };
  });
}

/** The searchable text of an entry, whichever catalogue it comes from. */
export interface EntryText {
  title: string;
  description: string;
  outcomesText: string;
  skills: SearchSkill[];
  occupations: SearchOccupation[];
  providerName: string;
}

const skillsTextOf = (skills: SearchSkill[]): string => skills.flatMap((skill) => [skill.label, ...skill.altLabels]).join('. ');

/**
 * Title A, skills (with ESCO's alternative labels, so synonyms match) B, outcomes and description C,
 * occupations D: a word in the title outranks the same word in a description.
 */
export const searchVectorOf = (text: EntryText): RawBuilder<string> =>
  sql<string>`setweight(to_tsvector('english', ${text.title}), 'A')
      || setweight(to_tsvector('english', ${skillsTextOf(text.skills)}), 'B')
      || setweight(to_tsvector('english', ${`${text.outcomesText}\n${text.description}`}), 'C')
      || setweight(to_tsvector('english', ${text.occupations.map((o) => o.label).join('. ')}), 'D')`;

/** The words an entry adds to the typo vocabulary (see migration 0006). */
export const vocabularyOf = (text: EntryText): string[] => wordsOf([text.title, skillsTextOf(text.skills), text.outcomesText, text.description, text.providerName]);

/** One statement's parameters are limited (65,535 on PostgreSQL): words go in chunks. */
const VOCABULARY_CHUNK = 5_000;

export async function addToVocabulary(executor: Executor, words: string[]): Promise<void> {
  const distinct = [...new Set(words)];
  for (let i = 0; i < distinct.length; i += VOCABULARY_CHUNK) {
    const chunk = distinct.slice(i, i + VOCABULARY_CHUNK).map((word) => ({ word }));
    await executor.insertInto('catalog_search_vocabulary').values(chunk).onConflict((oc) => oc.column('word').doNothing()).execute();
  }
}
