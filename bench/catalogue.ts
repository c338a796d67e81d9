import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { importDemoEsco } from '../src/catalog/esco/esco-import.js';
import { createEscoRepository } from '../src/catalog/esco/esco.repository.js';
import { createEscoService } from '../src/catalog/esco/esco.service.js';
import { measureAlignmentQuality, type AlignmentCase } from '../src/catalog/esco/esco-suggest.js';
import { createCatalogueSearchRepository } from '../src/catalog/search/catalogue-search.repository.js';
import { createCatalogueSearchService } from '../src/catalog/search/catalogue-search.service.js';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { generateOfferings, generateProviders, seededRandom, type EscoConcept, type Offering, type Provider } from './catalogue-generator.js';
import { escoConcepts, loadCatalogue } from './catalogue-load.js';
import { describe, generateQueries, percentile, QUERY_KINDS, runQuery, type BenchQuery } from './catalogue-queries.js';

/**
 * `npm run bench -- catalogue [--offerings 100000] [--queries 200] [--db both|pglite|postgres] [--seed 2026]`:
 * generates a realistic catalogue from the bundled ESCO subset, loads it into a fresh embedded database and
 * a fresh PostgreSQL database, and reports the import rate, search latency per kind of query (target: p95
 * under 50 ms on PostgreSQL at 100,000 offerings) and the alignment suggester's recall@5.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGET_P95_MS = 50;
const WARM_UP = 20;
const BENCH_DATABASE = 'tessera_bench_catalogue';
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The day the catalogue is generated for and searched on, so cohort starts and "within N days" repeat. */
const TODAY = new Date('2026-12-01T09:00:00Z');

interface Options {
  offerings: number;
  queries: number;
  databases: Array<'pglite' | 'postgres'>;
  seed: number;
}

function options(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const count = (name: string, fallback: number): number => {
    const n = Number(value(name) ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  const db = value('db') ?? 'both';
  if (!['both', 'pglite', 'postgres'].includes(db)) throw new Error('--db must be both, pglite or postgres');
  return { offerings: count('offerings', 100_000), queries: count('queries', 200), seed: count('seed', 2026), databases: db === 'both' ? ['pglite', 'postgres'] : [db as 'pglite' | 'postgres'] };
}

const progress = (stage: string, done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${stage}: ${done}/${total}   ${done === total ? '\n' : ''}`);
  else if (done === total || done === 0) process.stderr.write(`  ${stage}: ${done}/${total}\n`);
};

/** A fresh `tessera_bench_catalogue` database on the local server, or null (with the reason) when the server cannot be reached. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} is unreachable (${(error as Error).message}); set BENCH_POSTGRES_ADMIN_URL to measure it` };
  }
  const recreate = async (create: boolean) => {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    if (create) await admin.query(`create database ${BENCH_DATABASE}`);
  };
  await recreate(true);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return { url: url.toString(), drop: async () => { await recreate(false); await admin.end(); } };
}

async function openFresh(kind: 'pglite' | 'postgres'): Promise<{ database: DatabaseHandle; dispose: () => Promise<void> } | { skipped: string }> {
  if (kind === 'postgres') {
    const server = await freshPostgres();
    if ('skipped' in server) return server;
    const database = await openDatabase({ databaseUrl: server.url, statementTimeoutMs: 120_000 });
    return { database, dispose: async () => { await database.close(); await server.drop(); } };
  }
  // On disk, as `npm start` keeps it, in a throw-away folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-catalogue-'));
  const database = await openDatabase({ pgliteDir: dir, statementTimeoutMs: 120_000 });
  return { database, dispose: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

interface Catalogue {
  providers: Provider[];
  offerings: Offering[];
  queries: BenchQuery[];
}

/** Generated once, from the first database's ESCO concepts (sorted here, not by a collation), for every database. */
function generateCatalogue(opts: Options, concepts: { skills: EscoConcept[]; occupations: EscoConcept[] }): Catalogue {
  const byUri = (a: EscoConcept, b: EscoConcept) => (a.uri < b.uri ? -1 : 1);
  const random = seededRandom(opts.seed);
  const started = performance.now();
  const skills = [...concepts.skills].sort(byUri);
  const occupations = [...concepts.occupations].sort(byUri);
  const providers = generateProviders(random, Math.max(20, Math.round(opts.offerings / 250)));
  const offerings = generateOfferings({ random, count: opts.offerings, providers, skills, occupations, today: TODAY });
  const queries = generateQueries({ random, count: opts.queries, offerings, providers, skillsByUri: new Map(skills.map((s) => [s.uri, s])), occupationsByUri: new Map(occupations.map((o) => [o.uri, o])) });
  console.log(`generated ${offerings.length} offerings from ${providers.length} providers, ${skills.length} ESCO skills and ${occupations.length} occupations (each definition checked by the product's schema) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${queries.length} queries`);
  return { providers, offerings, queries };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

function report(kind: string, timings: Array<{ query: BenchQuery; ms: number; hits: number }>): void {
  const line = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${label.padEnd(12)} n=${String(sorted.length).padStart(3)}  p50 ${ms(percentile(sorted, 50)).padStart(9)}  p95 ${ms(percentile(sorted, 95)).padStart(9)}  p99 ${ms(percentile(sorted, 99)).padStart(9)}  max ${ms(sorted.at(-1)!).padStart(9)}`;
  };
  const all = timings.map((t) => t.ms);
  console.log(`search latency on ${kind} (warm, one query at a time):`);
  console.log(`  ${line('all', all)}`);
  for (const queryKind of QUERY_KINDS) {
    const own = timings.filter((t) => t.query.kind === queryKind);
    if (own.length > 0) console.log(`  ${line(queryKind, own.map((t) => t.ms))}  hits median ${percentile(own.map((t) => t.hits).sort((a, b) => a - b), 50)}`);
  }
  const p95 = percentile([...all].sort((a, b) => a - b), 95);
  console.log(`  p95 ${ms(p95)} is ${(p95 / TARGET_P95_MS).toFixed(2)}x the ${TARGET_P95_MS} ms target${kind === 'postgres' ? (p95 <= TARGET_P95_MS ? ' (met)' : ' (MISSED)') : ' (the target is set for PostgreSQL)'}`);
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(`  slowest: ${slowest.map((t) => `${t.query.kind} ${describe(t.query)} ${ms(t.ms)}`).join('; ')}`);
}

async function searchLatency(database: DatabaseHandle, queries: BenchQuery[]): Promise<Array<{ query: BenchQuery; ms: number; hits: number }>> {
  const { db } = database;
  const service = createCatalogueSearchService({ search: createCatalogueSearchRepository(db), esco: createEscoService({ db, esco: createEscoRepository(db) }), clock: () => TODAY, publicUrl: 'https://bench.tessera.test' });
  for (const query of queries.slice(0, WARM_UP)) await runQuery(service, query);
  const timings = [];
  for (const [i, query] of queries.entries()) {
    const started = performance.now();
    const hits = await runQuery(service, query);
    timings.push({ query, ms: performance.now() - started, hits });
    progress(`queries on ${database.kind}`, i + 1, queries.length);
  }
  return timings;
}

const alignmentSet = (): AlignmentCase[] => JSON.parse(fs.readFileSync(path.join(here, '../src/catalog/esco/fixtures/alignment-set.json'), 'utf8')) as AlignmentCase[];

async function benchDatabase(kind: 'pglite' | 'postgres', opts: Options, generated: { catalogue?: Catalogue }): Promise<void> {
  const fresh = await openFresh(kind);
  if ('skipped' in fresh) {
    console.log(`## ${kind}: skipped: ${fresh.skipped}`);
    return;
  }
  const { database } = fresh;
  try {
    console.log(`## ${kind}`);
    await migrateToLatest(database.db);
    const esco = await importDemoEsco(database.db);
    console.log(`bundled ESCO subset imported in ${(esco.durationMs / 1000).toFixed(1)} s`);
    const catalogue = (generated.catalogue ??= generateCatalogue(opts, await escoConcepts(database.db)));
    const load = await loadCatalogue(database.db, { random: seededRandom(opts.seed + 1), providers: catalogue.providers, offerings: catalogue.offerings, today: TODAY, progress });
    const seconds = (load.insertMs + load.indexMs) / 1000;
    console.log(`import: ${catalogue.offerings.length} offerings in ${seconds.toFixed(1)} s = ${(catalogue.offerings.length / seconds).toFixed(0)} offerings/s (bulk rows ${(load.insertMs / 1000).toFixed(1)} s, search index rebuild ${(load.indexMs / 1000).toFixed(1)} s = ${(catalogue.offerings.length / (load.indexMs / 1000)).toFixed(0)} entries/s; then VACUUM ANALYZE ${(load.vacuumMs / 1000).toFixed(1)} s)`);
    report(kind, await searchLatency(database, catalogue.queries));
    const started = performance.now();
    const quality = await measureAlignmentQuality(database.db, alignmentSet());
    console.log(`alignment suggester (catalogue-suggest) over ${quality.cases} outcome sentences: recall@5 ${quality.recallAt5.toFixed(3)}, recall@1 ${quality.recallAt1.toFixed(3)}, MRR ${quality.mrr.toFixed(3)} (${((performance.now() - started) / quality.cases).toFixed(0)} ms per suggestion)`);
  } finally {
    await fresh.dispose();
  }
}

export const run = async (): Promise<void> => {
  const opts = options(process.argv.slice(2));
  console.log(`catalogue: ${opts.offerings} offerings, ${opts.queries} queries, seed ${opts.seed}, searched as of ${TODAY.toISOString().slice(0, 10)}; the machine is shared, so timings are noisy`);
  const generated: { catalogue?: Catalogue } = {};
  for (const kind of opts.databases) await benchDatabase(kind, opts, generated);
};
