import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createEscoRepository } from '../src/catalog/esco/esco.repository.js';
import { createEscoService } from '../src/catalog/esco/esco.service.js';
import { createCatalogueSearchRepository } from '../src/catalog/search/catalogue-search.repository.js';
import { createCatalogueSearchService } from '../src/catalog/search/catalogue-search.service.js';
import type { Database } from '../src/db/tables.js';
import { generateOfferings, generateProviders, seededRandom, type EscoConcept } from './catalogue-generator.js';
import { escoConcepts } from './catalogue-load.js';
import { describe, generateQueries, runQuery } from './catalogue-queries.js';

/**
 * `npx tsx bench/catalogue-profile.ts [--top 30]`: the catalogue bench's 200 queries (seed 2026, 100,000
 * offerings) against the PostgreSQL database the bench keeps, each timed with the SQL it ran, slowest first:
 * where a slow search spends its time (statements, or Node between them). Run `npm run bench -- catalogue
 * --db postgres` first, so the kept database exists. Prints figures only; it asserts nothing.
 */

const TODAY = new Date('2026-12-01T09:00:00Z');
const argv = process.argv.slice(2);
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 30;
if (!Number.isInteger(top) || top < 0) throw new Error('--top must be a whole number');
const admin = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
const { rows: dbs } = await adminClient.query<{ datname: string }>(`select datname from pg_database where datname like 'tessera_bench_catalogue%'`);
await adminClient.end();
if (dbs.length !== 1) throw new Error(`expected one kept bench database, found ${dbs.length}: run the catalogue bench on PostgreSQL first`);
const url = new URL(admin);
url.pathname = `/${dbs[0]!.datname}`;

const statements: Array<{ sql: string; ms: number }> = [];
const pool = new pg.Pool({ connectionString: url.toString(), max: 10, types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser } });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => void statements.push({ sql: event.query.sql.replace(/\s+/g, ' ').slice(0, 90), ms: event.queryDurationMillis }),
});

const concepts = await escoConcepts(db);
const byUri = (a: EscoConcept, b: EscoConcept) => (a.uri < b.uri ? -1 : 1);
const random = seededRandom(2026);
const skills = [...concepts.skills].sort(byUri);
const occupations = [...concepts.occupations].sort(byUri);
const providers = generateProviders(random, 400);
const offerings = generateOfferings({ random, count: 100_000, providers, skills, occupations, today: TODAY });
const queries = generateQueries({ random, count: 200, offerings, providers, skillsByUri: new Map(skills.map((s) => [s.uri, s])), occupationsByUri: new Map(occupations.map((o) => [o.uri, o])) });

const service = createCatalogueSearchService({ search: createCatalogueSearchRepository(db), esco: createEscoService({ db, esco: createEscoRepository(db) }), clock: () => TODAY, publicUrl: 'https://bench.tessera.test' });
for (const query of queries.slice(0, 20)) await runQuery(service, query);

const timings = [];
for (const query of queries) {
  statements.length = 0;
  const started = performance.now();
  const hits = await runQuery(service, query);
  const ms = performance.now() - started;
  const sqlMs = statements.reduce((sum, s) => sum + s.ms, 0);
  timings.push({ query, ms, hits, sqlMs, statements: [...statements] });
}
timings.sort((a, b) => b.ms - a.ms);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
console.log(`200 queries: ${sum(timings.map((t) => t.ms)).toFixed(0)} ms in all, of which SQL ${sum(timings.map((t) => t.sqlMs)).toFixed(0)} ms`);
for (const t of timings.slice(0, top)) {
  console.log(`${t.ms.toFixed(1).padStart(6)} ms (SQL ${t.sqlMs.toFixed(1)}, Node ${(t.ms - t.sqlMs).toFixed(1)})  ${t.query.kind} ${describe(t.query)}  hits ${t.hits}`);
  for (const s of t.statements) if (s.ms >= 2) console.log(`         ${s.ms.toFixed(1).padStart(6)} ms  ${s.sql}`);
}
await db.destroy();
