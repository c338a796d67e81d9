import { loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { OPERATOR } from '../src/accounts/principal.js';
import { createOrganisationsRepository } from '../src/accounts/organisations.repository.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createTracking } from '../src/tracking/tracking.js';
import { createEquity } from '../src/tracking/equity/equity.js';
import { countedFromEvents } from '../src/tracking/equity/equity-event-count.fixture.js';
import { EVENT_ROLLUP_TABLES } from '../src/tracking/rollup.tables.js';
import { changeAnswers, loadEquityPeople, newEnrolments } from './tracking-equity.js';

/**
 * Tracking at scale (issue #7): synthetic events over two years for 1,000 achievements of 10
 * organisations on PostgreSQL (database tessera_bench_tracking on 127.0.0.1:5432), then the rollups'
 * full refresh (from nothing) and an incremental one (10,000 new events), then the p50/p95 latency of
 * each dashboard query as the API runs it (the service, refresh-on-read included).
 * `npm run bench -- tracking --events 1000000 --runs 20` for a quicker run (defaults: 10,000,000 events, 40 runs a query).
 *
 * The synthetic events are written with generate_series in one INSERT per million (with progress), not through
 * recordEvents: their hashes are unique placeholders, not a chain (chaining 10 million SHA-256 links in
 * Node would measure hashing, not the rollups, which never read the hashes). `tessera doctor` would
 * report this throw-away database's chain broken at its first event, as it should.
 */
const SERVER = process.env.BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'tessera_bench_tracking';
const ORGANISATIONS = 10;
const ACHIEVEMENTS = 1_000;
const SKILLS = 300;
const CHUNK = 1_000_000;
const START = '2024-01-01T00:00:00Z';
const DAYS = 730;

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

async function freshPostgres(): Promise<string> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  await client.query(`drop database if exists ${DATABASE} with (force)`);
  await client.query(`create database ${DATABASE}`);
  await client.end();
  return `${SERVER}/${DATABASE}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const uptime = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;


/**
 * Ten events per learner's life, in id order: enrolled, submitted, reviewed, (returned and resubmitted for
 * one in four), passed (or withdrawn for one in five), completed with a credential, the credential
 * issued, verified once or twice, sometimes revoked or the achievement endorsed. Times spread the lives
 * over two years; a life lasts 0 to 45 days. One row per number of the series, in order, without a join or
 * a sort, so ids follow the lives' order; each payload is built only for the step it belongs to.
 */
const eventsSql = (from: number, to: number, groups: number, organisations: string[]) => sql`
  insert into events (occurred_at, type, organisation_id, subject_type, subject_id, payload, previous_hash, hash)
  select
    ${START}::timestamptz + (g::float8 / ${groups}) * interval '${sql.raw(String(DAYS))} days' + step * (g % 10) * interval '12 hours',
    case step
      when 0 then 'enrolment.enrolled' when 1 then 'enrolment.submit' when 2 then 'review.decided'
      when 3 then case when returned then 'enrolment.return' else 'evidence.added' end
      when 4 then case when returned then 'enrolment.submit' else 'evidence.added' end
      when 5 then case when passes then 'enrolment.pass' else 'enrolment.withdraw' end
      when 6 then case when passes then 'enrolment.credential_issued' else 'evidence.added' end
      when 7 then case when passes then 'credential.issued' else 'evidence.added' end
      when 8 then 'verification.performed'
      else case when g % 50 = 0 then 'credential.revoked' when g % 50 = 1 then 'endorsement.issued' else 'verification.performed' end
    end,
    organisation_id,
    case when step < 7 then 'enrolment' when step = 9 and g % 50 = 1 then 'achievement' else 'credential' end,
    case when step < 7 then md5('e' || g)::uuid::text when step = 9 and g % 50 = 1 then achievement_id::text else md5('c' || g)::uuid::text end,
    case
      when step = 0 then jsonb_build_object('to', 'enrolled', 'achievementId', achievement_id)
      when step = 1 then jsonb_build_object('from', 'enrolled', 'achievementId', achievement_id)
      when step = 2 then jsonb_build_object('decision', case when returned then 'return' else 'pass' end)
      when step = 4 then jsonb_build_object('from', 'not_yet_passed', 'achievementId', achievement_id)
      when step = 6 then jsonb_build_object('credentialId', md5('c' || g)::uuid)
      when step = 7 then jsonb_build_object('achievementId', achievement_id, 'version', 1, 'recipientIsPerson', true)
      when step = 8 or (step = 9 and g % 50 > 1) then jsonb_build_object('channel', 'api', 'verified', true, 'local', true, 'achievementId', achievement_id)
      when step = 9 and g % 50 = 1 then jsonb_build_object('endorsedOrganisationId', organisation_id)
      else jsonb_build_object('achievementId', achievement_id)
    end,
    repeat('0', 64), md5(i::text) || md5((-i)::text)
  from (
    select i, i / 10 as g, i % 10 as step, (i / 10) % 4 = 0 as returned, (i / 10) % 5 <> 4 as passes,
           md5('a' || ((i / 10) % ${ACHIEVEMENTS}))::uuid as achievement_id,
           (${organisations}::uuid[])[((i / 10) % ${ACHIEVEMENTS}) % ${ORGANISATIONS} + 1] as organisation_id
    from generate_series(${from}::bigint, ${to - 1}::bigint) i
  ) s`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const total = Number(argument('events') ?? 10_000_000);
  const runs = Number(argument('runs') ?? 40);
  const url = await freshPostgres();
  const database = await openDatabase({ databaseUrl: url, pgliteDir: '', statementTimeoutMs: 3_600_000 });
  const { db } = database;
  try {
    await migrateToLatest(db);
    // Organisations, and published achievements whose outcomes align to ESCO skills (names and skills are read from them).
    await sql`insert into organisations (slug, name, kind) select 'bench-org-' || n, 'Bench organisation ' || n, 'issuer' from generate_series(1, ${ORGANISATIONS}) n`.execute(db);
    await sql`create table bench_achievements (n integer primary key, id uuid not null, organisation_id uuid not null)`.execute(db);
    await sql`
      insert into bench_achievements (n, id, organisation_id)
      select n, md5('a' || n)::uuid, (select id from organisations where slug = 'bench-org-' || (n % ${ORGANISATIONS} + 1)) from generate_series(0, ${ACHIEVEMENTS - 1}) n`.execute(db);
    // Organisation of achievement n: the (n mod 10 + 1)th, as the event generator computes it without a join.
    const organisations = (await sql<{ id: string }>`select id::text from organisations where slug like 'bench-org-%' order by substring(slug from 11)::int`.execute(db)).rows.map((r) => r.id);
    await sql`insert into achievements (id, organisation_id, slug) select id, organisation_id, 'bench-achievement-' || n from bench_achievements`.execute(db);
    await sql`
      insert into achievement_versions (achievement_id, version, status, definition, published_at)
      select id, 1, 'published', jsonb_build_object('title', 'Bench micro-credential ' || n, 'outcomes', jsonb_build_array(
        jsonb_build_object('id', 'o1', 'escoSkills', jsonb_build_array(jsonb_build_object('uri', 'http://data.europa.eu/esco/skill/' || md5('s' || (n % ${SKILLS}))::uuid, 'label', 'Skill ' || (n % ${SKILLS})))),
        jsonb_build_object('id', 'o2', 'escoSkills', jsonb_build_array(jsonb_build_object('uri', 'http://data.europa.eu/esco/skill/' || md5('s' || ((n * 7) % ${SKILLS}))::uuid, 'label', 'Skill ' || ((n * 7) % ${SKILLS})))))), now()
      from bench_achievements`.execute(db);
    // Search demand: 300 terms searched every month for two years (a third of them nothing offers).
    await sql`
      insert into search_term_demand_monthly (month, kind, term, searches, without_results)
      select (${START}::date + m * interval '1 month')::date, 'catalogue', 'term ' || t, 30 + (m * t) % 170, case when t % 3 = 0 then 30 + (m * t) % 170 else 0 end
      from generate_series(0, 23) m, generate_series(1, 300) t`.execute(db);

    const groups = Math.ceil(total / 10);
    // Loading without the secondary indexes and building them afterwards is how one bulk-loads PostgreSQL;
    // the rollups use only the primary key.
    await sql`alter table events drop constraint events_hash_key`.execute(db);
    await sql`drop index events_type_time, events_organisation_time`.execute(db);
    let started = performance.now();
    for (let from = 0; from < total; from += CHUNK) {
      await eventsSql(from, Math.min(total, from + CHUNK), groups, organisations).execute(db);
      const done = Math.min(total, from + CHUNK);
      const elapsed = performance.now() - started;
      process.stdout.write(`\r  generated ${done.toLocaleString('en')} of ${total.toLocaleString('en')} events (${seconds(elapsed)}, about ${seconds((elapsed / done) * (total - done))} to go)   `);
    }
    console.log(`\n  ${total.toLocaleString('en')} synthetic events in ${seconds(performance.now() - started)} (${uptime()})`);
    started = performance.now();
    await sql`alter table events add constraint events_hash_key unique (hash)`.execute(db);
    await sql`create index events_type_time on events (type, occurred_at)`.execute(db);
    await sql`create index events_organisation_time on events (organisation_id, occurred_at)`.execute(db);
    console.log(`  events' secondary indexes built in ${seconds(performance.now() - started)}`);
    started = performance.now();
    const loaded = await loadEquityPeople(db, groups, organisations, ACHIEVEMENTS);
    console.log(`  ${loaded.people.toLocaleString('en')} learners, ${loaded.enrolments.toLocaleString('en')} enrolments, ${loaded.credentials.toLocaleString('en')} credentials, ${loaded.declarations.toLocaleString('en')} equity answers in ${seconds(performance.now() - started)}`);
    // A freshly loaded table has no visibility map and no statistics: vacuum it, as autovacuum would later.
    started = performance.now();
    for (const table of ['events', 'people', 'enrolments', 'issued_credentials', 'equity_declarations']) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
    console.log(`  vacuum analyze of the events and people in ${seconds(performance.now() - started)} (${uptime()})`);

    const clock = () => new Date(Date.parse(START) + DAYS * 86_400_000 - 1);
    const tracking = createTracking({ db, organisations: createOrganisationsRepository(db), pathwayProgress: { mine: async () => [] }, openDataK: 10, clock });
    started = performance.now();
    const full = await tracking.rollups.refresh();
    const fullMs = performance.now() - started;
    console.log(`  full refresh: ${full.folded.toLocaleString('en')} events folded in ${seconds(fullMs)} (${Math.round(full.folded / (fullMs / 1000)).toLocaleString('en')} events/s; ${uptime()})`);
    started = performance.now();
    for (const table of EVENT_ROLLUP_TABLES) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
    console.log(`  vacuum analyze of the rollups in ${seconds(performance.now() - started)}`);
    const sizes = await Promise.all(EVENT_ROLLUP_TABLES.map(async (table) => `${table} ${Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n).toLocaleString('en')}`));
    console.log(`  rollup rows: ${sizes.join(', ')}`);

    await eventsSql(total, total + 10_000, groups, organisations).execute(db);
    started = performance.now();
    const incremental = await tracking.rollups.refresh();
    console.log(`  incremental refresh: ${incremental.folded.toLocaleString('en')} new events in ${(performance.now() - started).toFixed(0)} ms (${uptime()})`);
    started = performance.now();
    await tracking.rollups.refresh();
    console.log(`  refresh with nothing new: ${(performance.now() - started).toFixed(1)} ms`);

    // A fresh one keeps nothing: its first breakdown computes every month from the rollups.
    const newEquity = () => createEquity({ db, organisations: createOrganisationsRepository(db), openDataK: 10, refresh: () => tracking.refresher.refreshNow(), clock });
    const equity = newEquity();
    const achievement = (await sql<{ id: string }>`select id::text from bench_achievements where n = 7`.execute(db)).rows[0]!.id;
    const org = (i: number) => `bench-org-${(i % ORGANISATIONS) + 1}`;
    const queries: Array<[string, (i: number) => Promise<unknown>]> = [
      ['organisation dashboard, last 12 months', (i) => tracking.dashboards.organisation(OPERATOR, org(i), {})],
      ['organisation dashboard, 24 months', (i) => tracking.dashboards.organisation(OPERATOR, org(i), { from: '2024-01', to: '2025-12' })],
      ['organisation dashboard, one achievement', () => tracking.dashboards.organisation(OPERATOR, 'bench-org-8', { achievement, from: '2024-01', to: '2025-12' })],
      ['platform dashboard, last 12 months', () => tracking.dashboards.platform(OPERATOR, {})],
      ['platform dashboard, 24 months', () => tracking.dashboards.platform(OPERATOR, { from: '2024-01', to: '2025-12' })],
      ['open data, 24 months (JSON; kept per watermark after the first)', () => tracking.openData.export({ from: '2024-01', to: '2025-12' })],
      ['equity breakdown, 24 months, nothing kept (a first view)', (i) => newEquity().service.breakdown(OPERATOR, org(i), { from: '2024-01', to: '2025-12' })],
      ['equity breakdown, 12 months, nothing kept (a first view)', (i) => newEquity().service.breakdown(OPERATOR, org(i), {})],
      ['equity breakdown, 24 months, after 10 new enrolments in its last month', async (i) => {
        await newEnrolments(db, organisations[i % ORGANISATIONS]!, achievement, 10);
        return equity.service.breakdown(OPERATOR, org(i), { from: '2024-01', to: '2025-12' });
      }],
      ['equity breakdown, 24 months, viewed again', (i) => equity.service.breakdown(OPERATOR, org(i), { from: '2024-01', to: '2025-12' })],
      ['equity breakdown, one achievement, viewed again', () => equity.service.breakdown(OPERATOR, 'bench-org-8', { achievement, from: '2024-01', to: '2025-12' })],
      ['equity open data, 24 months, every organisation, nothing kept', () => newEquity().openData.export({ from: '2024-01', to: '2025-12' })],
      ['equity open data, 24 months, every organisation, after 10 new enrolments', async (i) => {
        await newEnrolments(db, organisations[i % ORGANISATIONS]!, achievement, 10);
        return equity.openData.export({ from: '2024-01', to: '2025-12' });
      }],
      // The write side of the equity rollups: one learner's answer changed, their folded figures moved by the triggers.
      ['a learner changes an equity answer', (i) => changeAnswers(db, organisations, ACHIEVEMENTS, (i * 7919) % loaded.people, i)],
    ];
    // Open data's first export after a refresh is built from the rollups; later ones reuse it.
    started = performance.now();
    await tracking.openData.export({ from: '2024-01', to: '2025-12' });
    console.log(`  open data, 24 months (JSON), first export: ${(performance.now() - started).toFixed(0)} ms (${uptime()})`);
    for (const [name, query] of queries) {
      // One round over the organisations first: "viewed again" and "after new enrolments" mean a dashboard seen before.
      for (let i = 0; i < ORGANISATIONS; i += 1) await query(i);
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t = performance.now();
        await query(i);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${runs} runs; ${uptime()})`);
    }
    // Before the equity rollups the breakdown counted the organisation's events on every request: the same
    // counts, read that way, for the ratio (a few runs: each reads a tenth of the events).
    const firstOrganisation = (await sql<{ id: string }>`select id::text from organisations where slug = 'bench-org-1'`.execute(db)).rows[0]!.id;
    const scanTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      await countedFromEvents(db, firstOrganisation, { from: '2024-01', to: '2025-12' });
      scanTimes.push(performance.now() - t);
    }
    scanTimes.sort((a, b) => a - b);
    const viaRollups: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      await newEquity().service.breakdown(OPERATOR, 'bench-org-1', { from: '2024-01', to: '2025-12' });
      viaRollups.push(performance.now() - t);
    }
    viaRollups.sort((a, b) => a - b);
    console.log(`  equity breakdown, 24 months, one organisation: counted from the events (before) median ${percentile(scanTimes, 50).toFixed(0)} ms; from the rollups, nothing kept, median ${percentile(viaRollups, 50).toFixed(1)} ms (${(percentile(scanTimes, 50) / percentile(viaRollups, 50)).toFixed(0)}× faster; ${uptime()})`);
  } finally {
    await database.close();
  }
}
