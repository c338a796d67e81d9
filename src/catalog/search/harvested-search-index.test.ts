import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { demoAchievements } from '../../demo/demo-achievements.js';
import { createEscoRepository } from '../esco/esco.repository.js';
import { createEscoService } from '../esco/esco.service.js';
import { buildFeedItem } from '../feeds/feed-item.js';
import { createFeedSubscriptionsRepository } from '../feeds/feed-subscriptions.repository.js';
import { harvestedSearchFields } from '../feeds/harvested-search-fields.js';
import { createCatalogueSearchRepository } from './catalogue-search.repository.js';
import { catalogueSearchQuery, type CatalogueSearchView } from './catalogue-search.schema.js';
import { createCatalogueSearchService, type CatalogueSearchService } from './catalogue-search.service.js';
import { createSearchIndex, type SearchIndex } from './search-index.js';

const clock = () => new Date('2026-11-23T15:00:00Z');
const REMOTE = 'https://remote.example';
const FEED = `${REMOTE}/feeds/catalogue`;
const DID = 'did:web:remote.example:orgs:harbour';
const SPREADSHEETS = 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be';
const definition = demoAchievements[0]!.definition;
/** Random letters: a repeating pattern compresses and would slip under the b-tree row limit. */
const letters = (n: number): string => [...randomBytes(n)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');

/** The embedded achievement and offering facts of a real feed item, as a harvest stores them. */
const itemParts = (slug: string) => {
  const item = buildFeedItem({ publicUrl: REMOTE, organisation: { slug: 'harbour', name: 'Harbour College', url: null, description: null }, issuerDid: DID, achievementSlug: slug, version: 3, definition, status: 'active', changedAt: new Date('2026-03-01T00:00:00Z') });
  return item.credentialSubject as { id: string; achievement: Record<string, unknown> & { id: string; name: string }; offering: Record<string, unknown> };
};

describe('harvested offerings in the search index', () => {
  let database: TestDatabase;
  let index: SearchIndex;
  let catalogue: CatalogueSearchService;
  let subscriptionId: string;

  const search = (query: Record<string, string>): Promise<CatalogueSearchView> => catalogue.search(catalogueSearchQuery.parse(query));
  /** Stores an offering as the harvester does, then syncs what is stored into the index in one transaction. */
  const harvest = async (slug: string, change: { status?: 'active' | 'withdrawn'; subjectId?: string; offering?: Record<string, unknown>; title?: string; via?: string; at?: Date; creator?: string } = {}) => {
    const parts = itemParts(slug);
    const subjectId = change.subjectId ?? parts.id;
    const via = change.via ?? subscriptionId;
    const achievement = change.creator ? { ...parts.achievement, creator: { id: change.creator, type: ['Profile'], name: 'Someone' } } : parts.achievement;
    const values = { achievement_id: parts.achievement.id, issuer_did: change.creator ?? DID, feed_url: FEED, status: change.status ?? 'active', title: change.title ?? parts.achievement.name, achievement: JSON.stringify(achievement), offering: JSON.stringify({ ...parts.offering, ...change.offering }), credential: '{}', source_updated_at: change.at ?? new Date(), fetched_at: new Date() };
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('harvested_offerings').values({ subscription_id: via, subject_id: subjectId, ...values }).onConflict((oc) => oc.columns(['subscription_id', 'subject_id']).doUpdateSet(values)).execute();
      const stored = await createFeedSubscriptionsRepository(database.db).offerings(via, { subjectIds: [subjectId], executor: trx });
      await index.sync(trx, stored.map(harvestedSearchFields));
    });
    return subjectId;
  };
  const subscribe = async (url: string): Promise<string> => (await database.db.insertInto('catalogue_feed_subscriptions').values({ feed_url: url, refresh_minutes: 60 }).returning('id').executeTakeFirstOrThrow()).id;
  const entries = () => database.db.selectFrom('catalog_search').select(['subject_id', 'title', 'subscription_id', 'creator_did']).where('subscription_id', 'is not', null).orderBy('subject_id').orderBy('creator_did').execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insertInto('esco_concepts').values({ uri: SPREADSHEETS, concept_type: 'skill', preferred_label: 'use spreadsheets software', alt_labels: ['Google Sheets', 'LibreOffice Calc'] }).execute();
    index = createSearchIndex({ clock });
    catalogue = createCatalogueSearchService({ search: createCatalogueSearchRepository(database.db), esco: createEscoService({ db: database.db, esco: createEscoRepository(database.db) }), clock, publicUrl: 'http://localhost:3000' });
  });

  beforeEach(async () => {
    await database.db.deleteFrom('catalogue_feed_subscriptions').execute();
    subscriptionId = await subscribe(FEED);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('indexes an offering with this instance’s ESCO synonyms, its origin and the remote version', async () => {
    await harvest('sheets');
    const view = await search({ q: 'gogle sheets' });
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({
      achievementId: null,
      version: 3,
      url: `${REMOTE}/orgs/harbour/achievements/sheets`,
      provider: { id: null, slug: DID, name: 'Harbour College' },
      origin: { instance: 'remote.example', feedUrl: FEED, subscriptionId, issuerDid: DID, achievementUrl: `${REMOTE}/orgs/harbour/achievements/sheets/versions/3` },
      credit: { value: definition.credit.value, system: null },
    });
    expect(view.items[0]!.skills.find((s) => s.uri === SPREADSHEETS)?.matchedLabel).toBe('Google Sheets');
  });

  it('keeps out of facets what the filters would refuse, and says nothing rather than invent a price', async () => {
    await harvest('odd', { offering: { deliveryModes: ['online', 'telepathy'], language: 'English', price: { amount: -5, currency: 'EUR' }, startDates: { kind: 'cohorts', startsOn: ['0000-01-01', '2027-01-10'] } } });
    const view = await search({});
    expect(view.items[0]).toMatchObject({ deliveryModes: ['online'], language: null, price: null, onDemand: false, nextCohortOn: '2027-01-10' });
    expect(view.facets.mode.map((f) => f.value)).toEqual(['online']);
    expect(view.facets.language).toEqual([]);
    expect(view.facets.priceBand).toEqual([]);
    // Every provider value offered can be sent back as a filter.
    expect((await search({ provider: view.facets.provider[0]!.value })).total).toBe(1);
  });

  it('indexes an offering whose description is one 10,000-letter word (the typo vocabulary leaves it out)', async () => {
    const parts = itemParts('long');
    await harvest('long', { title: `Long ${letters(500)}`, offering: {} });
    await database.db.updateTable('harvested_offerings').set({ achievement: JSON.stringify({ ...parts.achievement, description: letters(10_000) }) }).where('subject_id', '=', parts.id).execute();
    await database.db.transaction().execute(async (trx) => index.sync(trx, (await createFeedSubscriptionsRepository(database.db).offerings(subscriptionId, { executor: trx })).map(harvestedSearchFields)));
    expect((await search({ q: 'long' })).total).toBe(1);
  });

  it('does not index an offering whose page is not a web address', async () => {
    await harvest('script', { subjectId: 'javascript:alert(1)' });
    expect(await entries()).toEqual([]);
  });

  it('removes a withdrawn offering, one whose stored row goes, and everything of an ended subscription', async () => {
    const first = await harvest('first');
    const second = await harvest('second');
    const third = await harvest('third');
    expect((await entries()).map((e) => e.subject_id)).toEqual([first, second, third]);
    await harvest('first', { status: 'withdrawn' });
    expect((await entries()).map((e) => e.subject_id)).toEqual([second, third]);
    // Even without the index being told, the entry cannot outlive its stored offering.
    await database.db.deleteFrom('harvested_offerings').where('subject_id', '=', second).execute();
    expect((await entries()).map((e) => e.subject_id)).toEqual([third]);
    await database.db.transaction().execute((trx) => index.removeSubscription(trx, subscriptionId));
    expect(await entries()).toEqual([]);
  });

  it('updates an entry in place when the offering changes', async () => {
    await harvest('renamed');
    await harvest('renamed', { title: 'Spreadsheets, Second Edition' });
    expect((await entries()).map((e) => e.title)).toEqual(['Spreadsheets, Second Edition']);
    expect((await search({ q: 'edition' })).total).toBe(1);
  });

  it('pages through entries that tie on every sort key without repeating one', async () => {
    for (const slug of ['a', 'b', 'c']) await harvest(slug);
    for (const sort of ['title', 'price', 'credit', 'start'] as const) {
      const pages = await Promise.all([0, 1, 2].map((offset) => search({ sort, limit: '1', offset: String(offset) })));
      expect(new Set(pages.map((page) => page.items[0]!.url)).size, sort).toBe(3);
    }
  });

  it('shows an offering two subscriptions relay once, from the newest statement, until the newest says withdrawn', async () => {
    const mirror = await subscribe(`${FEED}?mirror`);
    const t = (day: number) => new Date(Date.UTC(2026, 10, day));
    await harvest('relayed', { at: t(1) });
    await harvest('relayed', { via: mirror, at: t(1) });
    expect(await entries()).toHaveLength(1);
    await harvest('relayed', { via: mirror, at: t(2), title: 'Relayed, revised' });
    expect((await entries()).map((e) => [e.title, e.subscription_id])).toEqual([['Relayed, revised', mirror]]);
    // The older statement harvested again does not take it back.
    await harvest('relayed', { at: t(1), title: 'Relayed, old' });
    expect((await entries()).map((e) => e.title)).toEqual(['Relayed, revised']);
    // The source withdraws it: gone, though the mirror still lists its older, active statement.
    await harvest('relayed', { at: t(3), status: 'withdrawn' });
    expect(await entries()).toEqual([]);
  });

  it('unsubscribing keeps what another subscription relays too, from that one', async () => {
    const mirror = await subscribe(`${FEED}?mirror`);
    await harvest('both', { at: new Date('2026-11-01T00:00:00Z') });
    await harvest('both', { via: mirror, at: new Date('2026-11-02T00:00:00Z') });
    await harvest('only-here');
    expect((await entries()).map((e) => e.subscription_id)).toEqual([mirror, subscriptionId]);
    await database.db.transaction().execute(async (trx) => {
      await index.removeSubscription(trx, mirror);
      await trx.deleteFrom('catalogue_feed_subscriptions').where('id', '=', mirror).execute();
    });
    expect((await entries()).map((e) => [e.subject_id!.split('/').at(-1), e.subscription_id])).toEqual([['both', subscriptionId], ['only-here', subscriptionId]]);
  });

  it('another creator claiming the same page is another offering: it neither merges with nor hides the first', async () => {
    const other = await subscribe('https://elsewhere.example/feeds/catalogue');
    const subject = await harvest('claimed', { at: new Date('2026-11-01T00:00:00Z') });
    await harvest('claimed', { via: other, at: new Date('2026-11-05T00:00:00Z'), status: 'withdrawn', creator: 'did:key:z6MkOther' });
    expect((await entries()).map((e) => e.creator_did)).toEqual([DID]);
    await harvest('claimed', { via: other, at: new Date('2026-11-06T00:00:00Z'), creator: 'did:key:z6MkOther', title: 'Claimed by another' });
    expect((await entries()).map((e) => [e.subject_id, e.creator_did])).toEqual([[subject, 'did:key:z6MkOther'], [subject, DID]]);
  });

  it('a rebuild indexes harvested offerings again from what is stored', async () => {
    await harvest('kept');
    await harvest('gone', { status: 'withdrawn' });
    await database.db.deleteFrom('catalog_search').execute();
    expect(await index.rebuild(database.db)).toEqual({ entries: 1 });
    expect((await entries()).map((e) => e.subject_id)).toEqual([`${REMOTE}/orgs/harbour/achievements/kept`]);
  });
});
