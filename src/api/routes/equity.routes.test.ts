import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { recordEvent } from '../../tracking/event-log.js';
import type { EquityBreakdown, EquityOpenDataDocument, EquitySettings, MyEquity, MyEquityOrganisation } from '../../tracking/equity/equity.schema.js';
import { buildPerson, signIn, TEST_PASSWORD, type SessionHeaders } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { OPERATOR } from '../../accounts/principal.js';
import { createOrganisationsRepository } from '../../accounts/organisations.repository.js';
import { createEquity } from '../../tracking/equity/equity.js';

// A month of the past with no demo activity, so every figure of it comes from this file's fixture.
const MONTH = '2025-03';
const RANGE = `from=${MONTH}&to=${MONTH}`;
// Answers to gender identity of 26 enrolled learners in that month: 12 women, 11 men, 2 non-binary, 1 silent.
const FIXTURE = [...Array(12).fill('woman'), ...Array(11).fill('man'), ...Array(2).fill('non_binary'), null] as Array<string | null>;

/**
 * Equity fields end to end over HTTP: the organisation's settings, a learner's own declaration, the
 * suppressed breakdown and the public export, who may do what, and what account deletion removes.
 */
describe('equity routes', () => {
  let app: TestApp;
  let dataDir: string;
  let learner: SessionHeaders;
  let registrar: SessionHeaders;
  let employer: SessionHeaders;
  let sda: string;
  let organisationId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tessera-equity-'));
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4995', dataDir }, { start: 'demo' });
    const { db } = app.database;
    [learner, registrar, employer] = await Promise.all(['learner@tessera.test', 'registrar@northbridge.test', 'hr@bluewater.test'].map((e) => signIn(app.server, e, DEMO_PASSWORD))) as [SessionHeaders, SessionHeaders, SessionHeaders];
    const achievement = await db.selectFrom('achievements').select(['id', 'organisation_id']).where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow();
    sda = achievement.id;
    organisationId = achievement.organisation_id;
    const version = await db.selectFrom('achievement_versions').select('version').where('achievement_id', '=', sda).where('status', '<>', 'draft').orderBy('version', 'desc').executeTakeFirstOrThrow();

    const enabled = await call('PUT', '/api/v1/organisations/northbridge/equity/settings', { ...registrar }, { fields: ['gender_identity', 'disability'] });
    expect(enabled.statusCode, enabled.body).toBe(200);

    // The fixture: enrolments recorded as the enrolment service records them (row and event together), answers
    // stored as the declaration route stores them (the route itself is exercised below with real sessions).
    for (const answer of FIXTURE) {
      const person = await buildPerson(db);
      await db.transaction().execute(async (trx) => {
        const enrolment = await trx.insertInto('enrolments')
          .values({ person_id: person.id, organisation_id: organisationId, achievement_id: sda, achievement_version: version.version, route: 'assessment-only', state: 'enrolled', max_resubmissions: 1 })
          .returning('id').executeTakeFirstOrThrow();
        await recordEvent(trx, { type: 'enrolment.enrolled', actorId: person.id, organisationId, subjectType: 'enrolment', subjectId: enrolment.id, payload: { to: 'enrolled', achievementId: sda, version: version.version }, occurredAt: new Date(`${MONTH}-15T12:00:00Z`) });
        if (answer) await trx.insertInto('equity_declarations').values({ organisation_id: organisationId, person_id: person.id, field: 'gender_identity', answer }).execute();
      });
    }
  }, 180_000);
  afterAll(async () => {
    await app?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the fixed fields publicly, each with "prefer not to say"', async () => {
    const response = await call('GET', '/api/v1/equity/fields');
    expect(response.statusCode).toBe(200);
    const { fields } = response.json() as { fields: Array<{ key: string; options: Array<{ key: string }> }> };
    expect(fields.map((f) => f.key)).toEqual(['gender_identity', 'age_band', 'disability', 'indigenous_identity', 'first_generation', 'immigration_status']);
    for (const field of fields) expect(field.options.at(-1)!.key).toBe('prefer_not_to_say');
  });

  it('lets only the organisation\'s admins see and change its settings', async () => {
    const settings = (await call('GET', '/api/v1/organisations/northbridge/equity/settings', { ...registrar })).json() as EquitySettings;
    expect(settings.fields.filter((f) => f.collected).map((f) => f.key)).toEqual(['gender_identity', 'disability']);
    expect(settings.k).toBe(10);
    expect((await call('GET', '/api/v1/organisations/northbridge/equity/settings', { ...employer })).statusCode).toBe(403);
    expect((await call('PUT', '/api/v1/organisations/northbridge/equity/settings', { ...learner }, { fields: [] })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/organisations/no-such-org/equity/settings', { ...registrar })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/organisations/northbridge/equity/settings')).statusCode).toBe(401);
    const unknown = await call('PUT', '/api/v1/organisations/northbridge/equity/settings', { ...registrar }, { fields: ['gender_identity', 'religion'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'equity.unknown_field', field: 'religion' });
  });

  it('takes a learner\'s own declaration, refuses what the organisation does not ask, and shows it only to them', async () => {
    const before = (await call('GET', '/api/v1/me/equity', { ...learner })).json() as MyEquity;
    expect(before.k).toBe(10);
    const northbridge = before.organisations.find((o) => o.organisation.slug === 'northbridge')!;
    expect(northbridge.fields.map((f) => [f.key, f.answer])).toEqual([['gender_identity', null], ['disability', null]]);

    const refused = [
      [{ indigenous_identity: 'metis' }, 'equity.field_not_collected'],
      [{ religion: 'none' }, 'equity.unknown_field'],
      [{ gender_identity: 'robot' }, 'equity.unknown_option'],
    ] as const;
    for (const [answers, code] of refused) {
      const response = await call('PUT', '/api/v1/me/equity/northbridge', { ...learner }, { answers });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code });
    }
    // Nothing was half-written by the refused requests.
    expect(((await call('GET', '/api/v1/me/equity', { ...learner })).json() as MyEquity).organisations.find((o) => o.organisation.slug === 'northbridge')!.declaredAt).toBeNull();

    const declared = await call('PUT', '/api/v1/me/equity/northbridge', { ...learner }, { answers: { gender_identity: 'woman', disability: 'prefer_not_to_say' } });
    expect(declared.statusCode, declared.body).toBe(200);
    expect((declared.json() as MyEquityOrganisation).fields.map((f) => f.answer)).toEqual(['woman', 'prefer_not_to_say']);

    // Changing it: a field left out is withdrawn.
    const changed = (await call('PUT', '/api/v1/me/equity/northbridge', { ...learner }, { answers: { disability: 'no' } })).json() as MyEquityOrganisation;
    expect(changed.fields.map((f) => f.answer)).toEqual([null, 'no']);

    // A token cannot reach answers, even one with every scope; nobody else sees them.
    const token = await call('POST', '/api/v1/me/tokens', { ...learner }, { name: 'all', scopes: ['account:read', 'wallet:read', 'wallet:write', 'tracking:read'] });
    expect((await call('GET', '/api/v1/me/equity', { authorization: `Bearer ${(token.json() as { token: string }).token}` })).statusCode).toBe(403);
    const registrarView = (await call('GET', '/api/v1/me/equity', { ...registrar })).json() as MyEquity;
    expect(JSON.stringify(registrarView)).not.toContain('"answer":"no"');

    // The event says a declaration changed, never what it says.
    const events = await app.database.db.selectFrom('events').select(['type', 'payload']).where('type', 'like', 'equity.declaration%').execute();
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const event of events) expect(event.payload).toEqual({});

    expect((await call('DELETE', '/api/v1/me/equity/northbridge', { ...learner })).statusCode).toBe(204);
    const withdrawn = ((await call('GET', '/api/v1/me/equity', { ...learner })).json() as MyEquity).organisations.find((o) => o.organisation.slug === 'northbridge')!;
    expect(withdrawn.fields.every((f) => f.answer === null)).toBe(true);
  });

  it('breaks the month down with every cell under k suppressed, and the one that would give it away too', async () => {
    const response = await call('GET', `/api/v1/organisations/northbridge/equity/breakdown?${RANGE}&achievement=${sda}`, { ...registrar });
    expect(response.statusCode, response.body).toBe(200);
    const breakdown = response.json() as EquityBreakdown;
    const gender = Object.fromEntries(breakdown.cells.filter((c) => c.field === 'gender_identity').map((c) => [c.answer, c.enrolments]));
    // 11 men is above k, but 2 non-binary + 1 not declared (3) could be read off the total of 26 if 11 were shown.
    expect(gender).toEqual({ woman: 12, man: null, non_binary: null, another_gender: null, prefer_not_to_say: null, not_declared: null });
    // Nobody answered disability: 26 "not declared" would tell that every other answer is 0, so it is hidden too.
    expect(breakdown.cells.filter((c) => c.field === 'disability').every((c) => c.enrolments === null)).toBe(true);
    expect(breakdown.cells.every((c) => c.passes === null && c.credentials === null)).toBe(true);

    const organisation = (await call('GET', `/api/v1/organisations/northbridge/equity/breakdown?${RANGE}`, { ...registrar })).json() as EquityBreakdown;
    expect(organisation.cells.find((c) => c.field === 'gender_identity' && c.answer === 'woman')!.enrolments).toBe(12);
    expect((await call('GET', `/api/v1/organisations/northbridge/equity/breakdown?${RANGE}`, { ...employer })).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/organisations/northbridge/equity/breakdown?${RANGE}`, { ...learner })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/organisations/northbridge/equity/breakdown?from=2025-05&to=2025-01', { ...registrar })).json()).toMatchObject({ code: 'tracking.range_reversed' });
  });

  it('publishes the same cells as open data, JSON and CSV, with no figure under k and no answer of anyone', async () => {
    const json = await call('GET', `/api/v1/open-data/equity?${RANGE}`);
    expect(json.statusCode, json.body).toBe(200);
    const document = json.json() as EquityOpenDataDocument;
    expect(document.k).toBe(10);
    const rows = document.rows.filter((r) => r.achievementId === sda && r.field === 'gender_identity');
    expect(rows.map((r) => [r.answer, r.enrolments])).toEqual([['woman', 12], ['man', null], ['non_binary', null], ['another_gender', null], ['prefer_not_to_say', null], ['not_declared', null]]);
    for (const row of document.rows) for (const figure of [row.enrolments, row.passes, row.credentials]) expect(figure === null || figure >= 10).toBe(true);

    const csv = await call('GET', `/api/v1/open-data/equity?${RANGE}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = csv.body.trim().split('\r\n');
    expect(header).toBe('achievement_id,achievement_title,organisation,month,field,answer,enrolments,passes,credentials');
    expect(lines.length).toBe(document.rows.length);
    for (const line of lines) {
      for (const value of line.split(',').slice(-3)) expect(value === '' || Number(value) >= 10).toBe(true);
    }

    // A higher k hides more; a k under 5 is refused as the achievements export refuses it.
    const strict = (await call('GET', `/api/v1/open-data/equity?${RANGE}&k=13`)).json() as EquityOpenDataDocument;
    expect(strict.rows.filter((r) => r.achievementId === sda).every((r) => r.enrolments === null)).toBe(true);
    const small = await call('GET', `/api/v1/open-data/equity?${RANGE}&k=4`);
    expect(small.statusCode).toBe(400);
    expect(small.json()).toMatchObject({ code: 'tracking.k_too_small' });
  });

  it('deletes a learner\'s answers with their account', async () => {
    const person = await buildPerson(app.database.db);
    const session = await signIn(app.server, person.email, TEST_PASSWORD);
    expect((await call('PUT', '/api/v1/me/equity/northbridge', { ...session }, { answers: { gender_identity: 'non_binary' } })).statusCode).toBe(200);
    const count = async () => Number((await app.database.db.selectFrom('equity_declarations').select((eb) => eb.fn.countAll().as('n')).where('person_id', '=', person.id).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(1);
    const deleted = await call('POST', '/api/v1/me/delete-account', { ...session }, { confirmEmail: person.email });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await count()).toBe(0);
  });

  it('deletes the answers given to a field the organisation stops collecting', async () => {
    const person = await buildPerson(app.database.db);
    const session = await signIn(app.server, person.email, TEST_PASSWORD);
    expect((await call('PUT', '/api/v1/me/equity/northbridge', { ...session }, { answers: { disability: 'yes', gender_identity: 'man' } })).statusCode).toBe(200);
    expect((await call('PUT', '/api/v1/organisations/northbridge/equity/settings', { ...registrar }, { fields: ['gender_identity'] })).statusCode).toBe(200);
    const fields = await app.database.db.selectFrom('equity_declarations').select('field').where('person_id', '=', person.id).execute();
    expect(fields.map((f) => f.field)).toEqual(['gender_identity']);
    expect((await call('PUT', '/api/v1/me/equity/northbridge', { ...session }, { answers: { disability: 'yes' } })).json()).toMatchObject({ code: 'equity.field_not_collected' });
  });

  it('shows a changed or deleted answer in the very next breakdown and export', async () => {
    const { db } = app.database;
    const person = await buildPerson(db);
    const version = await db.selectFrom('achievement_versions').select('version').where('achievement_id', '=', sda).where('status', '<>', 'draft').orderBy('version', 'desc').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      const enrolment = await trx.insertInto('enrolments')
        .values({ person_id: person.id, organisation_id: organisationId, achievement_id: sda, achievement_version: version.version, route: 'assessment-only', state: 'enrolled', max_resubmissions: 1 })
        .returning('id').executeTakeFirstOrThrow();
      await recordEvent(trx, { type: 'enrolment.enrolled', actorId: person.id, organisationId, subjectType: 'enrolment', subjectId: enrolment.id, payload: { to: 'enrolled', achievementId: sda, version: version.version }, occurredAt: new Date(`${MONTH}-20T12:00:00Z`) });
    });
    const session = await signIn(app.server, person.email, TEST_PASSWORD);
    // What the app serves must equal what a service that has kept nothing computes from the rollups then.
    const unkept = () => createEquity({ db, organisations: createOrganisationsRepository(db), openDataK: 10, refresh: async () => ({ lastEventId: 0 }), clock: () => new Date() });
    const served: string[] = [];
    const check = async () => {
      const breakdown = (await call('GET', `/api/v1/organisations/northbridge/equity/breakdown?${RANGE}`, { ...registrar })).json() as EquityBreakdown;
      const exported = (await call('GET', `/api/v1/open-data/equity?${RANGE}`)).json() as EquityOpenDataDocument;
      const fresh = unkept();
      expect(breakdown.cells).toEqual((await fresh.service.breakdown(OPERATOR, 'northbridge', { from: MONTH, to: MONTH })).cells);
      expect(exported.rows).toEqual((await fresh.openData.export({ from: MONTH, to: MONTH })).rows);
      served.push(JSON.stringify(breakdown.cells));
    };
    await check();
    for (const answer of ['woman', 'man', 'woman']) {
      expect((await call('PUT', '/api/v1/me/equity/northbridge', { ...session }, { answers: { gender_identity: answer } })).statusCode).toBe(200);
      await check();
    }
    // Deleted without any event (as a cascade may delete it): the triggers alone tell that what was kept is old.
    await db.deleteFrom('equity_declarations').where('person_id', '=', person.id).execute();
    await check();
    // The answers moved published cells (else the comparison above proves nothing about keeping).
    expect(new Set(served).size).toBeGreaterThan(1);
    expect(served[4]).toBe(served[0]);
  });
});
