import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisationsRepository } from '../accounts/organisations.repository.js';
import type { MembershipRole } from '../accounts/accounts.tables.js';
import { ANONYMOUS, type PersonPrincipal } from '../accounts/principal.js';
import { demoAchievements } from '../demo/demo-achievements.js';
import { isAppError } from '../errors.js';
import { addMembership, buildOrganisation, buildPerson } from '../../test/support/factories.js';
import { sharedDataPath } from '../../test/support/shared-data.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { escoUriLookup } from './achievement.esco-lookup.js';
import { createEscoRepository } from './esco/esco.repository.js';
import { createAchievementRepository } from './achievement.repository.js';
import { createAchievementService, type AchievementService } from './achievement.service.js';
import type { AchievementDefinition } from './achievement.schema.js';
import type { KnownEscoUris } from './achievement.validation.js';

/**
 * Until the ESCO import (migration 0003) is wired, the check reads the shared ESCO files themselves: the
 * cross-sector skills and the occupations, as the importer would load them.
 */
const escoUris = new Set(
  ['skills_cross-sector_en.csv', 'occupations_en.csv'].flatMap((file) =>
    (parse(readFileSync(sharedDataPath('esco', file)), { columns: true, skip_empty_lines: true }) as Array<{ conceptUri: string }>).map((row) => row.conceptUri),
  ),
);
const knownEscoUris: KnownEscoUris = async (uris) => new Set(uris.filter((uri) => escoUris.has(uri)));

const TODAY = '2026-11-23';
const clock = () => new Date(`${TODAY}T15:00:00Z`);
const PUBLIC_URL = 'http://localhost:3000';

const definition = (index = 0): AchievementDefinition => structuredClone(demoAchievements[index]!.definition);

const principalFor = (person: { id: string; email: string }, memberships: Array<{ organisation: { id: string; slug: string }; role: MembershipRole }>, isPlatformAdmin = false): PersonPrincipal => ({
  kind: 'person',
  person: { id: person.id, email: person.email, displayName: 'Test', isPlatformAdmin, emailConfirmed: true },
  memberships: memberships.map((m) => ({ organisation: { ...m.organisation, name: m.organisation.slug, kind: 'issuer' }, role: m.role })),
  via: 'session',
  scopes: 'all',
  credentialId: 'test',
});

/** The AppError code a promise rejects with, and its extensions. */
const failure = async (promise: Promise<unknown>): Promise<{ code: string; extensions: Record<string, unknown> }> => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, extensions: error.extensions };
    throw error;
  }
  throw new Error('expected a failure');
};

describe('achievement service', () => {
  let database: TestDatabase;
  let service: AchievementService;
  let org: { id: string; slug: string };
  let admin: PersonPrincipal;
  let assessor: PersonPrincipal;
  let otherAdmin: PersonPrincipal;
  let learner: PersonPrincipal;
  let platformAdmin: PersonPrincipal;
  let counter = 0;
  const slug = () => `mc-${(counter += 1)}`;

  const counts = async () => ({
    achievements: Number((await database.db.selectFrom('achievements').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    versions: Number((await database.db.selectFrom('achievement_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    events: Number((await database.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const eventsOf = async (achievementId: string) =>
    (await database.db.selectFrom('events').select(['type', 'payload']).where('subject_id', '=', achievementId).orderBy('id').execute()).map((e) => ({ type: e.type, payload: e.payload }));

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    service = createAchievementService({ db, achievements: createAchievementRepository(db), organisations: createOrganisationsRepository(db), knownEscoUris, clock, publicUrl: PUBLIC_URL });
    org = await buildOrganisation(db, { name: 'Northbridge College' });
    const otherOrg = await buildOrganisation(db);
    const people = await Promise.all([buildPerson(db), buildPerson(db), buildPerson(db), buildPerson(db), buildPerson(db, { isPlatformAdmin: true })]);
    await addMembership(db, org.id, people[0]!.id, 'admin');
    await addMembership(db, org.id, people[1]!.id, 'assessor');
    await addMembership(db, otherOrg.id, people[2]!.id, 'admin');
    admin = principalFor(people[0]!, [{ organisation: org, role: 'admin' }]);
    assessor = principalFor(people[1]!, [{ organisation: org, role: 'assessor' }]);
    otherAdmin = principalFor(people[2]!, [{ organisation: otherOrg, role: 'admin' }]);
    learner = principalFor(people[3]!, []);
    platformAdmin = principalFor(people[4]!, [], true);
  });

  afterAll(async () => database?.dispose());

  describe('versioning and publishing', () => {
    it('creates a draft, edits it, publishes it, and records each step', async () => {
      const created = await service.create(admin, org.slug, { slug: 'spreadsheets', definition: definition() });
      expect(created.version).toMatchObject({ version: 1, status: 'draft', publishedAt: null });
      expect(created.documentUrl).toBeNull();
      expect(created.checklist.publishable).toBe(true);

      const edited = definition();
      edited.title = 'Spreadsheet Data Analysis at Work';
      const updated = await service.updateDraft(admin, created.achievement.id, { definition: edited });
      expect(updated.version.definition.title).toBe('Spreadsheet Data Analysis at Work');

      const published = await service.publish(admin, created.achievement.id);
      expect(published.version).toMatchObject({ version: 1, status: 'published' });
      expect(published.version.publishedAt).toEqual(clock());
      expect(published.documentUrl).toBe(`${PUBLIC_URL}/orgs/${org.slug}/achievements/spreadsheets/versions/1`);
      expect((await eventsOf(created.achievement.id)).map((e) => e.type)).toEqual(['achievement.draft_created', 'achievement.draft_updated', 'achievement.published']);
    });

    it('looks ESCO URIs up in the database without waiting on its own transaction (one connection on PGlite)', async () => {
      const { db } = database;
      const withTableLookup = createAchievementService({ db, achievements: createAchievementRepository(db), organisations: createOrganisationsRepository(db), knownEscoUris: escoUriLookup(db, createEscoRepository(db)), clock, publicUrl: PUBLIC_URL });
      const { achievement } = await withTableLookup.create(admin, org.slug, { slug: slug(), definition: definition() });
      await withTableLookup.updateDraft(admin, achievement.id, { definition: definition(1) });
      expect((await withTableLookup.publish(admin, achievement.id)).version.status).toBe('published');
    });

    it('refuses to change a published version, and the database refuses too', async () => {
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: definition() });
      await service.publish(admin, achievement.id);
      const changed = definition();
      changed.title = 'Something else entirely';
      expect((await failure(service.updateDraft(admin, achievement.id, { definition: changed }))).code).toBe('catalog.version_immutable');
      expect((await failure(service.publish(admin, achievement.id))).code).toBe('catalog.no_draft');

      const where = sql`achievement_id = ${achievement.id} and version = 1`;
      await expect(sql`update achievement_versions set definition = '{"title":"x"}'::jsonb where ${where}`.execute(database.db)).rejects.toThrow(/immutable/);
      await expect(sql`update achievement_versions set status = 'draft' where ${where}`.execute(database.db)).rejects.toThrow(/cannot go from published to draft/);
      await expect(sql`update achievement_versions set published_at = now() - interval '1 day' where ${where}`.execute(database.db)).rejects.toThrow(/immutable/);
      await expect(sql`delete from achievement_versions where ${where}`.execute(database.db)).rejects.toThrow(/cannot be deleted/);
      expect((await service.get(learner, achievement.id)).version.definition).toEqual(definition());
    });

    it('starts a new version from the latest without changing what older versions say', async () => {
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: definition() });
      await service.publish(admin, achievement.id);
      const draft = await service.newVersion(admin, achievement.id);
      expect(draft.version).toMatchObject({ version: 2, status: 'draft' });
      expect(draft.version.definition).toEqual(definition());
      expect((await failure(service.newVersion(admin, achievement.id))).code).toBe('catalog.draft_exists');

      const changed = definition();
      changed.description = 'A revised description that says something different from version one.';
      await service.updateDraft(admin, achievement.id, { definition: changed });
      await service.publish(admin, achievement.id);

      const { versions } = await service.versions(learner, achievement.id);
      expect(versions.map((v) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'published']]);
      expect(versions[1]!.definition).toEqual(definition());
      expect(versions[0]!.definition.description).toBe(changed.description);
      expect((await eventsOf(achievement.id)).filter((e) => e.type === 'achievement.draft_created').map((e) => e.payload)).toEqual([
        { slug: achievement.slug, version: 1 },
        { slug: achievement.slug, version: 2, from: 1 },
      ]);
    });

    it('retires every published version; the documents stay online', async () => {
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: definition(1) });
      expect((await failure(service.retire(admin, achievement.id))).code).toBe('catalog.not_published');
      await service.publish(admin, achievement.id);
      const retired = await service.retire(admin, achievement.id);
      expect(retired.version).toMatchObject({ version: 1, status: 'retired', retiredAt: clock() });
      expect((await eventsOf(achievement.id)).at(-1)).toEqual({ type: 'achievement.retired', payload: { slug: achievement.slug, versions: [1] } });
      expect((await service.document(org.slug, achievement.slug, 1)).id).toBe(retired.documentUrl);
      await expect(sql`update achievement_versions set status = 'published' where achievement_id = ${achievement.id}`.execute(database.db)).rejects.toThrow(/cannot go from retired/);
    });

    it('blocks publishing when an essential element is missing, with the list, and changes nothing', async () => {
      // Without the demo rubric, whose criteria name the outcomes dropped here.
      const { rubric: _rubric, ...thin } = definition();
      thin.outcomes = [{ ...thin.outcomes[0]!, escoSkills: [] }];
      thin.evidenceRequirements = [];
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: thin });
      const before = await counts();
      const error = await failure(service.publish(admin, achievement.id));
      expect(error.code).toBe('catalog.checklist_failed');
      expect((error.extensions.missing as Array<{ id: string }>).map((m) => m.id).sort()).toEqual(['framework.competency_alignment', 'framework.outcomes', 'framework.summative_assessment']);
      expect(await counts()).toEqual(before);
      expect((await service.get(admin, achievement.id)).version.status).toBe('draft');
    });

    it('blocks publishing for an organisation that is not an issuer', async () => {
      const employer = await buildOrganisation(database.db, { kind: 'employer' });
      const { achievement } = await service.create(platformAdmin, employer.slug, { slug: slug(), definition: definition() });
      const error = await failure(service.publish(platformAdmin, achievement.id));
      expect((error.extensions.missing as Array<{ id: string }>).map((m) => m.id)).toEqual(['framework.issuing_body', 'eu.awarding_body']);
    });
  });

  describe('bad input: precise errors and nothing written', () => {
    const cases: Array<{ name: string; change(d: Record<string, unknown> & AchievementDefinition): void; code: string; paths: string[] }> = [
      { name: 'no outcomes', change: (d) => ((d.outcomes = []), (d.rubric = undefined)), code: 'catalog.definition_invalid', paths: ['definition.outcomes'] },
      { name: 'negative credits', change: (d) => (d.credit.value = -1), code: 'catalog.definition_invalid', paths: ['definition.credit.value'] },
      { name: 'a 10,000-character title', change: (d) => (d.title = 'x'.repeat(10_000)), code: 'catalog.definition_invalid', paths: ['definition.title'] },
      {
        name: 'several faults at once',
        change: (d) => {
          d.title = '';
          d.noc = [{ code: '1311', title: 'x' }, { code: '13110', title: 'y' }];
          d.cip = { code: '520201', title: 'Business' };
          d.language = 'English';
        },
        code: 'catalog.definition_invalid',
        paths: ['definition.title', 'definition.noc.0.code', 'definition.cip.code', 'definition.language'],
      },
      {
        name: 'four NOC codes',
        change: (d) => (d.noc = ['13110', '14100', '21232', '21223'].map((code) => ({ code, title: 'An occupation' }))),
        code: 'catalog.definition_invalid',
        paths: ['definition.noc'],
      },
      { name: 'an unknown field', change: (d) => (d.colour = 'blue'), code: 'catalog.definition_invalid', paths: ['definition'] },
      {
        name: 'a cohort starting yesterday',
        change: (d) => (d.startDates = { kind: 'cohorts', cohorts: [{ startsOn: TODAY }, { startsOn: '2026-11-22' }] }),
        code: 'catalog.definition_invalid',
        paths: ['definition.startDates.cohorts.1.startsOn'],
      },
      {
        name: 'an unknown ESCO skill',
        change: (d) => (d.outcomes[2]!.escoSkills[0]!.uri = 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000'),
        code: 'catalog.unknown_esco_uri',
        paths: ['definition.outcomes.2.escoSkills.0.uri'],
      },
      {
        name: 'an unknown ESCO occupation',
        change: (d) => (d.labourMarket.escoOccupations[1]!.uri = 'http://data.europa.eu/esco/occupation/11111111-1111-1111-1111-111111111111'),
        code: 'catalog.unknown_esco_uri',
        paths: ['definition.labourMarket.escoOccupations.1.uri'],
      },
    ];

    for (const c of cases) {
      it(`refuses ${c.name}`, async () => {
        const bad = definition() as Record<string, unknown> & AchievementDefinition;
        c.change(bad);
        const before = await counts();
        const error = await failure(service.create(admin, org.slug, { slug: slug(), definition: bad }));
        expect(error.code).toBe(c.code);
        expect(new Set((error.extensions.issues as Array<{ path: string }>).map((i) => i.path))).toEqual(new Set(c.paths));
        expect(await counts()).toEqual(before);
      });
    }

    it('refuses the same faults when editing a draft, leaving it as it was', async () => {
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: definition() });
      const bad = definition();
      bad.outcomes = [];
      expect((await failure(service.updateDraft(admin, achievement.id, { definition: bad }))).code).toBe('catalog.definition_invalid');
      expect((await service.get(admin, achievement.id)).version.definition).toEqual(definition());
    });

    it('keeps a past cohort a draft already had, but refuses a new one', async () => {
      const withCohort = definition();
      withCohort.startDates = { kind: 'cohorts', cohorts: [{ startsOn: '2026-12-01' }] };
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: withCohort });
      await database.db.updateTable('achievement_versions').set({ definition: JSON.stringify({ ...withCohort, startDates: { kind: 'cohorts', cohorts: [{ startsOn: '2026-01-05' }] } }) }).where('achievement_id', '=', achievement.id).execute();
      const edited = definition();
      edited.startDates = { kind: 'cohorts', cohorts: [{ startsOn: '2026-01-05' }, { startsOn: '2027-01-05' }] };
      await service.updateDraft(admin, achievement.id, { definition: edited });
      edited.startDates.cohorts.push({ startsOn: '2026-02-01' });
      const error = await failure(service.updateDraft(admin, achievement.id, { definition: edited }));
      expect(error.extensions.issues).toEqual([{ path: 'definition.startDates.cohorts.2.startsOn', message: expect.stringMatching(/past/) }]);
    });

    it('refuses a slug the organisation already uses', async () => {
      await service.create(admin, org.slug, { slug: 'taken', definition: definition() });
      expect((await failure(service.create(admin, org.slug, { slug: 'taken', definition: definition() }))).code).toBe('catalog.achievement_slug_taken');
    });
  });

  describe('checklist preview', () => {
    const status = (checklist: { items: Array<{ id: string; status: string }> }, id: string) => checklist.items.find((item) => item.id === id)?.status;
    // Without the rubric, whose criteria name the outcomes these tests remove.
    const bare = (): AchievementDefinition => {
      const { rubric: _rubric, ...rest } = definition() as AchievementDefinition & { rubric?: unknown };
      return rest;
    };

    it('judges an unsaved definition as publishing would, and writes nothing', async () => {
      const thin = bare();
      thin.outcomes = thin.outcomes.slice(0, 2).map((o) => ({ ...o, escoSkills: [] }));
      const before = await counts();
      const preview = await service.previewChecklist(admin, org.slug, { definition: thin });
      expect(preview.publishable).toBe(false);
      expect(status(preview, 'framework.outcomes')).toBe('missing');
      expect(status(preview, 'framework.competency_alignment')).toBe('missing');
      const full = await service.previewChecklist(admin, org.slug, { definition: definition() });
      expect(full.publishable).toBe(true);
      expect(status(full, 'framework.competency_alignment')).toBe('met');
      expect(await counts()).toEqual(before);
    });

    it('counts the named achievement’s endorsements, and refuses one of another organisation', async () => {
      const withEndorsements = createAchievementService({ db: database.db, achievements: createAchievementRepository(database.db), organisations: createOrganisationsRepository(database.db), knownEscoUris, endorsementsCount: async () => 2, clock, publicUrl: PUBLIC_URL });
      const { achievement } = await service.create(admin, org.slug, { slug: slug(), definition: definition() });
      expect(status(await withEndorsements.previewChecklist(admin, org.slug, { definition: definition(), achievementId: achievement.id }), 'framework.partner_endorsement')).toBe('met');
      expect(status(await withEndorsements.previewChecklist(admin, org.slug, { definition: definition() }), 'framework.partner_endorsement')).toBe('warning');
      const otherOrgSlug = otherAdmin.memberships[0]!.organisation.slug;
      expect((await failure(withEndorsements.previewChecklist(otherAdmin, otherOrgSlug, { definition: definition(), achievementId: achievement.id }))).code).toBe('catalog.achievement_not_found');
    });

    it('refuses outsiders and lists every failing path of a bad definition', async () => {
      for (const principal of [learner, assessor, otherAdmin]) expect((await failure(service.previewChecklist(principal, org.slug, { definition: definition() }))).code).toBe('auth.forbidden');
      const bad = { ...bare(), title: 'x', outcomes: [] };
      const error = await failure(service.previewChecklist(admin, org.slug, { definition: bad }));
      expect(error.code).toBe('catalog.definition_invalid');
      expect(new Set((error.extensions.issues as Array<{ path: string }>).map((i) => i.path))).toEqual(new Set(['definition.title', 'definition.outcomes']));
    });
  });

  describe('access', () => {
    let draftId: string;
    beforeEach(async () => {
      draftId = (await service.create(admin, org.slug, { slug: slug(), definition: definition() })).achievement.id;
    });

    it('lets only admins of the organisation and platform admins write', async () => {
      for (const principal of [learner, assessor, otherAdmin]) expect((await failure(service.updateDraft(principal, draftId, { definition: definition() }))).code).toBe('auth.forbidden');
      expect((await failure(service.publish(ANONYMOUS, draftId))).code).toBe('auth.unauthenticated');
      expect((await failure(service.create(otherAdmin, org.slug, { slug: slug(), definition: definition() }))).code).toBe('auth.forbidden');
      expect((await service.publish(platformAdmin, draftId)).version.status).toBe('published');
    });

    it('shows drafts to the organisation’s admins and assessors only; published ones to everyone', async () => {
      expect((await service.get(assessor, draftId)).version.status).toBe('draft');
      for (const principal of [ANONYMOUS, learner, otherAdmin]) expect((await failure(service.get(principal, draftId))).code).toBe('catalog.achievement_not_found');
      const listed = async (principal: typeof ANONYMOUS | PersonPrincipal) => (await service.list(principal, org.slug)).items.map((i) => i.achievement.id);
      expect(await listed(ANONYMOUS)).not.toContain(draftId);
      expect(await listed(assessor)).toContain(draftId);
      await service.publish(admin, draftId);
      await service.newVersion(admin, draftId);
      expect((await service.get(ANONYMOUS, draftId)).version).toMatchObject({ version: 1, status: 'published' });
      expect((await service.get(admin, draftId)).version).toMatchObject({ version: 2, status: 'draft' });
      expect((await service.versions(ANONYMOUS, draftId)).versions.map((v) => v.version)).toEqual([1]);
      expect((await failure(service.document(org.slug, (await service.get(admin, draftId)).achievement.slug, 2))).code).toBe('catalog.version_not_found');
    });
  });
});
