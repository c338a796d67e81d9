import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { AchievementDefinition } from '../achievement.schema.js';
import type { SearchOccupation, SearchSkill } from './catalog-search.tables.js';
import { createHarvestedSearchIndex } from './harvested-search-index.js';
import { priceBandOf } from './price-bands.js';
import { addToVocabulary, escoConceptsOf, nextStartOn, searchVectorOf, today, vocabularyOf, withSynonyms, type EntryText, type EscoConcepts, type Executor } from './search-entry.js';

/** Achievements per batch when the whole index is rebuilt. */
const REBUILD_BATCH = 500;

interface Published {
  achievementId: string;
  achievementSlug: string;
  version: number;
  publishedAt: Date | null;
  organisation: { id: string; slug: string; name: string };
  definition: AchievementDefinition;
}

/** The newest published version of each of some achievements (those with none are left out). */
async function newestPublished(executor: Executor, achievementIds: string[]): Promise<Published[]> {
  if (achievementIds.length === 0) return [];
  const rows = await executor
    .selectFrom('achievement_versions as v')
    .innerJoin('achievements as a', 'a.id', 'v.achievement_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .distinctOn('v.achievement_id')
    .select(['v.achievement_id', 'v.version', 'v.definition', 'v.published_at', 'a.slug', 'o.id as org_id', 'o.slug as org_slug', 'o.name as org_name'])
    .where('v.achievement_id', 'in', achievementIds)
    .where('v.status', '=', 'published')
    .orderBy('v.achievement_id')
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((row) => ({
    achievementId: row.achievement_id,
    achievementSlug: row.slug,
    version: row.version,
    publishedAt: row.published_at,
    organisation: { id: row.org_id, slug: row.org_slug, name: row.org_name },
    // Validated when written; published versions are not re-validated (see achievement.schema.ts).
    definition: row.definition as AchievementDefinition,
  }));
}

/** The skills of a definition, once each (the first label given wins), with ESCO's current labels. */
function skillsOf(definition: AchievementDefinition, concepts: EscoConcepts): SearchSkill[] {
  const named = new Map<string, string>();
  for (const outcome of definition.outcomes) for (const skill of outcome.escoSkills) if (!named.has(skill.uri)) named.set(skill.uri, skill.label);
  return withSynonyms(named, concepts);
}

async function activeEndorsements(executor: Executor, achievementIds: string[]): Promise<Map<string, number>> {
  const rows = await executor
    .selectFrom('issued_credentials')
    .select((eb) => ['achievement_id', eb.fn.countAll<string>().as('n')])
    .where('kind', '=', 'EndorsementCredential')
    .where('achievement_id', 'in', achievementIds)
    .where('status', '=', 'active')
    .groupBy('achievement_id')
    .execute();
  return new Map(rows.map((row) => [row.achievement_id!, Number(row.n)]));
}

/** The index row of one published version, and the words it adds to the typo vocabulary. */
function entryOf(published: Published, skills: SearchSkill[], endorsementCount: number, on: string) {
  const { definition } = published;
  // Once each, as skills are: facets count an entry per URI it lists.
  const occupations: SearchOccupation[] = [...new Map(definition.labourMarket.escoOccupations.map((o) => [o.uri, o.label]))].map(([uri, label]) => ({ uri, label }));
  const outcomesText = definition.outcomes.map((outcome) => outcome.statement).join('\n');
  const text: EntryText = { title: definition.title, description: definition.description, outcomesText, skills, occupations, providerName: published.organisation.name };
  const cohortStarts = definition.startDates.kind === 'cohorts' ? definition.startDates.cohorts.map((c) => c.startsOn).sort() : [];
  const values = {
    achievement_id: published.achievementId,
    version: published.version,
    achievement_slug: published.achievementSlug,
    organisation_id: published.organisation.id,
    organisation_slug: published.organisation.slug,
    organisation_name: published.organisation.name,
    title: definition.title,
    description: definition.description,
    outcomes_text: outcomesText,
    skills: JSON.stringify(skills),
    skill_uris: skills.map((skill) => skill.uri),
    occupations: JSON.stringify(occupations),
    occupation_uris: occupations.map((occupation) => occupation.uri),
    eqf_level: definition.eqfLevel ?? null,
    delivery_modes: definition.deliveryModes,
    language: definition.language,
    price_amount: definition.price.amount,
    price_currency: definition.price.currency,
    price_band: priceBandOf(definition.price.amount),
    credit_value: definition.credit.value,
    credit_system: definition.credit.system,
    on_demand: definition.startDates.kind === 'on-demand',
    cohort_starts: cohortStarts,
    next_cohort_on: nextStartOn(cohortStarts, on),
    endorsement_count: endorsementCount,
    published_at: published.publishedAt,
    search_vector: searchVectorOf(text),
    updated_at: new Date(),
  };
  return { values, words: vocabularyOf(text) };
}

/**
 * Writes the entries of some published versions with a handful of statements however many there are: a
 * rebuild after an ESCO import re-indexes the whole catalogue, and one round trip per entry made that
 * minutes at 100,000 entries.
 */
async function writeEntries(executor: Executor, published: Published[], on: string, vocabulary?: Set<string>): Promise<void> {
  if (published.length === 0) return;
  const concepts = await escoConceptsOf(executor, published.flatMap((p) => p.definition.outcomes.flatMap((outcome) => outcome.escoSkills.map((skill) => skill.uri))));
  const endorsements = await activeEndorsements(executor, published.map((p) => p.achievementId));
  const entries = published.map((p) => entryOf(p, skillsOf(p.definition, concepts), endorsements.get(p.achievementId) ?? 0, on));
  const columns = Object.keys(entries[0]!.values).filter((column) => column !== 'achievement_id') as Array<keyof (typeof entries)[number]['values']>;
  await executor
    .insertInto('catalog_search')
    .values(entries.map((entry) => entry.values))
    .onConflict((oc) => oc.column('achievement_id').doUpdateSet((eb) => Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]))))
    .execute();
  const words = entries.flatMap((entry) => entry.words);
  // A rebuild gathers the words and writes them once: batch after batch repeats most of them, and each
  // repeat costs a unique-index probe (a third of a rebuild's time on the embedded database).
  if (vocabulary) for (const word of words) vocabulary.add(word);
  else await addToVocabulary(executor, words);
}

/**
 * Keeps the search index in step with the catalogue. `refresh` runs inside the caller's transaction (the
 * change and its index entry commit together; on the embedded database a second connection would wait for
 * that transaction anyway); `rebuild` recreates every entry, for the demo seed and for data that predates
 * the index. It is also the harvester's `HarvestedSearchIndex` (`sync`, `removeSubscription`): harvested
 * offerings live in the same table, and a rebuild indexes them again from the stored harvested items.
 */
export function createSearchIndex(deps: { clock: () => Date }) {
  const harvested = createHarvestedSearchIndex(deps);
  return {
    sync: harvested.sync,
    removeSubscription: harvested.removeSubscription,
    /** Indexes every active harvested offering (migration 0009). */
    indexHarvested: (executor: Executor) => harvested.indexAll(executor),

    /** Rebuilds one achievement's entry from its newest published version, or removes it when none is left. */
    async refresh(executor: Executor, achievementId: string): Promise<void> {
      // Callers refresh after recording their event, which takes the event log's chain lock: a publish
      // and an endorsement of the same achievement are thereby serialised, and the later one reads what the
      // earlier committed (taking the achievement's row lock here instead could deadlock against that lock).
      const published = await newestPublished(executor, [achievementId]);
      if (published.length === 0) {
        await executor.deleteFrom('catalog_search').where('achievement_id', '=', achievementId).execute();
        return;
      }
      await writeEntries(executor, published, today(deps.clock));
    },

    async rebuild(db: Kysely<Database>): Promise<{ entries: number }> {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('catalog_search').execute();
        await trx.deleteFrom('catalog_search_vocabulary').execute();
        const rows = await trx.selectFrom('achievement_versions').select('achievement_id').where('status', '=', 'published').distinct().execute();
        const ids = rows.map((row) => row.achievement_id);
        let entries = 0;
        const vocabulary = new Set<string>();
        for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
          const published = await newestPublished(trx, ids.slice(i, i + REBUILD_BATCH));
          await writeEntries(trx, published, today(deps.clock), vocabulary);
          entries += published.length;
        }
        await addToVocabulary(trx, [...vocabulary]);
        entries += (await harvested.indexAll(trx)).entries;
        return { entries };
      });
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;

/** Recreates the whole search index (demo seed, existing installations). */
export const rebuildSearchIndex = (db: Kysely<Database>, clock: () => Date = () => new Date()): Promise<{ entries: number }> => createSearchIndex({ clock }).rebuild(db);
