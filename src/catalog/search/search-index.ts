import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { AchievementDefinition } from '../achievement.schema.js';
import type { SearchOccupation, SearchSkill } from './catalog-search.tables.js';
import { priceBandOf } from './price-bands.js';

type Executor = Kysely<Database> | Transaction<Database>;

const WORD = /[\p{L}\p{N}]+/gu;
/** Words of one or two letters are left out of the typo vocabulary: any typo is "near" them. */
const MIN_WORD_LENGTH = 3;

/** The distinct lower-case words of some texts, for the typo vocabulary. */
export const wordsOf = (texts: string[]): string[] =>
  [...new Set(texts.flatMap((text) => text.toLowerCase().match(WORD) ?? []))].filter((word) => word.length >= MIN_WORD_LENGTH);

const today = (clock: () => Date): string => clock().toISOString().slice(0, 10);

interface Published {
  achievementId: string;
  achievementSlug: string;
  version: number;
  publishedAt: Date | null;
  organisation: { id: string; slug: string; name: string };
  definition: AchievementDefinition;
}

async function newestPublished(executor: Executor, achievementId: string): Promise<Published | undefined> {
  const row = await executor
    .selectFrom('achievement_versions as v')
    .innerJoin('achievements as a', 'a.id', 'v.achievement_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['v.version', 'v.definition', 'v.published_at', 'a.slug', 'o.id as org_id', 'o.slug as org_slug', 'o.name as org_name'])
    .where('v.achievement_id', '=', achievementId)
    .where('v.status', '=', 'published')
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    achievementId,
    achievementSlug: row.slug,
    version: row.version,
    publishedAt: row.published_at,
    organisation: { id: row.org_id, slug: row.org_slug, name: row.org_name },
    // Validated when written; published versions are not re-validated (see achievement.schema.ts).
    definition: row.definition as AchievementDefinition,
  };
}

/** The skills of a definition, once each, with ESCO's current labels where the classification has the concept. */
async function skillsOf(executor: Executor, definition: AchievementDefinition): Promise<SearchSkill[]> {
  const named = new Map<string, string>();
  for (const outcome of definition.outcomes) for (const skill of outcome.escoSkills) if (!named.has(skill.uri)) named.set(skill.uri, skill.label);
  if (named.size === 0) return [];
  const concepts = await executor.selectFrom('esco_concepts').select(['uri', 'preferred_label', 'alt_labels']).where('uri', 'in', [...named.keys()]).execute();
  const byUri = new Map(concepts.map((concept) => [concept.uri, concept]));
  return [...named].map(([uri, label]) => {
    const concept = byUri.get(uri);
    const altLabels = (concept?.alt_labels ?? []).filter((alt) => alt !== (concept?.preferred_label ?? label));
    return { uri, label: concept?.preferred_label ?? label, altLabels };
  });
}

async function activeEndorsements(executor: Executor, achievementId: string): Promise<number> {
  const { n } = await executor
    .selectFrom('issued_credentials')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', 'EndorsementCredential')
    .where('achievement_id', '=', achievementId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function writeEntry(executor: Executor, published: Published, on: string): Promise<void> {
  const { definition } = published;
  const skills = await skillsOf(executor, definition);
  const occupations: SearchOccupation[] = definition.labourMarket.escoOccupations.map((o) => ({ uri: o.uri, label: o.label }));
  const outcomesText = definition.outcomes.map((outcome) => outcome.statement).join('\n');
  const skillsText = skills.flatMap((skill) => [skill.label, ...skill.altLabels]).join('. ');
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
    next_cohort_on: cohortStarts.find((start) => start >= on) ?? null,
    endorsement_count: await activeEndorsements(executor, published.achievementId),
    published_at: published.publishedAt,
    // Title A, skills (with ESCO's alternative labels, so synonyms match) B, outcomes and description C,
    // occupations D: a word in the title outranks the same word in a description.
    search_vector: sql<string>`setweight(to_tsvector('english', ${definition.title}), 'A')
      || setweight(to_tsvector('english', ${skillsText}), 'B')
      || setweight(to_tsvector('english', ${`${outcomesText}\n${definition.description}`}), 'C')
      || setweight(to_tsvector('english', ${occupations.map((o) => o.label).join('. ')}), 'D')`,
    updated_at: new Date(),
  };
  await executor.insertInto('catalog_search').values(values).onConflict((oc) => oc.column('achievement_id').doUpdateSet(values)).execute();
  const words = wordsOf([definition.title, skillsText, outcomesText, definition.description, published.organisation.name]);
  if (words.length > 0) await executor.insertInto('catalog_search_vocabulary').values(words.map((word) => ({ word }))).onConflict((oc) => oc.column('word').doNothing()).execute();
}

/**
 * Keeps the search index in step with the catalogue. `refresh` runs inside the caller's transaction (the
 * change and its index entry commit together; on the embedded database a second connection would wait for
 * that transaction anyway); `rebuild` recreates every entry, for the demo seed and for data that predates the index.
 */
export function createSearchIndex(deps: { clock: () => Date }) {
  return {
    /** Rebuilds one achievement's entry from its newest published version, or removes it when none is left. */
    async refresh(executor: Executor, achievementId: string): Promise<void> {
      // Callers refresh after recording their event, which takes the event log's chain lock: a publish
      // and an endorsement of the same achievement are thereby serialised, and the later one reads what the
      // earlier committed (taking the achievement's row lock here instead could deadlock against that lock).
      const published = await newestPublished(executor, achievementId);
      if (!published) {
        await executor.deleteFrom('catalog_search').where('achievement_id', '=', achievementId).execute();
        return;
      }
      await writeEntry(executor, published, today(deps.clock));
    },

    async rebuild(db: Kysely<Database>): Promise<{ entries: number }> {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('catalog_search').execute();
        await trx.deleteFrom('catalog_search_vocabulary').execute();
        const rows = await trx.selectFrom('achievement_versions').select('achievement_id').where('status', '=', 'published').distinct().execute();
        let entries = 0;
        for (const { achievement_id: id } of rows) {
          const published = await newestPublished(trx, id);
          if (published) {
            await writeEntry(trx, published, today(deps.clock));
            entries += 1;
          }
        }
        return { entries };
      });
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;

/** Recreates the whole search index (demo seed, existing installations). */
export const rebuildSearchIndex = (db: Kysely<Database>, clock: () => Date = () => new Date()): Promise<{ entries: number }> => createSearchIndex({ clock }).rebuild(db);
