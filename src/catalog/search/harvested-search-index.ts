import { sql } from 'kysely';
import { DELIVERY_MODES } from '../achievement.schema.js';
import { createFeedSubscriptionsRepository } from '../feeds/feed-subscriptions.repository.js';
import { harvestedSearchFields, type HarvestedSearchFields, type HarvestedSearchIndex } from '../feeds/harvested-search-fields.js';
import type { SearchOccupation } from './catalog-search.tables.js';
import { escoUriValue, languageValue, providerValue } from './catalogue-search.schema.js';
import { priceBandOf } from './price-bands.js';
import { addToVocabulary, escoConceptsOf, nextStartOn, searchVectorOf, today, vocabularyOf, withSynonyms, type EntryText, type EscoConcepts, type Executor } from './search-entry.js';

/** Offerings per statement when everything harvested is indexed again. */
const BATCH = 500;

const isWebUrl = (value: string): boolean => {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** Alignments once each (the first label given wins), keeping only URIs the skill and occupation filters accept. */
function namedTargets(targets: Array<{ uri: string; label: string }>, what: 'skill' | 'occupation'): Map<string, string> {
  const named = new Map<string, string>();
  for (const target of targets) if (!named.has(target.uri) && escoUriValue(what).safeParse(target.uri).success) named.set(target.uri, target.label);
  return named;
}

/** The instance an offering came from, as people name it: the feed's host. */
export const instanceOf = (feedUrl: string): string => new URL(feedUrl).host;

/**
 * The index row of one harvested offering, or null when it cannot be shown (its addresses are not web
 * pages one could link to). Values the filters would refuse (a delivery mode this instance does not
 * know, a language that is no BCP 47 tag) are left out, so every facet value stays selectable.
 */
function harvestedEntryOf(fields: HarvestedSearchFields, concepts: EscoConcepts, on: string) {
  if (!isWebUrl(fields.subjectId) || !isWebUrl(fields.achievementUrl) || !isWebUrl(fields.origin.feedUrl) || fields.title.trim() === '') return null;
  const skills = withSynonyms(namedTargets(fields.skills, 'skill'), concepts);
  const occupations: SearchOccupation[] = [...namedTargets(fields.occupations, 'occupation')].map(([uri, label]) => ({ uri, label }));
  const providerName = fields.providerName.trim() || instanceOf(fields.origin.feedUrl);
  const text: EntryText = { title: fields.title, description: fields.description, outcomesText: fields.outcomesText, skills, occupations, providerName };
  // The creator's DID, not the signer's: an organisation signing under did:key is still one provider.
  const provider = [fields.creatorDid, fields.origin.issuerDid].find((did) => providerValue.safeParse(did).success) ?? instanceOf(fields.origin.feedUrl);
  const values = {
    achievement_id: null,
    version: fields.version,
    achievement_slug: null,
    organisation_id: null,
    organisation_slug: provider,
    organisation_name: providerName,
    title: fields.title,
    description: fields.description,
    outcomes_text: fields.outcomesText,
    skills: JSON.stringify(skills),
    skill_uris: skills.map((skill) => skill.uri),
    occupations: JSON.stringify(occupations),
    occupation_uris: occupations.map((occupation) => occupation.uri),
    eqf_level: fields.eqfLevel,
    delivery_modes: fields.deliveryModes.filter((mode) => (DELIVERY_MODES as readonly string[]).includes(mode)),
    language: fields.language !== null && languageValue.safeParse(fields.language).success ? fields.language : null,
    price_amount: fields.price?.amount ?? null,
    price_currency: fields.price?.currency ?? null,
    price_band: fields.price ? priceBandOf(fields.price.amount) : null,
    credit_value: fields.creditValue,
    // The feed's Achievement states creditsAvailable only, not in which system.
    credit_system: null,
    on_demand: fields.onDemand,
    cohort_starts: fields.cohortStarts,
    next_cohort_on: nextStartOn(fields.cohortStarts, on),
    // Endorsements are credentials held on the source instance; the feed does not carry them.
    endorsement_count: 0,
    published_at: fields.sourceUpdatedAt,
    subscription_id: fields.origin.subscriptionId,
    subject_id: fields.subjectId,
    feed_url: fields.origin.feedUrl,
    issuer_did: fields.origin.issuerDid,
    creator_did: fields.creatorDid,
    achievement_url: fields.achievementUrl,
    fetched_at: fields.origin.fetchedAt,
    search_vector: searchVectorOf(text),
    updated_at: new Date(),
  };
  return { values, words: vocabularyOf(text) };
}

/**
 * Newest statement first. On a tie a withdrawal first (two feeds disagreeing about the same statement:
 * the cautious reading), then the latest fetch, then a fixed order, so the choice never flickers.
 */
const newestFirst = (a: HarvestedSearchFields, b: HarvestedSearchFields): number =>
  b.sourceUpdatedAt.getTime() - a.sourceUpdatedAt.getTime() ||
  Number(a.active) - Number(b.active) ||
  b.origin.fetchedAt.getTime() - a.origin.fetchedAt.getTime() ||
  a.origin.subscriptionId.localeCompare(b.origin.subscriptionId);

/**
 * Harvests of different subscriptions hold different subscription locks yet may carry the same offering:
 * their index writes take this transaction-scoped lock in turn, so each sees what the other stored.
 * Callers already hold their subscription's row lock; nothing takes the two the other way round.
 */
const HARVESTED_INDEX_LOCK = 7_342_001;
const lockHarvestedIndex = (executor: Executor) => sql`select pg_advisory_xact_lock(${HARVESTED_INDEX_LOCK}::bigint)`.execute(executor);

/**
 * Shows each offering of some subjects once: of every statement stored about it (one per subscription
 * that relays it, keyed by creator + subject), the newest; none if that one is a withdrawal or cannot be
 * shown. The subjects' entries are replaced in full, so an entry never outlives the statement it showed.
 */
async function showNewest(executor: Executor, subjectIds: string[], on: string, excludeSubscription?: string): Promise<number> {
  const subjects = [...new Set(subjectIds)];
  if (subjects.length === 0) return 0;
  await lockHarvestedIndex(executor);
  const stored = await createFeedSubscriptionsRepository(executor).offerings(undefined, { subjectIds: subjects, executor });
  const newest = new Map<string, HarvestedSearchFields>();
  const statements = stored.filter((offering) => offering.subscriptionId !== excludeSubscription).map(harvestedSearchFields).sort(newestFirst);
  for (const fields of statements) if (!newest.has(`${fields.creatorDid} ${fields.subjectId}`)) newest.set(`${fields.creatorDid} ${fields.subjectId}`, fields);
  const shown = [...newest.values()].filter((fields) => fields.active);
  const concepts = await escoConceptsOf(executor, shown.flatMap((fields) => fields.skills.map((skill) => skill.uri)));
  const entries = shown.flatMap((fields) => harvestedEntryOf(fields, concepts, on) ?? []);
  await executor.deleteFrom('catalog_search').where('subscription_id', 'is not', null).where('subject_id', 'in', subjects).execute();
  if (entries.length === 0) return 0;
  await executor.insertInto('catalog_search').values(entries.map((entry) => entry.values)).execute();
  await addToVocabulary(executor, entries.flatMap((entry) => entry.words));
  return entries.length;
}

/**
 * Harvested offerings in the catalogue's search index, beside local entries in the same table. The
 * harvester calls `sync` inside its own transaction, so search shows exactly what the last successful
 * write stored: a harvest that fails, or an item that does not verify, writes nothing and so changes
 * nothing here.
 */
export function createHarvestedSearchIndex(deps: { clock: () => Date }) {
  const seam: HarvestedSearchIndex = {
    sync: async (trx, changed) => {
      const subjects = [...new Set(changed.map((fields) => fields.subjectId))];
      for (let i = 0; i < subjects.length; i += BATCH) await showNewest(trx, subjects.slice(i, i + BATCH), today(deps.clock));
    },
    /** Before the subscription goes: what only it relayed leaves search; what another relays too stays, from that one. */
    removeSubscription: async (trx, subscriptionId) => {
      // The subscription's row lock first, as a harvest takes it, then the index lock.
      await trx.selectFrom('catalogue_feed_subscriptions').select('id').where('id', '=', subscriptionId).forUpdate().execute();
      const entries = await trx.selectFrom('catalog_search').select('subject_id').where('subscription_id', '=', subscriptionId).execute();
      await trx.deleteFrom('catalog_search').where('subscription_id', '=', subscriptionId).execute();
      await showNewest(trx, entries.map((entry) => entry.subject_id!), today(deps.clock), subscriptionId);
    },
  };
  return {
    ...seam,
    /** Indexes every active harvested offering from the stored items (rebuilds, migration 0009). */
    async indexAll(executor: Executor): Promise<{ entries: number }> {
      // Subjects first, then their stored items a batch at a time: each item carries its whole
      // Achievement, and 100,000 of them at once would not fit in memory.
      const subjects = await executor.selectFrom('harvested_offerings').select('subject_id').where('status', '=', 'active').distinct().orderBy('subject_id').execute();
      let entries = 0;
      for (let i = 0; i < subjects.length; i += BATCH) entries += await showNewest(executor, subjects.slice(i, i + BATCH).map((row) => row.subject_id), today(deps.clock));
      return { entries };
    },
  };
}
