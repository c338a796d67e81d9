import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { recordEvents, type NewEvent } from './event-log.js';
import { EVENT_TYPES } from './event-types.js';
import { createRollups } from './rollups.js';

/** A generated life of a few enrolments and credentials, as the services would record it. */
interface Step {
  kind: 'enrol' | 'submit' | 'resubmit' | 'pass' | 'return' | 'complete' | 'issue' | 'revoke' | 'verify' | 'endorse' | 'pathway' | 'noise';
  org: number;
  achievement: number;
  /** Days after 2025-01-01. */
  day: number;
  /** Which earlier enrolment or credential the step is about (modulo how many exist). */
  pick: number;
}

const ORGS = [randomUUID(), randomUUID()];
const ACHIEVEMENTS = [randomUUID(), randomUUID(), randomUUID()];
const START = Date.UTC(2025, 0, 1);

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('enrol', 'submit', 'resubmit', 'pass', 'return', 'complete', 'issue', 'revoke', 'verify', 'endorse', 'pathway', 'noise'),
  org: fc.nat(ORGS.length - 1),
  achievement: fc.nat(ACHIEVEMENTS.length - 1),
  day: fc.nat(500),
  pick: fc.nat(50),
});

type Key = string; // org|achievement|month|metric

/** Turns steps into events (in time order) and counts them directly: the expected rollups. */
function eventsOf(steps: Step[]): { events: NewEvent[]; expected: Map<Key, number>; durations: Map<string, number[]> } {
  const sorted = [...steps].sort((a, b) => a.day - b.day);
  const enrolments: Array<{ id: string; org: string; achievement: string; day: number }> = [];
  const credentials: Array<{ id: string; org: string; achievement: string }> = [];
  const events: NewEvent[] = [];
  const expected = new Map<Key, number>();
  const durations = new Map<string, number[]>();
  const count = (org: string, achievement: string, day: number, metric: string) => {
    const key = `${org}|${achievement}|${monthOf(day)}|${metric}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  };
  for (const s of sorted) {
    const org = ORGS[s.org]!;
    const achievement = ACHIEVEMENTS[s.achievement]!;
    const occurredAt = new Date(START + s.day * 86_400_000 + 3_600_000);
    const enrolment = enrolments.length > 0 ? enrolments[s.pick % enrolments.length]! : undefined;
    const credential = credentials.length > 0 ? credentials[s.pick % credentials.length]! : undefined;
    const ofEnrolment = (type: string, payload: Record<string, unknown>) =>
      events.push({ type, organisationId: enrolment!.org, subjectType: 'enrolment', subjectId: enrolment!.id, payload, occurredAt });
    if (s.kind === 'enrol') {
      const id = randomUUID();
      enrolments.push({ id, org, achievement, day: s.day });
      events.push({ type: EVENT_TYPES.enrolmentEnrolled, actorId: randomUUID(), organisationId: org, subjectType: 'enrolment', subjectId: id, payload: { to: 'enrolled', achievementId: achievement }, occurredAt });
      count(org, achievement, s.day, 'enrolments');
    } else if ((s.kind === 'submit' || s.kind === 'resubmit') && enrolment) {
      ofEnrolment(EVENT_TYPES.enrolmentSubmitted, { from: s.kind === 'submit' ? 'enrolled' : 'not_yet_passed', achievementId: enrolment.achievement });
      count(enrolment.org, enrolment.achievement, s.day, 'submissions');
      if (s.kind === 'resubmit') count(enrolment.org, enrolment.achievement, s.day, 'resubmissions');
    } else if ((s.kind === 'pass' || s.kind === 'return') && enrolment) {
      // review.decided carries no achievement: the rollups find it through the enrolment.
      ofEnrolment(EVENT_TYPES.reviewDecided, { decision: s.kind });
      ofEnrolment(s.kind === 'pass' ? EVENT_TYPES.enrolmentPassed : EVENT_TYPES.enrolmentReturned, { achievementId: enrolment.achievement });
      count(enrolment.org, enrolment.achievement, s.day, s.kind === 'pass' ? 'passed' : 'returned');
    } else if (s.kind === 'complete' && enrolment) {
      ofEnrolment(EVENT_TYPES.enrolmentCredentialIssued, { credentialId: randomUUID() });
      count(enrolment.org, enrolment.achievement, s.day, 'completions');
      const key = `${enrolment.org}|${enrolment.achievement}|${monthOf(s.day)}`;
      durations.set(key, [...(durations.get(key) ?? []), s.day - enrolment.day]);
    } else if (s.kind === 'issue') {
      const id = randomUUID();
      credentials.push({ id, org, achievement });
      events.push({ type: EVENT_TYPES.credentialIssued, organisationId: org, subjectType: 'credential', subjectId: id, payload: { achievementId: achievement }, occurredAt });
      count(org, achievement, s.day, 'issued');
    } else if (s.kind === 'revoke' && credential) {
      events.push({ type: EVENT_TYPES.credentialRevoked, organisationId: credential.org, subjectType: 'credential', subjectId: credential.id, payload: { reason: 'test' }, occurredAt });
      count(credential.org, credential.achievement, s.day, 'revoked');
    } else if (s.kind === 'verify') {
      const local = credential !== undefined && s.pick % 2 === 0;
      events.push(local
        ? { type: EVENT_TYPES.verificationPerformed, organisationId: credential.org, subjectType: 'credential', subjectId: credential.id, payload: { verified: true, local: true, achievementId: credential.achievement }, occurredAt }
        : { type: EVENT_TYPES.verificationPerformed, payload: { verified: false, local: false, achievementId: null }, occurredAt });
      count(local ? credential.org : '', local ? credential.achievement : '', s.day, 'verifications');
    } else if (s.kind === 'endorse') {
      const partner = randomUUID();
      events.push({ type: EVENT_TYPES.endorsementIssued, organisationId: partner, subjectType: 'achievement', subjectId: achievement, payload: { credentialId: randomUUID(), endorsedOrganisationId: org }, occurredAt });
      count(org, achievement, s.day, 'endorsements');
    } else if (s.kind === 'pathway') {
      events.push({ type: EVENT_TYPES.pathwayCompleted, organisationId: org, subjectType: 'pathway', subjectId: achievement, payload: { version: 1 }, occurredAt });
      count(org, achievement, s.day, 'pathway_completions');
    } else {
      events.push({ type: EVENT_TYPES.membershipAdded, organisationId: org, subjectType: 'person', subjectId: randomUUID(), payload: { role: 'admin' }, occurredAt });
    }
  }
  return { events, expected, durations };
}

/** A `date` column as `YYYY-MM-DD` (PGlite and node-postgres both parse it into a Date at UTC midnight or local midnight). */
function dayOf(value: unknown): string {
  if (value instanceof Date) return new Date(value.getTime() - value.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

function monthOf(day: number): string {
  return new Date(START + day * 86_400_000).toISOString().slice(0, 7) + '-01';
}

describe('rollups: incremental folds of the event chain', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.dispose());

  async function reset(): Promise<void> {
    const { db } = database;
    await sql`alter table events disable trigger events_append_only`.execute(db);
    await sql`delete from events`.execute(db);
    await sql`alter table events enable trigger events_append_only`.execute(db);
    for (const table of ['tracking_monthly', 'tracking_time_to_credential', 'tracking_enrolments', 'tracking_credentials'] as const) await db.deleteFrom(table).execute();
    await db.updateTable('tracking_rollup_state').set({ last_event_id: 0 }).execute();
  }

  async function stored(): Promise<{ monthly: Map<Key, number>; durations: Map<string, number[]> }> {
    const { db } = database;
    const rows = await db.selectFrom('tracking_monthly').selectAll().execute();
    const monthly = new Map(rows.map((r) => [`${r.organisation_id}|${r.achievement_id}|${dayOf(r.month)}|${r.metric}`, Number(r.count)]));
    const histogram = await db.selectFrom('tracking_time_to_credential').selectAll().orderBy('days').execute();
    const durations = new Map<string, number[]>();
    for (const r of histogram) {
      const key = `${r.organisation_id}|${r.achievement_id}|${dayOf(r.month)}`;
      durations.set(key, [...(durations.get(key) ?? []), ...Array<number>(Number(r.count)).fill(r.days)]);
    }
    return { monthly, durations };
  }

  const sortedValues = (map: Map<string, number[]>) => new Map([...map].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));

  it('equal a direct count over the events, however the refreshes are split, and an incremental refresh equals a full one', async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 4 }), fc.integer({ min: 1, max: 25 }), async (steps, cuts, batchSize) => {
        await reset();
        const { events, expected, durations } = eventsOf(steps);
        const rollups = createRollups({ db, clock: () => new Date(), batchSize });
        // Append in chunks with refreshes between them (and a repeated refresh: idempotent).
        const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        let at = 0;
        for (const point of [...points, events.length]) {
          await db.transaction().execute((trx) => recordEvents(trx, events.slice(at, point)));
          at = point;
          await rollups.refresh();
          await rollups.refresh();
        }
        const incremental = await stored();
        expect(incremental.monthly).toEqual(expected);
        expect(sortedValues(incremental.durations)).toEqual(sortedValues(durations));
        expect(await rollups.watermark()).toBe(Number((await db.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m));

        // A full refresh from scratch gives the same tables.
        for (const table of ['tracking_monthly', 'tracking_time_to_credential', 'tracking_enrolments', 'tracking_credentials'] as const) await db.deleteFrom(table).execute();
        await db.updateTable('tracking_rollup_state').set({ last_event_id: 0 }).execute();
        await createRollups({ db, clock: () => new Date() }).refresh();
        expect(await stored()).toEqual(incremental);
      }),
      { numRuns: 25 },
    );
  });

  it('a refresh with nothing new folds nothing and leaves the counts alone', async () => {
    const { db } = database;
    await reset();
    const { events } = eventsOf([{ kind: 'issue', org: 0, achievement: 0, day: 3, pick: 0 }]);
    await db.transaction().execute((trx) => recordEvents(trx, events));
    const rollups = createRollups({ db, clock: () => new Date() });
    expect((await rollups.refresh()).folded).toBeGreaterThan(0);
    expect((await rollups.refresh()).folded).toBe(0);
    expect((await stored()).monthly).toEqual(new Map([[`${ORGS[0]}|${ACHIEVEMENTS[0]}|2025-01-01|issued`, 1]]));
  });
});
