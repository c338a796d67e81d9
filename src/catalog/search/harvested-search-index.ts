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
  const provider = providerValue.safeParse(fields.origin.issuerDid).success ? fields.origin.issuerDid : instanceOf(fields.origin.feedUrl);
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
    achievement_url: fields.achievementUrl,
    fetched_at: fields.origin.fetchedAt,
    search_vector: searchVectorOf(text),
    updated_at: new Date(),
  };
  return { values, words: vocabularyOf(text) };
}

/** Removes the entries of some subjects of one subscription. */
async function removeEntries(executor: Executor, subscriptionId: string, subjectIds: string[]): Promise<void> {
  if (subjectIds.length === 0) return;
  await executor.deleteFrom('catalog_search').where('subscription_id', '=', subscriptionId).where('subject_id', 'in', subjectIds).execute();
}

/** Writes (or removes) the entries of some harvested offerings with a few statements however many there are. */
async function writeHarvested(executor: Executor, offerings: HarvestedSearchFields[], on: string): Promise<number> {
  // Withdrawn offerings, and active ones that cannot be shown, leave search.
  const bySubscription = new Map<string, string[]>();
  const gone = (fields: HarvestedSearchFields) => {
    const subjects = bySubscription.get(fields.origin.subscriptionId) ?? [];
    subjects.push(fields.subjectId);
    bySubscription.set(fields.origin.subscriptionId, subjects);
  };
  for (const fields of offerings) if (!fields.active) gone(fields);
  // One row per key: a single upsert may not touch the same row twice.
  const active = [...new Map(offerings.filter((fields) => fields.active).map((fields) => [`${fields.origin.subscriptionId} ${fields.subjectId}`, fields])).values()];
  const concepts = await escoConceptsOf(executor, active.flatMap((fields) => fields.skills.map((skill) => skill.uri)));
  const entries = active.flatMap((fields) => {
    const entry = harvestedEntryOf(fields, concepts, on);
    if (entry === null) gone(fields);
    return entry === null ? [] : [entry];
  });
  for (const [subscriptionId, subjectIds] of bySubscription) await removeEntries(executor, subscriptionId, subjectIds);
  if (entries.length === 0) return 0;
  const columns = Object.keys(entries[0]!.values).filter((column) => column !== 'subscription_id' && column !== 'subject_id') as Array<keyof (typeof entries)[number]['values']>;
  await executor
    .insertInto('catalog_search')
    .values(entries.map((entry) => entry.values))
    .onConflict((oc) => oc.columns(['subscription_id', 'subject_id']).doUpdateSet((eb) => Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]))))
    .execute();
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
      await writeHarvested(trx, changed, today(deps.clock));
    },
    removeSubscription: async (trx, subscriptionId) => {
      await trx.deleteFrom('catalog_search').where('subscription_id', '=', subscriptionId).execute();
    },
  };
  return {
    ...seam,
    /** Indexes every active harvested offering from the stored items (rebuilds, migration 0009). */
    async indexAll(executor: Executor): Promise<{ entries: number }> {
      // Keys first, then the stored items a batch at a time: each item carries its whole Achievement, and
      // 100,000 of them at once would not fit in memory.
      const keys = await executor.selectFrom('harvested_offerings').select(['subscription_id', 'subject_id']).where('status', '=', 'active').orderBy('subscription_id').orderBy('subject_id').execute();
      const offerings = createFeedSubscriptionsRepository(executor);
      let entries = 0;
      for (let i = 0; i < keys.length; i += BATCH) {
        const batch = keys.slice(i, i + BATCH);
        const stored = [];
        for (const subscriptionId of new Set(batch.map((key) => key.subscription_id))) {
          stored.push(...(await offerings.offerings(subscriptionId, { subjectIds: batch.filter((key) => key.subscription_id === subscriptionId).map((key) => key.subject_id), executor })));
        }
        entries += await writeHarvested(executor, stored.filter((offering) => offering.status === 'active').map(harvestedSearchFields), today(deps.clock));
      }
      return { entries };
    },
  };
}
