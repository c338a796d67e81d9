import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../accounts/principal.js';
import { createOrganisationsRepository } from '../accounts/organisations.repository.js';
import { buildOrganisation, buildPerson } from '../../test/support/factories.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { medianOf, rate } from './dashboard-figures.js';
import { monthsOf } from './dashboard-range.js';
import type { DashboardRange } from './dashboard.schema.js';
import { recordEvents } from './event-log.js';
import { livesOf, stepOf, type GeneratedLives } from './generated-lives.fixture.js';
import { EVENT_ROLLUP_TABLES } from './rollup.tables.js';
import { createTracking } from './tracking.js';

const RANGE: DashboardRange = { from: '2025-03', to: '2026-02' };

/**
 * The dashboards as the API serves them, built from the rollups, against the same figures counted
 * straight from the generated events (months, "active", totals, medians, per-achievement and
 * per-organisation rows), for the organisation, one achievement and the platform.
 */
describe('dashboards equal a direct count over the events', () => {
  let database: TestDatabase;
  let organisations: Array<{ id: string; slug: string }>;
  let achievements: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    organisations = [await buildOrganisation(db), await buildOrganisation(db)];
    achievements = [];
    for (let i = 0; i < 3; i += 1) {
      const row = await db.insertInto('achievements').values({ organisation_id: organisations[0]!.id, slug: `counted-${i}` }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('achievement_versions').values({ achievement_id: row.id, version: 1, status: 'published', definition: JSON.stringify({ title: `Counted ${i}` }) }).execute();
      achievements.push(row.id);
    }
  });
  afterAll(async () => database?.dispose());

  /** The model's figures for the keys `keep` accepts, per month (`YYYY-MM`) or per achievement, in the range or before it. */
  function sums(lives: GeneratedLives, keep: (org: string, achievement: string) => boolean, by: 'month' | 'achievement', when: 'range' | 'before') {
    const result = new Map<string, Record<string, number>>();
    for (const [key, count] of lives.expected) {
      const [org, achievement, day, figure] = key.split('|') as [string, string, string, string];
      const month = day.slice(0, 7);
      const inRange = month >= RANGE.from && month <= RANGE.to;
      if (!keep(org, achievement) || (when === 'range' ? !inRange : month >= RANGE.from)) continue;
      const k = by === 'month' ? month : achievement;
      const entry = result.get(k) ?? {};
      entry[figure] = (entry[figure] ?? 0) + count;
      result.set(k, entry);
    }
    return result;
  }

  function days(lives: GeneratedLives, keep: (org: string, achievement: string) => boolean, by: (achievement: string) => string) {
    const result = new Map<string, Array<{ days: number; count: number }>>();
    for (const [key, list] of lives.durations) {
      const [org, achievement, day] = key.split('|') as [string, string, string];
      if (!keep(org, achievement) || day.slice(0, 7) < RANGE.from || day.slice(0, 7) > RANGE.to) continue;
      result.set(by(achievement), [...(result.get(by(achievement)) ?? []), ...list.map((d) => ({ days: d, count: 1 }))]);
    }
    return result;
  }

  /** What a dashboard over the kept keys must say, worked out from the events alone. */
  function expectedDashboard(lives: GeneratedLives, keep: (org: string, achievement: string) => boolean) {
    const of = (entry: Record<string, number> | undefined, figure: string) => entry?.[figure] ?? 0;
    const before = sums(lives, keep, 'month', 'before');
    let active = [...before.values()].reduce((n, e) => n + of(e, 'issued') + of(e, 'reinstated') - of(e, 'deactivated'), 0);
    const byMonth = sums(lives, keep, 'month', 'range');
    const months = monthsOf(RANGE).map((month) => {
      const e = byMonth.get(month);
      active += of(e, 'issued') + of(e, 'reinstated') - of(e, 'deactivated');
      return { month, issued: of(e, 'issued'), revoked: of(e, 'revoked'), suspended: of(e, 'suspended'), reinstated: of(e, 'reinstated'), active, enrolments: of(e, 'enrolments'), completions: of(e, 'completions'), endorsements: of(e, 'endorsements'), verifications: of(e, 'verifications') };
    });
    const total = (figure: string) => [...byMonth.values()].reduce((n, e) => n + of(e, figure), 0);
    const histograms = days(lives, keep, (achievement) => achievement);
    const shown = ['issued', 'revoked', 'suspended', 'reinstated', 'enrolments', 'completions', 'submissions', 'resubmissions', 'passed', 'returned', 'endorsements', 'verifications'];
    const rows = [...sums(lives, keep, 'achievement', 'range')]
      .filter(([id, e]) => achievements.includes(id) && shown.some((f) => of(e, f) > 0))
      .map(([id, e]) => ({
        achievementId: id, enrolments: of(e, 'enrolments'), completions: of(e, 'completions'), completionRate: rate(of(e, 'completions'), of(e, 'enrolments')),
        medianDaysToCredential: medianOf(histograms.get(id) ?? []), submissions: of(e, 'submissions'), resubmissions: of(e, 'resubmissions'),
        passed: of(e, 'passed'), returned: of(e, 'returned'), passRate: rate(of(e, 'passed'), of(e, 'passed') + of(e, 'returned')),
        issued: of(e, 'issued'), revoked: of(e, 'revoked'), verifications: of(e, 'verifications'),
      }))
      .sort((a, b) => a.achievementId.localeCompare(b.achievementId));
    return {
      months,
      totals: {
        issued: total('issued'), active: months.at(-1)!.active, revoked: total('revoked'), enrolments: total('enrolments'), completions: total('completions'),
        completionRate: rate(total('completions'), total('enrolments')), medianDaysToCredential: medianOf([...histograms.values()].flat()),
        passRate: rate(total('passed'), total('passed') + total('returned')), resubmissions: total('resubmissions'), endorsements: total('endorsements'),
        verifications: total('verifications'), pathwayCompletions: total('pathway_completions'),
      },
      achievements: rows,
    };
  }

  const comparable = (d: { months: unknown; totals: unknown; achievements: Array<{ achievementId: string } & Record<string, unknown>> }) => ({
    months: d.months,
    totals: d.totals,
    achievements: d.achievements.map(({ title: _t, slug: _s, organisation: _o, ...figures }) => figures).sort((a, b) => a.achievementId.localeCompare(b.achievementId)),
  });

  it('for an organisation, one of its achievements and the platform, over generated histories', async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(fc.array(stepOf(2, 3), { minLength: 1, maxLength: 80 }), async (steps) => {
        await sql`alter table events disable trigger events_append_only`.execute(db);
        await sql`delete from events`.execute(db);
        await sql`alter table events enable trigger events_append_only`.execute(db);
        for (const table of EVENT_ROLLUP_TABLES) {
          await db.deleteFrom(table).execute();
        }
        await db.updateTable('tracking_rollup_state').set({ last_event_id: 0 }).execute();
        const lives = livesOf(steps, organisations.map((o) => o.id), achievements);
        await db.transaction().execute((trx) => recordEvents(trx, lives.events));
        const tracking = createTracking({ db, organisations: createOrganisationsRepository(db), pathwayProgress: { mine: async () => [] }, openDataK: 10, clock: () => new Date('2026-06-15T00:00:00Z') });
        const [org0, org1] = organisations.map((o) => o.id) as [string, string];

        const organisation = await tracking.dashboards.organisation(OPERATOR, organisations[0]!.slug, RANGE);
        expect(comparable(organisation)).toEqual(expectedDashboard(lives, (org) => org === org0));
        const one = await tracking.dashboards.organisation(OPERATOR, organisations[0]!.slug, { ...RANGE, achievement: achievements[1] });
        expect(comparable(one)).toEqual(expectedDashboard(lives, (org, achievement) => org === org0 && achievement === achievements[1]));
        const platform = await tracking.dashboards.platform(OPERATOR, RANGE);
        expect(comparable(platform)).toEqual(expectedDashboard(lives, () => true));
        const perOrganisation = (id: string) => {
          const d = expectedDashboard(lives, (org) => org === id);
          return { issued: d.totals.issued, active: d.totals.active, enrolments: d.totals.enrolments, completions: d.totals.completions, verifications: d.totals.verifications };
        };
        const rows = new Map(platform.organisations.map(({ slug, name: _n, ...figures }) => [slug, figures]));
        for (const [slug, id] of [[organisations[0]!.slug, org0], [organisations[1]!.slug, org1]] as const) {
          const expected = perOrganisation(id);
          // An organisation without any rollup row up to the range's end has no row.
          expect(rows.get(slug) ?? { issued: 0, active: 0, enrolments: 0, completions: 0, verifications: 0 }).toEqual(expected);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("counts a pathway's funnel for the cohort whose first step falls in the dashboard's range", async () => {
    const { db } = database;
    const organisation = await buildOrganisation(db);
    const achievement = await db.insertInto('achievements').values({ organisation_id: organisation.id, slug: 'funnel-part' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('achievement_versions').values({ achievement_id: achievement.id, version: 1, status: 'published', definition: JSON.stringify({ title: 'Funnel part' }) }).execute();
    const pathway = await db.insertInto('pathways').values({ organisation_id: organisation.id, slug: 'funnel' }).returning('id').executeTakeFirstOrThrow();
    const version = await db.insertInto('pathway_versions').values({ pathway_id: pathway.id, version: 1, status: 'published', definition: JSON.stringify({ title: 'Funnel' }) }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('pathway_constituents').values({ pathway_version_id: version.id, achievement_id: achievement.id }).execute();
    // Three learners enrol in the part: one in January 2025, two in June 2025.
    for (const at of ['2025-01-10T09:00:00Z', '2025-06-10T09:00:00Z', '2025-06-30T23:59:00Z']) {
      const person = await buildPerson(db);
      await db.insertInto('enrolments').values({ person_id: person.id, organisation_id: organisation.id, achievement_id: achievement.id, achievement_version: 1, route: 'course', state: 'enrolled', max_resubmissions: 2, created_at: at }).execute();
    }
    const tracking = createTracking({ db, organisations: createOrganisationsRepository(db), pathwayProgress: { mine: async () => [] }, openDataK: 10, clock: () => new Date('2026-06-15T00:00:00Z') });
    const enrolled = async (from: string, to: string) => {
      const dashboard = await tracking.dashboards.organisation(OPERATOR, organisation.slug, { from, to });
      return dashboard.pathways.find((p) => p.slug === 'funnel')!.steps.find((step) => step.key === 'enrolled')!.learners;
    };
    expect(await enrolled('2025-06', '2025-06')).toBe(2);
    expect(await enrolled('2025-01', '2025-03')).toBe(1);
    expect(await enrolled('2024-01', '2024-12')).toBe(0);
    expect(await enrolled('2025-01', '2026-06')).toBe(3);
  });
});
