import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../../../test/support/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { recordEvent } from '../event-log.js';
import { EVENT_TYPES } from '../event-types.js';
import { monthsOf } from '../dashboard-range.js';
import { createRollups } from '../rollups.js';
import { countedFromEvents } from './equity-event-count.fixture.js';
import { equityAggregates } from './equity-aggregates.js';
import { EQUITY_FIELDS, NOT_DECLARED } from './equity-fields.js';
import { createEquityMonths } from './equity-months.js';
import { createEquityRepository } from './equity.repository.js';
import { EQUITY_FIGURES } from './equity.schema.js';

const RANGE = { from: '2025-01', to: '2026-06' } as const;
const START = Date.UTC(2025, 0, 1);
const PEOPLE = 6;
const ANSWERS = { gender_identity: ['woman', 'man', 'non_binary', 'prefer_not_to_say'], disability: ['yes', 'no', 'prefer_not_to_say'] } as const;
type Field = keyof typeof ANSWERS;

type Step =
  | { kind: 'enrol' | 'issue'; person: number; achievement: number; day: number }
  | { kind: 'pass'; pick: number; day: number }
  | { kind: 'declare'; person: number; gender: number | null; disability: number | null }
  | { kind: 'forget'; person: number }
  | { kind: 'collect'; disability: boolean }
  | { kind: 'refresh' };

const person = fc.nat(PEOPLE - 1);
const day = fc.nat(500);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('enrol' as const, 'issue' as const), person, achievement: fc.nat(1), day }),
  fc.record({ kind: fc.constant('pass' as const), pick: fc.nat(30), day }),
  fc.record({ kind: fc.constant('declare' as const), person, gender: fc.option(fc.nat(3)), disability: fc.option(fc.nat(2)) }),
  fc.record({ kind: fc.constant('forget' as const), person }),
  fc.record({ kind: fc.constant('collect' as const), disability: fc.boolean() }),
  fc.record({ kind: fc.constant('refresh' as const) }),
);

/**
 * The equity breakdown read from its rollups must equal what counting the events gives, whatever the order
 * of folds, declarations, withdrawals and fields turned off and on. The reference is the direct count the
 * breakdown used before the rollups: every enrolment, pass and credential event of the organisation in the
 * range, joined to its person's current answers.
 */
describe('equity rollups', () => {
  let database: TestDatabase;
  let organisationId: string;
  let achievements: Array<{ id: string; version: number }>;
  let people: string[];

  beforeAll(async () => {
    database = await createTestDatabase({ start: 'demo' });
    const { db } = database;
    const organisation = await db.selectFrom('organisations').select('id').where('slug', '=', 'northbridge').executeTakeFirstOrThrow();
    organisationId = organisation.id;
    achievements = await db.selectFrom('achievement_versions as v').innerJoin('achievements as a', 'a.id', 'v.achievement_id')
      .select(['a.id', 'v.version']).where('a.organisation_id', '=', organisationId).where('v.status', '=', 'published').orderBy('a.slug').limit(2).execute();
    expect(achievements).toHaveLength(2);
    people = [];
    for (let i = 0; i < PEOPLE; i++) people.push((await buildPerson(db)).id);
  }, 180_000);
  afterAll(async () => database?.dispose());

  const counted = () => countedFromEvents(database.db, organisationId, RANGE);

  async function fromRollups(): Promise<Map<string, number>> {
    const counts = await createEquityRepository(database.db).counts(organisationId, monthsOf(RANGE));
    const map = new Map<string, number>();
    for (const c of counts) {
      for (const figure of EQUITY_FIGURES) {
        if (c[figure] === 0) continue;
        const key = [c.achievementId, c.month, figure, c.field, c.answer].join('|');
        expect(map.has(key), `${key} counted twice`).toBe(false);
        map.set(key, c[figure]);
      }
    }
    return map;
  }

  async function run(steps: Step[], batchSize: number): Promise<void> {
    const { db } = database;
    const equity = createEquityRepository(db);
    const rollups = createRollups({ db, clock: () => new Date(), batchSize });
    const enrolments: Array<{ id: string; achievementId: string }> = [];
    const at = (d: number) => new Date(START + d * 86_400_000 + 3_600_000);
    for (const s of steps) {
      if (s.kind === 'enrol') {
        const achievement = achievements[s.achievement]!;
        await db.transaction().execute(async (trx) => {
          // Withdrawn, so the one-active-enrolment rule lets the same learner enrol again.
          const row = await trx.insertInto('enrolments')
            .values({ person_id: people[s.person]!, organisation_id: organisationId, achievement_id: achievement.id, achievement_version: achievement.version, route: 'assessment-only', state: 'withdrawn', max_resubmissions: 1 })
            .returning('id').executeTakeFirstOrThrow();
          await recordEvent(trx, { type: EVENT_TYPES.enrolmentEnrolled, actorId: people[s.person]!, organisationId, subjectType: 'enrolment', subjectId: row.id, payload: { to: 'enrolled', achievementId: achievement.id }, occurredAt: at(s.day) });
          enrolments.push({ id: row.id, achievementId: achievement.id });
        });
      } else if (s.kind === 'pass' && enrolments.length > 0) {
        const enrolment = enrolments[s.pick % enrolments.length]!;
        await db.transaction().execute((trx) => recordEvent(trx, { type: EVENT_TYPES.enrolmentPassed, organisationId, subjectType: 'enrolment', subjectId: enrolment.id, payload: { achievementId: enrolment.achievementId }, occurredAt: at(s.day) }));
      } else if (s.kind === 'issue') {
        const achievement = achievements[s.achievement]!;
        const id = randomUUID();
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('issued_credentials')
            .values({ id, organisation_id: organisationId, kind: 'OpenBadgeCredential', achievement_id: achievement.id, achievement_version: achievement.version, recipient_person_id: people[s.person]!, recipient_identifier: `mailto:${id}@example.test`, credential: JSON.stringify({ id }), issued_at: at(s.day) })
            .execute();
          await recordEvent(trx, { type: EVENT_TYPES.credentialIssued, organisationId, subjectType: 'credential', subjectId: id, payload: { achievementId: achievement.id }, occurredAt: at(s.day) });
        });
      } else if (s.kind === 'declare') {
        const collected = await equity.collectedFields(organisationId);
        const answers: Array<[Field, string]> = [];
        if (s.gender !== null) answers.push(['gender_identity', ANSWERS.gender_identity[s.gender]!]);
        if (s.disability !== null && collected.includes('disability')) answers.push(['disability', ANSWERS.disability[s.disability]!]);
        await db.transaction().execute((trx) => equity.replaceDeclaration(trx, organisationId, people[s.person]!, answers, new Date()));
      } else if (s.kind === 'forget') {
        // What account deletion runs for every table that hangs off the person.
        await db.deleteFrom('equity_declarations').where('person_id', '=', people[s.person]!).execute();
      } else if (s.kind === 'collect') {
        const fields = s.disability ? ['gender_identity', 'disability'] : ['gender_identity'];
        await db.transaction().execute((trx) => equity.setCollectedFields(trx, organisationId, fields, people[0]!));
      } else if (s.kind === 'refresh') {
        await rollups.refresh();
      }
    }
    await rollups.refresh();
  }

  it('equal a direct count over the events joined to the answers people hold now', async () => {
    const { db } = database;
    await db.transaction().execute((trx) => createEquityRepository(db).setCollectedFields(trx, organisationId, ['gender_identity', 'disability'], people[0]!));
    let nonEmpty = 0;
    // Kept across the runs, as a server keeps it across requests: what it serves must equal a fresh computation.
    const repository = createEquityRepository(db);
    const months = createEquityMonths({ equity: repository, k: 10 });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 20 }), async (steps, batchSize) => {
        await run(steps, batchSize);
        const expected = await counted();
        if ([...expected.keys()].some((k) => !k.endsWith(`|${NOT_DECLARED}`))) nonEmpty += 1;
        expect(await fromRollups()).toEqual(expected);
        const collected = await repository.collectedFields(organisationId);
        const inUse = EQUITY_FIELDS.filter((f) => collected.includes(f.key));
        const fresh = equityAggregates(await repository.counts(organisationId, monthsOf(RANGE)), inUse, 10);
        expect(await months.organisation(organisationId, RANGE, inUse)).toEqual(fresh.organisation);
        expect(await months.achievements(organisationId, RANGE, inUse)).toEqual(fresh.achievements);
      }),
      { numRuns: 20 },
    );
    // The property saw declared answers, not only "not declared" (it would pass vacuously on those).
    expect(nonEmpty).toBeGreaterThan(5);
  }, 120_000);

  it('move a person\'s folded figures at once when they change or withdraw their answer', async () => {
    const { db } = database;
    const equity = createEquityRepository(db);
    await db.transaction().execute((trx) => equity.setCollectedFields(trx, organisationId, ['gender_identity'], people[0]!));
    // A learner of their own, with exactly one enrolment (the property's learners have any number).
    const learner = people.push((await buildPerson(db)).id) - 1;
    await run([{ kind: 'enrol', person: learner, achievement: 0, day: 40 }], 250_000);
    const declare = (answer: string | null) => db.transaction().execute((trx) => equity.replaceDeclaration(trx, organisationId, people[learner]!, answer ? [['gender_identity', answer]] : [], new Date()));
    const enrolmentsIn = async (answer: string) => (await fromRollups()).get(`${achievements[0]!.id}|2025-02|enrolments|gender_identity|${answer}`) ?? 0;

    await declare(null);
    const before = { man: await enrolmentsIn('man'), woman: await enrolmentsIn('woman'), none: await enrolmentsIn(NOT_DECLARED) };
    await declare('man');
    expect(await enrolmentsIn('man')).toBe(before.man + 1);
    expect(await enrolmentsIn(NOT_DECLARED)).toBe(before.none - 1);
    await declare('woman');
    expect(await enrolmentsIn('man')).toBe(before.man);
    expect(await enrolmentsIn('woman')).toBe(before.woman + 1);
    await declare(null);
    expect(await enrolmentsIn('woman')).toBe(before.woman);
    expect(await enrolmentsIn(NOT_DECLARED)).toBe(before.none);
    expect(await fromRollups()).toEqual(await counted());
  }, 60_000);
});
