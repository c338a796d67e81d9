import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonPrincipal } from '../../src/accounts/principal.js';
import { createFeedSubscriptionsRepository } from '../../src/catalog/feeds/feed-subscriptions.repository.js';
import { createFeeds } from '../../src/catalog/feeds/feeds.js';
import type { HarvestedSearchIndex } from '../../src/catalog/feeds/harvested-search-fields.js';
import { signProof } from '../../src/credentials/index.js';
import type { FetchFunction } from '../../src/credentials/dids/did-resolver.js';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Federation between two Tessera instances: "publisher" serves its catalogue feed on a local port under the
 * public name https://feeds-b.example; "harvester" subscribes to it and harvests through an injected fetch
 * that only changes where the socket goes, so https-only and SSRF rules apply to the real names. A third
 * local server plays badly behaved feeds at https://bad-feeds.example.
 */
const PUBLISHER = 'https://feeds-b.example';
const BAD = 'https://bad-feeds.example';
const FEED = `${PUBLISHER}/feeds/catalogue`;
const MB = 1024 * 1024;

type Json = Record<string, unknown>;
interface Report {
  notModified: boolean;
  complete: boolean;
  pages: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: Array<{ page: number; index: number; code: string; message: string }>;
  error: { code: string; message: string } | null;
}
interface Offering {
  subjectId: string;
  status: string;
  title: string;
  origin: { feedUrl: string; issuerDid: string; fetchedAt: string };
  offering: Json;
}

describe('catalogue feeds between two instances', () => {
  let publisher: TestApp;
  let harvester: TestApp;
  let badServer: http.Server;
  let adminHeaders: SessionHeaders;
  let admin: { id: string; email: string; displayName: string };
  let routeToLocal: FetchFunction;
  let publisherAdmin: SessionHeaders;
  let org: { id: string; slug: string };
  let otherOrg: { id: string; slug: string };
  const achievementIds: string[] = [];
  /** What the bad server answers at /mixed (set per test). */
  let mixedBody = '{}';
  let hugeBytesSent = 0;
  let publisherAnswersHtml = false;
  const conditionalAnswers: number[] = [];

  const localFetch = (ports: { publisher: number; bad: number }): FetchFunction => async (url, init) => {
    const target = new URL(url);
    if (target.origin === PUBLISHER && publisherAnswersHtml) return new Response('<html>maintenance</html>', { headers: { 'content-type': 'text/html' } });
    const port = target.origin === PUBLISHER ? ports.publisher : target.origin === BAD ? ports.bad : undefined;
    if (port === undefined) throw new Error(`no route to ${target.origin} in this test`);
    const response = await fetch(`http://127.0.0.1:${port}${target.pathname}${target.search}`, init);
    if (init.headers['if-none-match'] !== undefined) conditionalAnswers.push(response.status);
    return response;
  };

  const startBadServer = async (): Promise<number> => {
    badServer = http.createServer((request, response) => {
      if (request.url === '/html') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Not a feed</p>');
      // /dropping and /replay answer like /mixed: more subscriptions that watch the same content change.
      if (['/mixed', '/dropping', '/replay'].includes(request.url ?? '')) return void response.writeHead(200, { 'content-type': 'application/json' }).end(mixedBody);
      if (request.url === '/huge') return void streamHuge(response);
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => badServer.listen(0, '127.0.0.1', resolve));
    return (badServer.address() as AddressInfo).port;
  };

  /** 50 MB of JSON-looking bytes with no Content-Length, written only as fast as the client reads. */
  const streamHuge = (response: http.ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    response.write('{"items": [');
    const pump = () => {
      while (hugeBytesSent < 50 * MB && !response.destroyed) {
        hugeBytesSent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end(']}');
    };
    response.on('close', () => response.destroy());
    pump();
  };

  const publishAchievement = async (slug: string): Promise<string> => {
    const created = await publisher.server.inject({ method: 'POST', url: `/api/v1/organisations/${org.slug}/achievements`, headers: { ...publisherAdmin }, payload: { slug, definition: demoAchievements[0]!.definition } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const published = await publisher.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...publisherAdmin } });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  };

  beforeAll(async () => {
    publisher = await createTestApp({ publicUrl: PUBLISHER, rateLimitPerMinute: 100_000 }, { appOptions: { feeds: { pageSize: 1 } } });
    await publisher.server.listen({ port: 0, host: '127.0.0.1' });
    const publisherPort = (publisher.server.server.address() as AddressInfo).port;
    const badPort = await startBadServer();
    routeToLocal = localFetch({ publisher: publisherPort, bad: badPort });
    harvester = await createTestApp({ rateLimitPerMinute: 100_000 }, { appOptions: { verification: { fetch: routeToLocal } } });

    org = await buildOrganisation(publisher.database.db, { name: 'Feeds College' });
    otherOrg = await buildOrganisation(publisher.database.db, { name: 'Another College' });
    const person = await buildPerson(publisher.database.db);
    await addMembership(publisher.database.db, org.id, person.id, 'admin');
    publisherAdmin = await signIn(publisher.server, person.email);
    achievementIds.push(await publishAchievement('forklift-safety'), await publishAchievement('warehouse-data'));

    admin = await buildPerson(harvester.database.db, { isPlatformAdmin: true });
    adminHeaders = await signIn(harvester.server, admin.email);
  });

  afterAll(async () => {
    await harvester?.dispose();
    await publisher?.dispose();
    await new Promise<void>((resolve) => (badServer ? badServer.close(() => resolve()) : resolve()));
  });

  const subscribe = async (url: string): Promise<string> => {
    const response = await harvester.server.inject({ method: 'POST', url: '/api/v1/catalogue/feeds', headers: { ...adminHeaders }, payload: { url, refreshMinutes: 30 } });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };
  const harvest = async (id: string): Promise<Report> => {
    const response = await harvester.server.inject({ method: 'POST', url: `/api/v1/catalogue/feeds/${id}/harvest`, headers: { ...adminHeaders } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Report;
  };
  const subscription = async (id: string) =>
    (await harvester.server.inject({ method: 'GET', url: `/api/v1/catalogue/feeds/${id}`, headers: { ...adminHeaders } })).json() as { lastError: string | null; offerings: Offering[] };
  const feedPage = async (url = '/feeds/catalogue', headers: Record<string, string> = {}) => publisher.server.inject({ method: 'GET', url, headers });
  const allItems = async (): Promise<Json[]> => {
    const items: Json[] = [];
    let url: string | null = '/feeds/catalogue';
    while (url) {
      const body = (await feedPage(url)).json() as { items: Json[]; next: string | null };
      items.push(...body.items);
      url = body.next === null ? null : body.next.slice(PUBLISHER.length);
    }
    return items;
  };

  let feedId: string;
  /** The feed as it was before anything was retired, to replay later. */
  let itemsBeforeRetirement: Json[] = [];

  it('publishes each achievement as an item signed by its issuer, one page at a time, newest change first', async () => {
    const first = await feedPage();
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^".+"$/);
    expect(first.headers['last-modified']).toBeTruthy();
    const body = first.json() as { items: Json[]; next: string | null };
    expect(body.items).toHaveLength(1);
    expect(body.next).toMatch(/^https:\/\/feeds-b\.example\/feeds\/catalogue\?cursor=/);
    const items = await allItems();
    itemsBeforeRetirement = items;
    expect(items.map((item) => (item.credentialSubject as { id: string }).id)).toEqual([
      `${PUBLISHER}/orgs/${org.slug}/achievements/warehouse-data`,
      `${PUBLISHER}/orgs/${org.slug}/achievements/forklift-safety`,
    ]);
    const subject = items[0]!.credentialSubject as { status: string; offering: { provider: { id: string }; price: unknown; deliveryModes: unknown } };
    expect(subject.status).toBe('active');
    expect(subject.offering.provider.id).toBe(`did:web:feeds-b.example:orgs:${org.slug}`);
    expect(items[0]!.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
    // Verified by the other instance, resolving the publisher's did:web over the (local) network.
    for (const item of items) expect((await harvester.services.verification.verify(item)).verified).toBe(true);
  });

  it('answers 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await feedPage();
    expect((await feedPage('/feeds/catalogue', { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    expect((await feedPage('/feeds/catalogue', { 'if-modified-since': String(first.headers['last-modified']) })).statusCode).toBe(304);
    expect((await feedPage('/feeds/catalogue', { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('refuses to subscribe to plain http or private addresses', async () => {
    for (const url of ['http://feeds-b.example/feeds/catalogue', 'https://127.0.0.1/feeds/catalogue', 'https://169.254.169.254/latest']) {
      const response = await harvester.server.inject({ method: 'POST', url: '/api/v1/catalogue/feeds', headers: { ...adminHeaders }, payload: { url } });
      expect(response.statusCode, url).toBe(400);
      expect((response.json() as { code: string }).code).toBe('feeds.url_not_allowed');
    }
  });

  it('harvests every page, verifying each item, and stores the offerings with their origin', async () => {
    feedId = await subscribe(FEED);
    const report = await harvest(feedId);
    expect(report).toMatchObject({ complete: true, pages: 2, inserted: 2, rejected: [], error: null });
    const { offerings } = await subscription(feedId);
    expect(offerings.map((o) => [o.status, o.origin.issuerDid, o.origin.feedUrl]).sort()).toEqual([
      ['active', `did:web:feeds-b.example:orgs:${org.slug}`, FEED],
      ['active', `did:web:feeds-b.example:orgs:${org.slug}`, FEED],
    ]);
    expect(offerings[0]!.offering).toMatchObject({ language: demoAchievements[0]!.definition.language });
    const events = await harvester.database.db.selectFrom('events').select(['payload']).where('type', '=', 'feed.harvested').where('subject_id', '=', feedId).execute();
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ inserted: 2, rejected: 0, error: null })]);
  });

  it('asks again with the ETag and changes nothing when the feed answers 304', async () => {
    conditionalAnswers.length = 0;
    const report = await harvest(feedId);
    expect(report).toMatchObject({ notModified: true, inserted: 0, updated: 0, withdrawn: 0 });
    expect(conditionalAnswers).toEqual([304]);
  });

  it('withdraws a retired achievement on the next harvest', async () => {
    const retired = await publisher.server.inject({ method: 'POST', url: `/api/v1/achievements/${achievementIds[0]}/retire`, headers: { ...publisherAdmin } });
    expect(retired.statusCode, retired.body).toBe(200);
    const report = await harvest(feedId);
    expect(report).toMatchObject({ notModified: false, complete: true, updated: 1, rejected: [] });
    const { offerings } = await subscription(feedId);
    const bySubject = Object.fromEntries(offerings.map((o) => [o.subjectId.split('/').at(-1), o.status]));
    expect(bySubject).toEqual({ 'forklift-safety': 'withdrawn', 'warehouse-data': 'active' });
  });

  it('keeps the previous data and records the error when the feed answers HTML', async () => {
    publisherAnswersHtml = true;
    try {
      const report = await harvest(feedId);
      expect(report.error?.code).toBe('feeds.not_json');
      expect(report.withdrawn).toBe(0);
    } finally {
      publisherAnswersHtml = false;
    }
    const after = await subscription(feedId);
    expect(after.lastError).toMatch(/^feeds\.not_json: .*text\/html/);
    expect(after.offerings.filter((o) => o.status === 'active')).toHaveLength(1);
  });

  it('reports an HTML feed', async () => {
    const id = await subscribe(`${BAD}/html`);
    expect((await harvest(id)).error).toMatchObject({ code: 'feeds.not_json' });
    expect((await subscription(id)).offerings).toEqual([]);
  });

  it('stops reading a 50 MB answer at the size limit without buffering it', async () => {
    const id = await subscribe(`${BAD}/huge`);
    const report = await harvest(id);
    expect(report.error).toMatchObject({ code: 'feeds.too_large' });
    expect(report.error?.message).toContain(String(10 * MB));
    expect(hugeBytesSent).toBeLessThan(50 * MB);
    expect((await subscription(id)).offerings).toEqual([]);
  });

  it('takes the good items of a page and reports a malformed item, one signed by another key and one issued by another organisation', async () => {
    const [good] = await allItems();
    const { proof: _proof, ...unsigned } = good!;
    const otherKey = await publisher.services.keys.identityForSlug(otherOrg.slug);
    const signedByAnotherKey = await signProof({ document: unsigned, signer: otherKey.signer, documentLoader: publisher.services.documentLoader, created: new Date() });
    const issuedByAnother = await signProof({ document: { ...unsigned, issuer: { id: otherKey.did, type: ['Profile'], name: 'Another College' } }, signer: otherKey.signer, documentLoader: publisher.services.documentLoader, created: new Date() });
    mixedBody = JSON.stringify({ items: [good, { type: ['VerifiableCredential'], hello: 'world' }, signedByAnotherKey, issuedByAnother], next: null });
    const id = await subscribe(`${BAD}/mixed`);
    const report = await harvest(id);
    expect(report).toMatchObject({ complete: true, inserted: 1, error: null });
    expect(report.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'feeds.item_malformed'],
      [2, 'feeds.item_unverified'],
      [3, 'feeds.item_issuer_mismatch'],
    ]);
    expect(report.rejected[1]!.message).toMatch(/issuer_resolution/);
    const { offerings } = await subscription(id);
    expect(offerings).toHaveLength(1);
    expect(offerings[0]!.origin.issuerDid).toBe(`did:web:feeds-b.example:orgs:${org.slug}`);
  });

  it('withdraws an entry the source dropped, once the whole feed was read', async () => {
    const id = await subscribe(`${BAD}/dropping`);
    const good = (await allItems()).find((item) => (item.credentialSubject as { status: string }).status === 'active');
    mixedBody = JSON.stringify({ items: [good], next: null });
    expect(await harvest(id)).toMatchObject({ inserted: 1, withdrawn: 0 });
    mixedBody = JSON.stringify({ items: [], next: null });
    expect(await harvest(id)).toMatchObject({ complete: true, withdrawn: 1 });
    expect((await subscription(id)).offerings.map((o) => o.status)).toEqual(['withdrawn']);
    // Listed again, unchanged: it comes back.
    mixedBody = JSON.stringify({ items: [good], next: null });
    expect(await harvest(id)).toMatchObject({ updated: 1 });
    expect((await subscription(id)).offerings.map((o) => o.status)).toEqual(['active']);
  });

  it('never lets a replayed older item undo a withdrawal', async () => {
    const id = await subscribe(`${BAD}/replay`);
    const retired = (await allItems()).find((item) => (item.credentialSubject as { id: string }).id.endsWith('/forklift-safety'))!;
    const before = itemsBeforeRetirement.find((item) => (item.credentialSubject as { id: string }).id.endsWith('/forklift-safety'))!;
    expect((before.credentialSubject as { status: string }).status).toBe('active');
    mixedBody = JSON.stringify({ items: [retired], next: null });
    expect(await harvest(id)).toMatchObject({ inserted: 1 });
    mixedBody = JSON.stringify({ items: [before], next: null });
    expect(await harvest(id)).toMatchObject({ unchanged: 1, updated: 0, rejected: [] });
    expect((await subscription(id)).offerings.map((o) => o.status)).toEqual(['withdrawn']);
  });

  it('accepts an item an organisation signed under did:key when its did:web document lists that key', async () => {
    const keyOrg = await buildOrganisation(publisher.database.db, { name: 'Key College' });
    await publisher.database.db.updateTable('organisations').set({ issuer_did_method: 'key' }).where('id', '=', keyOrg.id).execute();
    const person = await buildPerson(publisher.database.db);
    await addMembership(publisher.database.db, keyOrg.id, person.id, 'admin');
    const headers = await signIn(publisher.server, person.email);
    const created = await publisher.server.inject({ method: 'POST', url: `/api/v1/organisations/${keyOrg.slug}/achievements`, headers: { ...headers }, payload: { slug: 'key-signed', definition: demoAchievements[0]!.definition } });
    expect((await publisher.server.inject({ method: 'POST', url: `/api/v1/achievements/${(created.json() as { id: string }).id}/publish`, headers: { ...headers } })).statusCode).toBe(200);
    const report = await harvest(feedId);
    expect(report).toMatchObject({ inserted: 1, rejected: [], error: null });
    const stored = (await subscription(feedId)).offerings.find((o) => o.subjectId.endsWith('/key-signed'))!;
    expect(stored.origin.issuerDid).toMatch(/^did:key:z6Mk/);
  });

  it('a renamed organisation restates its entries: the feed changes and harvesters update them', async () => {
    const before = await feedPage();
    await publisher.database.db.updateTable('organisations').set({ name: 'Feeds Polytechnic', updated_at: new Date() }).where('id', '=', org.id).execute();
    expect((await feedPage('/feeds/catalogue', { 'if-none-match': String(before.headers.etag) })).statusCode).toBe(200);
    const report = await harvest(feedId);
    expect(report).toMatchObject({ notModified: false, updated: 2, rejected: [] });
    const providers = (await subscription(feedId)).offerings.filter((o) => o.origin.issuerDid.endsWith(org.slug)).map((o) => (o.offering.provider as { name: string }).name);
    expect(providers).toEqual(['Feeds Polytechnic', 'Feeds Polytechnic']);
  });

  it('the scheduler claims each due subscription once and moves its next harvest on', async () => {
    const db = harvester.database.db;
    await db.updateTable('catalogue_feed_subscriptions').set({ next_harvest_at: new Date(Date.now() + 3_600_000) }).execute();
    await db.updateTable('catalogue_feed_subscriptions').set({ next_harvest_at: new Date(Date.now() - 1_000) }).where('id', '=', feedId).execute();
    const scheduler = harvester.services.feeds.createScheduler((error) => {
      throw error;
    });
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const row = await db.selectFrom('catalogue_feed_subscriptions').select(['next_harvest_at', 'last_harvested_at']).where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row.next_harvest_at.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    await scheduler.stop();
  });

  it('two schedulers racing for one due feed: only one claims it', async () => {
    const db = harvester.database.db;
    await db.updateTable('catalogue_feed_subscriptions').set({ next_harvest_at: new Date(Date.now() + 3_600_000) }).execute();
    await db.updateTable('catalogue_feed_subscriptions').set({ next_harvest_at: new Date(Date.now() - 1_000) }).where('id', '=', feedId).execute();
    const repository = createFeedSubscriptionsRepository(db);
    const claims = await Promise.all([repository.claimDue(new Date()), repository.claimDue(new Date())]);
    expect(claims.filter((claim) => claim !== undefined).map((claim) => claim!.id)).toEqual([feedId]);
  });

  it('refuses a cursor it did not give out', async () => {
    const response = await feedPage('/feeds/catalogue?cursor=bm90LWEtY3Vyc29y');
    expect(response.statusCode).toBe(400);
  });

  it('tells a search index what changed, in the harvest transaction, and what left with a subscription', async () => {
    const synced: Array<{ subjectId: string; active: boolean; issuerDid: string }> = [];
    const removed: string[] = [];
    const searchIndex: HarvestedSearchIndex = {
      sync: async (trx, changed) => {
        // Inside the harvest's transaction: the rows it wrote are visible through it.
        const rows = await trx.selectFrom('harvested_offerings').select('subject_id').where('subscription_id', '=', changed[0]!.origin.subscriptionId).where('subject_id', 'in', changed.map((c) => c.subjectId)).execute();
        expect(rows).toHaveLength(changed.length);
        synced.push(...changed.map((c) => ({ subjectId: c.subjectId, active: c.active, issuerDid: c.origin.issuerDid })));
      },
      removeSubscription: async (_trx, id) => void removed.push(id),
    };
    const feeds = createFeeds({ db: harvester.database.db, keys: harvester.services.keys, verification: harvester.services.verification, documentLoader: harvester.services.documentLoader, publicUrl: harvester.config.publicUrl, clock: () => new Date(), fetch: routeToLocal, searchIndex });
    const principal: PersonPrincipal = { kind: 'person', person: { ...admin, isPlatformAdmin: true, emailConfirmed: true }, memberships: [], via: 'session', scopes: 'all', credentialId: 'test' };
    const created = await feeds.service.subscribe(principal, { url: `${FEED}?via=search` });
    await feeds.service.harvestNow(principal, created.id);
    expect(synced.map((s) => [s.subjectId.split('/').at(-1), s.active]).sort()).toEqual([['forklift-safety', false], ['key-signed', true], ['warehouse-data', true]]);
    synced.length = 0;
    await feeds.service.harvestNow(principal, created.id);
    expect(synced).toEqual([]);
    await feeds.service.unsubscribe(principal, created.id);
    expect(removed).toEqual([created.id]);
  });

  it('unsubscribing removes what the subscription harvested', async () => {
    const response = await harvester.server.inject({ method: 'DELETE', url: `/api/v1/catalogue/feeds/${feedId}`, headers: { ...adminHeaders } });
    expect(response.statusCode).toBe(204);
    const left = await harvester.database.db.selectFrom('harvested_offerings').select('id').where('subscription_id', '=', feedId).execute();
    expect(left).toEqual([]);
  });
});
