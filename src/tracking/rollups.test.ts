import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { recordEvents } from './event-log.js';
import { livesOf, rollUp, stepOf, type FigureKey } from './generated-lives.fixture.js';
import { EVENT_ROLLUP_TABLES, ROLLUP_FIGURES } from './rollup.tables.js';
import { createRollups } from './rollups.js';

const ORGS = [randomUUID(), randomUUID()];
const ACHIEVEMENTS = [randomUUID(), randomUUID(), randomUUID()];

/** A `date` column as `YYYY-MM-DD` (PGlite and node-postgres both parse it into a Date at UTC midnight or local midnight). */
function dayOf(value: unknown): string {
  if (value instanceof Date) return new Date(value.getTime() - value.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

const add = (a: number, b: number) => a + b;
const concat = (a: number[], b: number[]) => [...a, ...b];
const sortedValues = (map: Map<string, number[]>) => new Map([...map].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));

describe('rollups: incremental folds of the event chain', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.dispose());

  async function emptyRollups(): Promise<void> {
    for (const table of EVENT_ROLLUP_TABLES) await database.db.deleteFrom(table).execute();
    await database.db.updateTable('tracking_rollup_state').set({ last_event_id: 0 }).execute();
  }

  async function reset(): Promise<void> {
    const { db } = database;
    await sql`alter table events disable trigger events_append_only`.execute(db);
    await sql`delete from events`.execute(db);
    await sql`alter table events enable trigger events_append_only`.execute(db);
    await emptyRollups();
  }

  /** Every level of the rollups as `key|figure → count` maps (zero figures left out) and day lists. */
  async function stored() {
    const { db } = database;
    const tall = (rows: Array<Record<string, unknown>>, key: (r: Record<string, unknown>) => string) => {
      const map = new Map<FigureKey, number>();
      for (const r of rows) for (const f of ROLLUP_FIGURES) if (Number(r[f]) !== 0) map.set(`${key(r)}|${f}`, Number(r[f]));
      return map;
    };
    const days = (rows: Array<{ days: number; count: unknown } & Record<string, unknown>>, key: (r: Record<string, unknown>) => string) => {
      const map = new Map<string, number[]>();
      for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), ...Array<number>(Number(r.count)).fill(r.days)]);
      return sortedValues(map);
    };
    return {
      achievement: tall(await db.selectFrom('tracking_achievement_monthly').selectAll().execute(), (r) => `${r.organisation_id}|${r.achievement_id}|${dayOf(r.month)}`),
      organisation: tall(await db.selectFrom('tracking_organisation_monthly').selectAll().execute(), (r) => `${r.organisation_id}|${dayOf(r.month)}`),
      platform: tall(await db.selectFrom('tracking_platform_monthly').selectAll().execute(), (r) => dayOf(r.month)),
      achievementDays: days(await db.selectFrom('tracking_time_to_credential').selectAll().execute(), (r) => `${r.organisation_id}|${r.achievement_id}|${dayOf(r.month)}`),
      organisationDays: days(await db.selectFrom('tracking_organisation_time_to_credential').selectAll().execute(), (r) => `${r.organisation_id}|${dayOf(r.month)}`),
      platformDays: days(await db.selectFrom('tracking_platform_time_to_credential').selectAll().execute(), (r) => dayOf(r.month)),
    };
  }

  it('equal a direct count over the events at every level, however the refreshes are split, and an incremental refresh equals a full one', async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(fc.array(stepOf(ORGS.length, ACHIEVEMENTS.length), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 4 }), fc.integer({ min: 1, max: 25 }), async (steps, cuts, batchSize) => {
        await reset();
        const { events, expected, durations } = livesOf(steps, ORGS, ACHIEVEMENTS);
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
        // [org, achievement, month, figure] → the organisation's and the platform's keys.
        expect(incremental.achievement).toEqual(expected);
        expect(incremental.organisation).toEqual(rollUp(expected, ([o, , m, f]) => `${o}|${m}|${f}`, add));
        expect(incremental.platform).toEqual(rollUp(expected, ([, , m, f]) => `${m}|${f}`, add));
        expect(incremental.achievementDays).toEqual(sortedValues(durations));
        expect(incremental.organisationDays).toEqual(sortedValues(rollUp(durations, ([o, , m]) => `${o}|${m}`, concat)));
        expect(incremental.platformDays).toEqual(sortedValues(rollUp(durations, ([, , m]) => m!, concat)));
        expect(await rollups.watermark()).toBe(Number((await db.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m));

        // A full refresh from scratch gives the same tables.
        await emptyRollups();
        await createRollups({ db, clock: () => new Date() }).refresh();
        expect(await stored()).toEqual(incremental);
      }),
      { numRuns: 25 },
    );
  });

  it('counts a credential suspended, then revoked twice, as leaving "active" once and revoked once', async () => {
    const { db } = database;
    await reset();
    const steps = [
      { kind: 'issue', day: 1 }, { kind: 'suspend', day: 2 }, { kind: 'revoke', day: 3 }, { kind: 'revoke', day: 4 }, { kind: 'reinstate', day: 5 },
    ] as const;
    const { events } = livesOf(steps.map((s) => ({ ...s, org: 0, achievement: 0, pick: 0 })), ORGS, ACHIEVEMENTS);
    // One batch for all of it (the window over the batch) and one per event (the stored state) agree.
    for (const batchSize of [100, 1]) {
      await reset();
      await db.transaction().execute((trx) => recordEvents(trx, events));
      await createRollups({ db, clock: () => new Date(), batchSize }).refresh();
      const row = await db.selectFrom('tracking_achievement_monthly').selectAll().executeTakeFirstOrThrow();
      expect({ issued: Number(row.issued), suspended: Number(row.suspended), revoked: Number(row.revoked), reinstated: Number(row.reinstated), deactivated: Number(row.deactivated) })
        .toEqual({ issued: 1, suspended: 1, revoked: 1, reinstated: 0, deactivated: 1 });
      expect((await db.selectFrom('tracking_credentials').select('status').executeTakeFirstOrThrow()).status).toBe('revoked');
    }
  });

  it('a refresh with nothing new folds nothing and leaves the counts alone', async () => {
    const { db } = database;
    await reset();
    const { events } = livesOf([{ kind: 'issue', org: 0, achievement: 0, day: 3, pick: 0 }], ORGS, ACHIEVEMENTS);
    await db.transaction().execute((trx) => recordEvents(trx, events));
    const rollups = createRollups({ db, clock: () => new Date() });
    expect((await rollups.refresh()).folded).toBeGreaterThan(0);
    expect((await rollups.refresh()).folded).toBe(0);
    expect((await stored()).achievement).toEqual(new Map([[`${ORGS[0]}|${ACHIEVEMENTS[0]}|2025-01-01|issued`, 1]]));
  });

  it('counts an enrolment or credential whose subject id is not a uuid, without failing the fold', async () => {
    const { db } = database;
    await reset();
    const occurredAt = new Date('2025-02-03T10:00:00Z');
    await db.transaction().execute((trx) => recordEvents(trx, [
      { type: 'enrolment.enrolled', organisationId: ORGS[0], subjectType: 'enrolment', subjectId: 'imported-42', payload: { to: 'enrolled', achievementId: ACHIEVEMENTS[0] }, occurredAt },
      { type: 'credential.issued', organisationId: ORGS[0], subjectType: 'credential', subjectId: 'urn:example:credential:7', payload: { achievementId: ACHIEVEMENTS[0] }, occurredAt },
    ]));
    await createRollups({ db, clock: () => new Date() }).refresh();
    expect((await stored()).achievement).toEqual(new Map([
      [`${ORGS[0]}|${ACHIEVEMENTS[0]}|2025-02-01|enrolments`, 1],
      [`${ORGS[0]}|${ACHIEVEMENTS[0]}|2025-02-01|issued`, 1],
    ]));
  });

  it('keeps a column for every figure at every level (the migration and the code agree)', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_name in ('tracking_achievement_monthly', 'tracking_organisation_monthly', 'tracking_platform_monthly')
        and column_name not in ('organisation_id', 'achievement_id', 'month')`.execute(database.db);
    for (const table of ['tracking_achievement_monthly', 'tracking_organisation_monthly', 'tracking_platform_monthly']) {
      expect(columns.rows.filter((c) => c.table_name === table).map((c) => c.column_name).sort()).toEqual([...ROLLUP_FIGURES].sort());
    }
  });
});
