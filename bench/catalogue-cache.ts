import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';

/**
 * Loaded catalogues kept between runs of the `catalogue` bench. Loading 100,000 offerings (ESCO import, bulk
 * rows, the product's index rebuild, VACUUM ANALYZE) takes most of a run on the embedded database, yet only
 * changes when the data or the code that writes it does. So each database is built once per fingerprint of
 * that code (ESCO import, the index writers, the generator and loader) and of the options, and
 * later runs search it again, printing the import figures measured when it was built. `--fresh` rebuilds.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = 'tessera_bench_catalogue';

/**
 * What writes the catalogue's rows; a change to any of it makes the kept databases stale. Migrations are
 * not in it: the bench applies new ones to a kept database, as an installation's catalogue gets them.
 */
const WRITERS = ['src/catalog/esco', 'src/catalog/search/search-index.ts', 'src/catalog/search/search-entry.ts', 'src/catalog/search/harvested-search-index.ts', 'bench/catalogue-generator.ts', 'bench/catalogue-load.ts'];

const filesOf = (relative: string): string[] => {
  const full = path.join(root, relative);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs.readdirSync(full).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort().map((name) => path.join(full, name));
};

/** A short fingerprint of the writing code and of what is generated (count, seed). */
export function cacheKey(parts: Record<string, string | number>): string {
  const hash = createHash('sha256').update(JSON.stringify(parts));
  for (const file of WRITERS.flatMap(filesOf)) hash.update(path.relative(root, file)).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** The load's figures, measured when the cached database was built. */
export interface LoadFigures {
  builtAt: string;
  escoMs: number;
  insertMs: number;
  indexMs: number;
  vacuumMs: number;
}

export interface OpenedCatalogue {
  database: DatabaseHandle;
  /** The figures of the load, when the database was already built; null when it still needs loading. */
  cached: LoadFigures | null;
  /** Marks the load complete, so the next run reuses it. */
  keep(figures: LoadFigures): Promise<void>;
  dispose(): Promise<void>;
}

const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STATEMENT_TIMEOUT_MS = 300_000;

/** The keyed bench database on the local PostgreSQL server (older keys dropped), or the reason it cannot be reached. */
export async function openPostgresCatalogue(key: string, fresh: boolean): Promise<OpenedCatalogue | { skipped: string }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `PostgreSQL at ${new URL(ADMIN_URL).host} is unreachable (${(error as Error).message}); set BENCH_POSTGRES_ADMIN_URL to measure it` };
  }
  const name = `${PREFIX}_${key}`;
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like '${PREFIX}%'`);
    for (const row of rows) if (row.datname !== name || fresh) await admin.query(`drop database if exists ${row.datname} with (force)`);
    const exists = rows.some((row) => row.datname === name) && !fresh;
    if (!exists) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  await sql`create table if not exists bench_catalogue_load (figures jsonb not null)`.execute(database.db);
  const { rows } = await sql<{ figures: LoadFigures }>`select figures from bench_catalogue_load`.execute(database.db);
  if (rows.length === 0) {
    // A load that stopped half-way leaves rows behind: start again from an empty schema.
    const { rows: tables } = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename <> 'bench_catalogue_load'`.execute(database.db);
    if (tables[0]!.n > 0) {
      await database.close();
      return openPostgresCatalogue(key, true);
    }
  }
  return {
    database,
    cached: rows[0]?.figures ?? null,
    keep: async (figures) => { await sql`insert into bench_catalogue_load (figures) values (${JSON.stringify(figures)}::jsonb)`.execute(database.db); },
    dispose: () => database.close(),
  };
}

/** The keyed embedded database in the temporary folder (older keys removed); complete once its figures file exists. */
export async function openPgliteCatalogue(key: string, fresh: boolean): Promise<OpenedCatalogue> {
  const base = os.tmpdir();
  const dir = path.join(base, `${PREFIX.replaceAll('_', '-')}-${key}`);
  const figuresFile = `${dir}.json`;
  const complete = !fresh && fs.existsSync(figuresFile) && fs.existsSync(dir);
  // Earlier keys, an unfinished load of this one, and the throw-away folders older versions of the bench left.
  for (const entry of fs.readdirSync(base)) {
    if (!entry.startsWith(PREFIX.replaceAll('_', '-'))) continue;
    const full = path.join(base, entry);
    if (complete && (full === dir || full === figuresFile)) continue;
    fs.rmSync(full, { recursive: true, force: true });
  }
  const database = await openDatabase({ pgliteDir: dir, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  return {
    database,
    cached: complete ? (JSON.parse(fs.readFileSync(figuresFile, 'utf8')) as LoadFigures) : null,
    keep: async (figures) => fs.writeFileSync(figuresFile, JSON.stringify(figures)),
    dispose: () => database.close(),
  };
}
