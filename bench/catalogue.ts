import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDemoEsco } from '../src/catalog/esco/esco-import.js';
import { createEscoRepository } from '../src/catalog/esco/esco.repository.js';
import { createEscoService } from '../src/catalog/esco/esco.service.js';
import { measureAlignmentQuality, type AlignmentCase } from '../src/catalog/esco/esco-suggest.js';
import { createCatalogueSearchRepository } from '../src/catalog/search/catalogue-search.repository.js';
import { createCatalogueSearchService } from '../src/catalog/search/catalogue-search.service.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { cacheKey, openPgliteCatalogue, openPostgresCatalogue } from './catalogue-cache.js';
import { generateOfferings, generateProviders, seededRandom, type EscoConcept, type Offering, type Provider } from './catalogue-generator.js';
import { escoConcepts, loadCatalogue } from './catalogue-load.js';
import { describe, generateQueries, percentile, QUERY_KINDS, runQuery, type BenchQuery } from './catalogue-queries.js';

/**
 * `npm run bench -- catalogue [--offerings 100000] [--queries 200] [--db both|pglite|postgres] [--seed 2026] [--fresh]`:
 * generates a realistic catalogue from the bundled ESCO subset, loads it into an embedded database and a
 * PostgreSQL database (kept for the next run while the code that writes them is unchanged: see
 * catalogue-cache.ts), and reports the import rate, search latency per kind of query (target: p95
 * under 50 ms on PostgreSQL at 100,000 offerings) and the alignment suggester's recall@5.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGET_P95_MS = 50;
const WARM_UP = 20;
/** The day the catalogue is generated for and searched on, so cohort starts and "within N days" repeat. */
const TODAY = new Date('2026-12-01T09:00:00Z');

interface Options {
  offerings: number;
  queries: number;
  databases: Array<'pglite' | 'postgres'>;
  seed: number;
  /** Load the catalogue again even when a database built by the same code is kept (bench/catalogue-cache.ts). */
  fresh: boolean;
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
  return { offerings: count('offerings', 100_000), queries: count('queries', 200), seed: count('seed', 2026), databases: db === 'both' ? ['pglite', 'postgres'] : [db as 'pglite' | 'postgres'], fresh: argv.includes('--fresh') };
}

const progress = (stage: string, done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${stage}: ${done}/${total}   ${done === total ? '\n' : ''}`);
  else if (done === total || done === 0) process.stderr.write(`  ${stage}: ${done}/${total}\n`);
};

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
  const key = cacheKey({ offerings: opts.offerings, seed: opts.seed, today: TODAY.toISOString() });
  const opened = kind === 'postgres' ? await openPostgresCatalogue(key, opts.fresh) : await openPgliteCatalogue(key, opts.fresh);
  if ('skipped' in opened) {
    console.log(`## ${kind}: skipped: ${opened.skipped}`);
    return;
  }
  const { database } = opened;
  try {
    console.log(`## ${kind}`);
    // On a kept database too: a new migration applies to it as it would to an installation's catalogue.
    await migrateToLatest(database.db);
    let figures = opened.cached;
    if (figures === null) {
      const esco = await importDemoEsco(database.db);
      const catalogue = (generated.catalogue ??= generateCatalogue(opts, await escoConcepts(database.db)));
      const load = await loadCatalogue(database.db, { random: seededRandom(opts.seed + 1), providers: catalogue.providers, offerings: catalogue.offerings, today: TODAY, progress });
      figures = { builtAt: new Date().toISOString(), escoMs: esco.durationMs, ...load };
      await opened.keep(figures);
    } else {
      generated.catalogue ??= generateCatalogue(opts, await escoConcepts(database.db));
    }
    const catalogue = generated.catalogue;
    const when = opened.cached === null ? '' : ` (measured when this database was built, ${figures.builtAt.slice(0, 16).replace('T', ' ')} UTC; --fresh loads it again)`;
    const seconds = (figures.insertMs + figures.indexMs) / 1000;
    console.log(`bundled ESCO subset imported in ${(figures.escoMs / 1000).toFixed(1)} s${when}`);
    console.log(`import: ${catalogue.offerings.length} offerings in ${seconds.toFixed(1)} s = ${(catalogue.offerings.length / seconds).toFixed(0)} offerings/s (bulk rows ${(figures.insertMs / 1000).toFixed(1)} s, search index rebuild ${(figures.indexMs / 1000).toFixed(1)} s = ${(catalogue.offerings.length / (figures.indexMs / 1000)).toFixed(0)} entries/s; then VACUUM ANALYZE ${(figures.vacuumMs / 1000).toFixed(1)} s)${when}`);
    report(kind, await searchLatency(database, catalogue.queries));
    const started = performance.now();
    const quality = await measureAlignmentQuality(database.db, alignmentSet());
    console.log(`alignment suggester (catalogue-suggest) over ${quality.cases} outcome sentences: recall@5 ${quality.recallAt5.toFixed(3)}, recall@1 ${quality.recallAt1.toFixed(3)}, MRR ${quality.mrr.toFixed(3)} (${((performance.now() - started) / quality.cases).toFixed(0)} ms per suggestion)`);
  } finally {
    await opened.dispose();
  }
}

export const run = async (): Promise<void> => {
  const opts = options(process.argv.slice(2));
  console.log(`catalogue: ${opts.offerings} offerings, ${opts.queries} queries, seed ${opts.seed}, searched as of ${TODAY.toISOString().slice(0, 10)}; the machine is shared, so timings are noisy`);
  const generated: { catalogue?: Catalogue } = {};
  for (const kind of opts.databases) await benchDatabase(kind, opts, generated);
};
