import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildSearchIndex } from '../../src/catalog/search/search-index.js';
import type { FetchFunction } from '../../src/credentials/dids/did-resolver.js';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Harvested offerings in search, between two instances: "source" publishes its catalogue feed under the
 * public name https://source.example (served on a local port); "here" subscribes to it, harvests, and
 * its own catalogue search shows the source's micro-credentials beside its own, with the same typo
 * tolerance and ESCO synonyms (from here's ESCO), facets and origin. The fetch "here" uses only changes
 * where the socket goes, and can be told to answer HTML, hang, or tamper with the items.
 */
const SOURCE = 'https://source.example';
const FEED = `${SOURCE}/feeds/catalogue`;
const SPREADSHEETS = 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be';
const DATA_ANALYST = 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
const concepts = [
  { uri: SPREADSHEETS, concept_type: 'skill' as const, preferred_label: 'use spreadsheets software', alt_labels: ['Google Sheets', 'Microsoft Office Excel', 'LibreOffice Calc'] },
  { uri: DATA_ANALYST, concept_type: 'occupation' as const, preferred_label: 'data analyst', alt_labels: ['data warehouse analyst'] },
];

type Mode = 'normal' | 'html' | 'hang' | 'malformed' | 'tamper';
interface Result {
  achievementId: string | null;
  title: string;
  url: string;
  provider: { id: string | null; slug: string; name: string };
  origin: { instance: string; feedUrl: string; subscriptionId: string; issuerDid: string; achievementUrl: string } | null;
  skills: Array<{ uri: string; matchedLabel: string | null }>;
  price: { amount: number } | null;
}
interface SearchBody {
  total: number;
  items: Result[];
  facets: Record<string, Array<{ value: string; label: string; count: number }>>;
}

describe('harvested offerings in catalogue search', () => {
  let source: TestApp;
  let here: TestApp;
  let mode: Mode = 'normal';
  let sourceAdmin: SessionHeaders;
  let hereAdmin: SessionHeaders;
  let org: { id: string; slug: string };
  let issuerDid: string;
  let spreadsheetsId: string;
  let subscriptionId: string;

  /** Routes https://source.example to the local port; per `mode`, misbehaves the way real feeds do. */
  const routed = (port: () => number): FetchFunction => async (url, init) => {
    const target = new URL(url);
    if (target.origin !== SOURCE) throw new Error(`no route to ${target.origin} in this test`);
    const isFeed = target.pathname === '/feeds/catalogue';
    if (isFeed && mode === 'html') return new Response('<html>maintenance</html>', { headers: { 'content-type': 'text/html' } });
    if (isFeed && mode === 'hang') return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const response = await fetch(`http://127.0.0.1:${port()}${target.pathname}${target.search}`, init);
    if (isFeed && mode === 'malformed' && response.status === 200) {
      // Every item loses its validFrom: still naming its entry, but no longer a catalogue entry.
      const page = (await response.json()) as { items: Array<Record<string, unknown>> };
      return Response.json({ ...page, items: page.items.map(({ validFrom: _validFrom, ...rest }) => rest) });
    }
    if (!isFeed || mode !== 'tamper' || response.status !== 200) return response;
    // Changes the provider's name in every signed item: each item's proof no longer verifies.
    const body = (await response.text()).replaceAll('Federated Polytechnic', 'Tampered Institute');
    return new Response(body, { status: 200, headers: response.headers });
  };

  const publish = async (app: TestApp, headers: SessionHeaders, orgSlug: string, slug: string, index: number): Promise<string> => {
    const created = await app.server.inject({ method: 'POST', url: `/api/v1/organisations/${orgSlug}/achievements`, headers: { ...headers }, payload: { slug, definition: demoAchievements[index]!.definition } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const published = await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...headers } });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  };

  const search = async (query: string): Promise<SearchBody> => {
    const response = await here.server.inject({ method: 'GET', url: `/api/v1/catalogue/search?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SearchBody;
  };
  const harvested = (body: SearchBody) => body.items.filter((item) => item.origin !== null);
  const harvest = async () => {
    const response = await here.server.inject({ method: 'POST', url: `/api/v1/catalogue/feeds/${subscriptionId}/harvest`, headers: { ...hereAdmin } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { complete: boolean; inserted: number; updated: number; withdrawn: number; rejected: Array<{ code: string }>; error: { code: string } | null };
  };

  beforeAll(async () => {
    source = await createTestApp({ publicUrl: SOURCE, rateLimitPerMinute: 100_000 });
    await source.server.listen({ port: 0, host: '127.0.0.1' });
    const port = (source.server.server.address() as AddressInfo).port;
    // A short feed timeout, so the hanging feed fails fast; long enough for a busy machine to sign a page.
    here = await createTestApp({ rateLimitPerMinute: 100_000 }, { appOptions: { verification: { fetch: routed(() => port) }, feeds: { timeoutMs: 5_000 } } });

    org = await buildOrganisation(source.database.db, { name: 'Federated College' });
    issuerDid = `did:web:source.example:orgs:${org.slug}`;
    const person = await buildPerson(source.database.db);
    await addMembership(source.database.db, org.id, person.id, 'admin');
    sourceAdmin = await signIn(source.server, person.email);
    spreadsheetsId = await publish(source, sourceAdmin, org.slug, 'spreadsheet-data-analysis', 0);
    await publish(source, sourceAdmin, org.slug, 'workplace-health-and-safety', 1);

    // Here: one micro-credential of its own, and its own ESCO (the synonyms come from it; loaded after
    // publishing because with a classification loaded every URI a definition names must be in it).
    const localOrg = await buildOrganisation(here.database.db, { name: 'Local Institute' });
    const localPerson = await buildPerson(here.database.db);
    await addMembership(here.database.db, localOrg.id, localPerson.id, 'admin');
    await publish(here, await signIn(here.server, localPerson.email), localOrg.slug, 'workplace-health-and-safety', 1);
    await here.database.db.insertInto('esco_concepts').values(concepts).execute();
    const admin = await buildPerson(here.database.db, { isPlatformAdmin: true });
    hereAdmin = await signIn(here.server, admin.email);
  });

  afterAll(async () => {
    await here?.dispose();
    await source?.dispose();
  });

  it('finds nothing from the source before subscribing', async () => {
    expect(harvested(await search('q=Exel'))).toEqual([]);
  });

  it('after a harvest, finds the source’s offering by a misspelt ESCO synonym, with its origin and the remote provider facet', async () => {
    const subscribed = await here.server.inject({ method: 'POST', url: '/api/v1/catalogue/feeds', headers: { ...hereAdmin }, payload: { url: FEED, refreshMinutes: 30 } });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    subscriptionId = (subscribed.json() as { id: string }).id;
    expect(await harvest()).toMatchObject({ inserted: 2, rejected: [], error: null });

    const body = await search('q=Exel');
    expect(body.total).toBe(1);
    const [hit] = body.items;
    expect(hit).toMatchObject({
      achievementId: null,
      title: demoAchievements[0]!.definition.title,
      url: `${SOURCE}/orgs/${org.slug}/achievements/spreadsheet-data-analysis`,
      provider: { id: null, slug: issuerDid, name: 'Federated College' },
      origin: { instance: 'source.example', feedUrl: FEED, subscriptionId, issuerDid, achievementUrl: `${SOURCE}/orgs/${org.slug}/achievements/spreadsheet-data-analysis/versions/1` },
      price: { amount: demoAchievements[0]!.definition.price.amount },
    });
    expect(hit!.skills.find((skill) => skill.uri === SPREADSHEETS)?.matchedLabel).toBe('Microsoft Office Excel');
    expect(body.facets.provider).toEqual([expect.objectContaining({ value: issuerDid, label: 'Federated College', count: 1 })]);
    expect(body.facets.skill).toContainEqual(expect.objectContaining({ value: SPREADSHEETS, count: 1 }));
  });

  it('ranks harvested and local offerings together, with facet counts over both and a provider filter for the remote one', async () => {
    const all = await search('q=safety');
    expect(all.items.map((item) => item.origin?.instance ?? 'local').sort()).toEqual(['local', 'source.example']);
    expect(Object.fromEntries(all.facets.provider!.map((f) => [f.label, f.count]))).toEqual({ 'Federated College': 1, 'Local Institute': 1 });
    const remoteOnly = await search(`q=safety&provider=${encodeURIComponent(issuerDid)}`);
    expect(remoteOnly.items.map((item) => item.provider.name)).toEqual(['Federated College']);
    // The provider facet is counted under the other filters only, so both providers stay offered.
    expect(remoteOnly.facets.provider!.map((f) => f.count)).toEqual([1, 1]);
    const everything = await search('');
    expect(everything.total).toBe(3);
  });

  it('counts it in the "become X" occupation search', async () => {
    const response = await here.server.inject({ method: 'GET', url: '/api/v1/catalogue/occupations?q=data%20analyst' });
    expect(response.statusCode, response.body).toBe(200);
    const [match] = (response.json() as { items: Array<{ occupation: { uri: string }; items: Array<Result & { alignedToOccupation: boolean }> }> }).items;
    expect(match!.occupation.uri).toBe(DATA_ANALYST);
    expect(match!.items.map((item) => [item.title, item.origin?.instance, item.alignedToOccupation])).toEqual([[demoAchievements[0]!.definition.title, 'source.example', true]]);
  });

  it('a failing harvest (HTML, timeout, malformed items, items that do not verify) changes nothing in search', async () => {
    const before = await search('q=spreadsheet');
    // A change on the source, so the feed is read again rather than answered "not modified".
    await source.database.db.updateTable('organisations').set({ name: 'Federated Polytechnic', updated_at: new Date() }).where('id', '=', org.id).execute();
    for (const [failing, code] of [['html', 'feeds.not_json'], ['hang', 'feeds.timeout']] as const) {
      mode = failing;
      expect((await harvest()).error?.code).toBe(code);
      expect(await search('q=spreadsheet')).toEqual(before);
    }
    mode = 'malformed';
    const malformed = await harvest();
    expect(malformed).toMatchObject({ complete: true, withdrawn: 0 });
    expect(malformed.rejected.map((r) => r.code)).toEqual(['feeds.item_malformed', 'feeds.item_malformed']);
    expect(await search('q=spreadsheet')).toEqual(before);
    mode = 'tamper';
    const tampered = await harvest();
    expect(tampered.rejected.map((r) => r.code)).toEqual(['feeds.item_unverified', 'feeds.item_unverified']);
    expect(await search('q=spreadsheet')).toEqual(before);
    expect((await search('q=tampered')).total).toBe(0);
    mode = 'normal';
  });

  it('a refreshed harvest updates the entry', async () => {
    expect(await harvest()).toMatchObject({ updated: 2, rejected: [], error: null });
    const body = await search('q=spreadsheet');
    expect(harvested(body).map((item) => item.provider.name)).toEqual(['Federated Polytechnic']);
    expect(body.facets.provider).toEqual([expect.objectContaining({ value: issuerDid, label: 'Federated Polytechnic', count: 1 })]);
  });

  it('a rebuild of the index (as after an ESCO import) keeps harvested entries', async () => {
    const before = await search('q=Exel');
    expect((await rebuildSearchIndex(here.database.db)).entries).toBe(3);
    expect(await search('q=Exel')).toEqual(before);
  });

  it('disappears from search once the source retires it and the next harvest withdraws it', async () => {
    const retired = await source.server.inject({ method: 'POST', url: `/api/v1/achievements/${spreadsheetsId}/retire`, headers: { ...sourceAdmin } });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(harvested(await search('q=Exel'))).toHaveLength(1);
    expect(await harvest()).toMatchObject({ updated: 1, rejected: [], error: null });
    expect((await search('q=Exel')).total).toBe(0);
    const occupations = (await here.server.inject({ method: 'GET', url: '/api/v1/catalogue/occupations?q=data%20analyst' })).json() as { items: Array<{ items: unknown[] }> };
    expect(occupations.items[0]!.items).toEqual([]);
    expect(harvested(await search('q=safety'))).toHaveLength(1);
  });

  it('unsubscribing removes all its entries, leaving local ones', async () => {
    const response = await here.server.inject({ method: 'DELETE', url: `/api/v1/catalogue/feeds/${subscriptionId}`, headers: { ...hereAdmin } });
    expect(response.statusCode).toBe(204);
    const body = await search('q=safety');
    expect(body.items.map((item) => item.provider.name)).toEqual(['Local Institute']);
    expect(body.facets.provider!.map((f) => f.label)).toEqual(['Local Institute']);
    const left = await here.database.db.selectFrom('catalog_search').select('title').where('subscription_id', 'is not', null).execute();
    expect(left).toEqual([]);
  });
});
