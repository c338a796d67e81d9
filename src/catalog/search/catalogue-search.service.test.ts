import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { PersonPrincipal } from '../../accounts/principal.js';
import { demoAchievements } from '../../demo/demo-achievements.js';
import { addMembership, buildOrganisation, buildPerson } from '../../../test/support/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createAchievementRepository } from '../achievement.repository.js';
import type { AchievementDefinition } from '../achievement.schema.js';
import { createAchievementService, type AchievementService } from '../achievement.service.js';
import { createEscoRepository } from '../esco/esco.repository.js';
import { createEscoService } from '../esco/esco.service.js';
import { createCatalogueSearchRepository } from './catalogue-search.repository.js';
import { catalogueSearchQuery, type CatalogueSearchView } from './catalogue-search.schema.js';
import { createCatalogueSearchService, type CatalogueSearchService } from './catalogue-search.service.js';
import { createSearchIndex } from './search-index.js';

const clock = () => new Date('2026-11-23T15:00:00Z');
const PUBLIC_URL = 'http://localhost:3000';
const skill = (id: string) => `http://data.europa.eu/esco/skill/${id}`;
const occupation = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;
const SPREADSHEETS = skill('1973c966-f236-40c9-b2d4-5d71a89019be');
const TEAMS = skill('60c78287-22eb-4103-9c8c-28deaa460da0');
const PROBLEMS = skill('adc6dc11-3376-467b-96c5-9b0a21edc869');
const DATA_ANALYST = occupation('d3edb8f8-3a06-47a0-8fb9-9b212c006aa2');
const OFFICE_CLERK = occupation('6c999fc7-c6b7-4ef3-a4b9-af124a1783a2');

// A few real ESCO concepts (labels as in the bundled subset), enough for synonyms and occupation matching.
const concepts = [
  { uri: SPREADSHEETS, concept_type: 'skill' as const, preferred_label: 'use spreadsheets software', alt_labels: ['use spreadsheets program', 'Google Sheets', 'Microsoft Office Excel', 'LibreOffice Calc'] },
  { uri: TEAMS, concept_type: 'skill' as const, preferred_label: 'work in teams', alt_labels: ['team-working', 'cooperate with colleagues'] },
  { uri: PROBLEMS, concept_type: 'skill' as const, preferred_label: 'solve problems', alt_labels: ['resolve problems'] },
  { uri: DATA_ANALYST, concept_type: 'occupation' as const, preferred_label: 'data analyst', alt_labels: ['data warehouse analyst'] },
  { uri: OFFICE_CLERK, concept_type: 'occupation' as const, preferred_label: 'office clerk', alt_labels: ['clerical assistant', 'correspondence clerk'] },
];

const definition = (index: number): AchievementDefinition => structuredClone(demoAchievements[index]!.definition);

describe('catalogue search', () => {
  let database: TestDatabase;
  let achievements: AchievementService;
  let catalogue: CatalogueSearchService;
  let admin: PersonPrincipal;
  let orgSlug: string;
  const ids: Record<string, string> = {};

  const search = (query: Record<string, string>): Promise<CatalogueSearchView> => catalogue.search(catalogueSearchQuery.parse(query));
  const titles = (view: CatalogueSearchView) => view.items.map((item) => item.title);
  const facet = (view: CatalogueSearchView, name: keyof CatalogueSearchView['facets']) => Object.fromEntries(view.facets[name].map((v) => [v.value, v.count]));
  const publish = async (slug: string, def: AchievementDefinition): Promise<string> => {
    const { achievement } = await achievements.create(admin, orgSlug, { slug, definition: def });
    await achievements.publish(admin, achievement.id);
    return achievement.id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await db.insertInto('esco_concepts').values(concepts).execute();
    const org = await buildOrganisation(db, { slug: 'northbridge', name: 'Northbridge College' });
    orgSlug = org.slug;
    const person = await buildPerson(db);
    await addMembership(db, org.id, person.id, 'admin');
    admin = {
      kind: 'person',
      person: { id: person.id, email: person.email, displayName: 'Admin', isPlatformAdmin: false, emailConfirmed: true },
      memberships: [{ organisation: { ...org, name: 'Northbridge College', kind: 'issuer' }, role: 'admin' }],
      via: 'session',
      scopes: 'all',
      credentialId: 'test',
    };
    const searchIndex = createSearchIndex({ clock });
    achievements = createAchievementService({ db, achievements: createAchievementRepository(db), organisations: createOrganisationsRepository(db), knownEscoUris: null, searchIndex, clock, publicUrl: PUBLIC_URL });
    const esco = createEscoService({ db, esco: createEscoRepository(db) });
    catalogue = createCatalogueSearchService({ search: createCatalogueSearchRepository(db), esco, clock, publicUrl: PUBLIC_URL });
    ids.spreadsheets = await publish('spreadsheet-data-analysis', definition(0));
    ids.safety = await publish('workplace-health-and-safety', definition(1));
    const draft = definition(0);
    draft.title = 'Unpublished Spreadsheet Draft';
    await achievements.create(admin, orgSlug, { slug: 'a-draft', definition: draft });
  });
  afterAll(async () => database?.dispose());

  it('indexes published micro-credentials only, and lists them by title without a query', async () => {
    const view = await search({});
    expect(view).toMatchObject({ total: 2, sort: 'title', offset: 0, limit: 20 });
    expect(titles(view)).toEqual(['Spreadsheet Data Analysis for the Workplace', 'Workplace Health and Safety in Manufacturing']);
    expect(view.items[0]).toMatchObject({
      url: `${PUBLIC_URL}/orgs/northbridge/achievements/spreadsheet-data-analysis`,
      provider: { slug: 'northbridge', name: 'Northbridge College' },
      eqfLevel: 4,
      price: { amount: 240, currency: 'CAD', band: '100-499' },
      credit: { value: 1, system: 'ECTS' },
      onDemand: true,
      nextCohortOn: null,
      endorsementCount: 0,
    });
    expect(view.items[1]).toMatchObject({ onDemand: false, nextCohortOn: '2027-01-11' });
  });

  it('tolerates typos and marks the matched words in the title', async () => {
    const view = await search({ q: 'spredsheet' });
    expect(titles(view)).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    expect(view.items[0]!.titleHighlight.filter((s) => s.match).map((s) => s.text)).toEqual(['Spreadsheet']);
    expect(view.sort).toBe('relevance');
  });

  it("finds a micro-credential through an ESCO alternative label of its skill, typo and all, and says which label matched", async () => {
    const view = await search({ q: 'gogle sheets' });
    expect(titles(view)).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    const matched = view.items[0]!.skills.find((s) => s.uri === SPREADSHEETS)!;
    expect(matched).toMatchObject({ label: 'use spreadsheets software', matchedLabel: 'Google Sheets' });
    expect(matched.highlight.filter((s) => s.match).map((s) => s.text)).toEqual(['Google Sheets']);
  });

  it('shows entries with some of the words when none has them all, and says so', async () => {
    expect(await search({ q: 'spreadsheet' })).toMatchObject({ total: 1, matchedAllWords: true });
    const relaxed = await search({ q: 'spreadsheet course' });
    expect(relaxed).toMatchObject({ total: 1, matchedAllWords: false });
    expect(titles(relaxed)).toEqual(['Spreadsheet Data Analysis for the Workplace']);
  });

  it('ranks a title match above a match in outcomes or skills only', async () => {
    const briefing = definition(0);
    briefing.title = 'Briefing Skills for Supervisors';
    const id = await publish('briefing-skills', briefing);
    // "briefing" is in this title, and only in an outcome and the description of the safety micro-credential.
    const view = await search({ q: 'briefing' });
    expect(titles(view)).toEqual(['Briefing Skills for Supervisors', 'Workplace Health and Safety in Manufacturing']);
    expect(view.items[0]!.score!).toBeGreaterThan(view.items[1]!.score!);
    expect(view.items[1]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['briefing']);
    await achievements.retire(admin, id);
    expect((await search({ q: 'briefing' })).total).toBe(1);
  });

  it('finds nothing for words that are in no entry, and treats tsquery syntax as text', async () => {
    expect(await search({ q: 'zebra quantum' })).toMatchObject({ total: 0, matchedAllWords: true });
    for (const q of ["!(sheets) & | <-> 'x'", '%_\\', 'the of and']) expect((await search({ q })).items.length, q).toBeGreaterThanOrEqual(0);
  });

  it('filters, and counts each facet under every other filter', async () => {
    const view = await search({ mode: 'workplace' });
    expect(titles(view)).toEqual(['Workplace Health and Safety in Manufacturing']);
    // The mode facet ignores the mode filter, so other modes stay selectable with their counts...
    expect(facet(view, 'mode')).toEqual({ online: 1, blended: 1, 'in-person': 1, workplace: 1 });
    expect(view.facets.mode.find((v) => v.value === 'workplace')).toMatchObject({ selected: true, label: 'In the workplace' });
    // ...while every other facet counts only what the mode filter lets through.
    expect(facet(view, 'level')).toEqual({ '3': 1 });
    expect(facet(view, 'priceBand')).toEqual({ '100-499': 1 });
    expect(facet(view, 'provider')).toEqual({ northbridge: 1 });
    expect(facet(view, 'skill')).toEqual({ [TEAMS]: 1, 'http://data.europa.eu/esco/skill/dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb': 1 });
  });

  it('filters by skill, occupation, level, language, price band, credit and endorsement', async () => {
    expect(titles(await search({ skill: SPREADSHEETS }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    expect(titles(await search({ occupation: DATA_ANALYST }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    expect(titles(await search({ level: '3,4' }))).toHaveLength(2);
    expect(titles(await search({ level: '4', language: 'en' }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    expect((await search({ language: 'fr' })).total).toBe(0);
    expect((await search({ priceBand: 'free' })).total).toBe(0);
    expect(titles(await search({ creditMax: '0.5' }))).toEqual(['Workplace Health and Safety in Manufacturing']);
    expect(titles(await search({ creditMin: '1', creditMax: '1' }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    expect((await search({ endorsed: 'true' })).total).toBe(0);
    expect(facet(await search({}), 'endorsed')).toEqual({ false: 2 });
  });

  it('filters by start: on demand, or a cohort within so many days', async () => {
    expect(titles(await search({ onDemand: 'true' }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    // The first cohort starts on 2027-01-11, 49 days after the clock's today; on demand starts any day.
    expect(titles(await search({ startsWithinDays: '30' }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
    expect(titles(await search({ startsWithinDays: '49' }))).toHaveLength(2);
    expect(facet(await search({}), 'start')).toEqual({ 'on-demand': 1, 'within-30': 1, 'within-90': 2, 'within-365': 2 });
  });

  it('sorts by price, credit and soonest start, and pages with a stable total', async () => {
    expect(titles(await search({ sort: 'price' }))).toEqual(['Workplace Health and Safety in Manufacturing', 'Spreadsheet Data Analysis for the Workplace']);
    expect(titles(await search({ sort: 'credit' }))).toEqual(['Spreadsheet Data Analysis for the Workplace', 'Workplace Health and Safety in Manufacturing']);
    expect(titles(await search({ sort: 'start' }))[0]).toBe('Spreadsheet Data Analysis for the Workplace');
    const second = await search({ sort: 'title', limit: '1', offset: '1' });
    expect({ total: second.total, titles: titles(second) }).toEqual({ total: 2, titles: ['Workplace Health and Safety in Manufacturing'] });
    expect(await search({ sort: 'title', limit: '1', offset: '5' })).toMatchObject({ total: 2, items: [] });
  });

  it('lists what to take to become an occupation, by alignment and skill coverage', async () => {
    const { db } = database;
    const result = await catalogue.occupations({ q: 'data analist', limit: 10 });
    expect(result.items[0]!.occupation).toMatchObject({ uri: DATA_ANALYST, preferredLabel: 'data analyst' });
    expect(result.items[0]).toMatchObject({ relationsLoaded: false, skillCount: 0 });
    expect(result.items[0]!.items.map((i) => [i.title, i.alignedToOccupation, i.skillCoverage, i.coverage])).toEqual([['Spreadsheet Data Analysis for the Workplace', true, null, 1]]);

    // With ESCO's occupation–skill relations, micro-credentials covering the skills count too.
    await db.insertInto('esco_occupation_skills').values([SPREADSHEETS, TEAMS, PROBLEMS].map((uri) => ({ occupation_uri: OFFICE_CLERK, skill_uri: uri, relation_type: 'essential' as const }))).execute();
    const clerk = (await catalogue.occupations({ q: 'clerical asistant', limit: 10 })).items[0]!;
    expect(clerk.occupation).toMatchObject({ uri: OFFICE_CLERK, matchedLabel: 'clerical assistant' });
    expect(clerk).toMatchObject({ relationsLoaded: true, skillCount: 3 });
    expect(clerk.items.map((i) => [i.title, i.alignedToOccupation, i.skillCoverage, i.coverage])).toEqual([
      ['Spreadsheet Data Analysis for the Workplace', true, 0.667, 1.667],
      ['Workplace Health and Safety in Manufacturing', false, 0.333, 0.333],
    ]);
    expect(clerk.items[1]!.coveredSkills).toEqual([{ uri: TEAMS, label: 'work in teams' }]);
    // Ranked before the rows are read, and only the shown ones read: a limit keeps the best covered.
    const first = (await catalogue.occupations({ q: 'clerical asistant', limit: 1 })).items[0]!;
    expect(first.items.map((i) => [i.title, i.coverage])).toEqual([['Spreadsheet Data Analysis for the Workplace', 1.667]]);
  });

  it('follows a new published version and drops a retired micro-credential', async () => {
    await achievements.newVersion(admin, ids.safety!);
    const next = definition(1);
    next.title = 'Workplace Safety Leadership in Manufacturing';
    await achievements.updateDraft(admin, ids.safety!, { definition: next });
    expect(titles(await search({ q: 'leadership' }))).toEqual([]);
    await achievements.publish(admin, ids.safety!);
    const found = await search({ q: 'leadership' });
    expect(found.items.map((i) => [i.title, i.version])).toEqual([['Workplace Safety Leadership in Manufacturing', 2]]);

    await achievements.retire(admin, ids.safety!);
    expect(titles(await search({}))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
  });

  it('rebuilds the whole index from the catalogue', async () => {
    const { db } = database;
    await db.deleteFrom('catalog_search').execute();
    expect((await search({})).total).toBe(0);
    expect(await createSearchIndex({ clock }).rebuild(db)).toEqual({ entries: 1 });
    expect(titles(await search({ q: 'spredsheet' }))).toEqual(['Spreadsheet Data Analysis for the Workplace']);
  });
});
