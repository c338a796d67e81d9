import type { z } from 'zod';
import { definitionInvalid, unknownEscoUris, type DefinitionIssue } from './achievement.errors.js';
import { escoReferencesOf, type AchievementDefinition } from './achievement.schema.js';

/** Answers which of the given ESCO URIs exist in the imported classification (wired to the ESCO repository). */
export type KnownEscoUris = (uris: readonly string[]) => Promise<Set<string>>;

const issuesOf = (error: z.ZodError): DefinitionIssue[] => error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** Parses input with one of the catalogue's schemas; refuses with every failing path at once. */
export function parseDefinitionInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw definitionInvalid(issuesOf(parsed.error));
  return parsed.data;
}

/**
 * A cohort may not be created with a start in the past. Only cohorts the previous text of this definition
 * did not have are checked: a draft copied from last year's version keeps its history until edited away.
 */
export function pastCohortIssues(definition: AchievementDefinition, previous: AchievementDefinition | undefined, today: string, pathPrefix: string): DefinitionIssue[] {
  if (definition.startDates.kind !== 'cohorts') return [];
  const known = new Set(previous?.startDates.kind === 'cohorts' ? previous.startDates.cohorts.map((c) => c.startsOn) : []);
  return definition.startDates.cohorts.flatMap((cohort, i) =>
    cohort.startsOn < today && !known.has(cohort.startsOn)
      ? [{ path: `${pathPrefix}startDates.cohorts.${i}.startsOn`, message: `a new cohort cannot start in the past (${cohort.startsOn} is before ${today})` }]
      : [],
  );
}

/** Refuses ESCO URIs the imported classification does not know; does nothing when no classification is wired. */
export async function checkEscoUris(definition: AchievementDefinition, knownEscoUris: KnownEscoUris | null, pathPrefix: string): Promise<void> {
  if (knownEscoUris === null) return;
  const references = escoReferencesOf(definition);
  if (references.length === 0) return;
  const known = await knownEscoUris([...new Set(references.map((r) => r.uri))]);
  const unknown = references.filter((r) => !known.has(r.uri)).map((r) => ({ ...r, path: `${pathPrefix}${r.path}` }));
  if (unknown.length > 0) throw unknownEscoUris(unknown);
}
