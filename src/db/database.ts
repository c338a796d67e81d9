import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { GuardedPGliteDialect } from './guarded-pglite-dialect.js';
import type { Database } from './tables.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the typed query builder plus what the app needs to watch and close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for people: a folder for PGlite, a redacted URL for PostgreSQL. */
  location: string;
  /**
   * PGlite only: the whole data directory as an uncompressed tarball, which `initialImage` loads again.
   * Call it between statements (it checkpoints first so the image holds every committed row).
   */
  dumpImage?: () => Promise<Blob>;
  /** Resolves when the database answers a trivial query; rejects with `db.unavailable` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** When set, a PostgreSQL server; otherwise the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's folder; `undefined` keeps the embedded database in memory (tests). */
  pgliteDir?: string | undefined;
  statementTimeoutMs?: number;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /**
   * PGlite only: a data-directory tarball (PGlite's `dumpDataDir`) to start from when the folder is empty or
   * in memory. Loading a migrated, seeded image takes a second or two; initialising a cluster, migrating and
   * seeding take half a minute, which is why the test suite starts its databases this way.
   */
  initialImage?: Blob | undefined;
}

// PostgreSQL's int8 (counts, sums) arrives as a string from node-postgres and as a number from PGlite.
// Tessera's counts fit in a double, so both drivers hand out numbers: one behaviour on both databases.
const INT8_OID = 20;

export const databaseUnavailable = (cause: unknown): AppError =>
  new AppError({
    code: 'db.unavailable',
    status: 503,
    title: 'The database is not available',
    detail: 'Tessera cannot reach its database right now. Try again shortly.',
    cause,
  });

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Fail fast instead of queueing forever when the server is gone: requests answer 503, not hang.
    connectionTimeoutMillis: 5_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    location: redactUrl(databaseUrl),
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  if (options.pgliteDir) {
    fs.mkdirSync(options.pgliteDir, { recursive: true });
    // PGlite is one process's database: a second process on the same folder would corrupt it.
    lock = acquireDataDirLock(options.pgliteDir);
  }
  try {
    const client = new PGlite({
      ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
      ...(options.initialImage ? { loadDataDir: options.initialImage } : {}),
      extensions: { pg_trgm, unaccent },
    });
    await client.waitReady;
    const db = new Kysely<Database>({ dialect: new GuardedPGliteDialect(client, options.statementTimeoutMs ?? 15_000) });
    return {
      db,
      kind: 'pglite',
      location: options.pgliteDir ? path.resolve(options.pgliteDir) : 'memory',
      dumpImage: async () => {
        await client.exec('checkpoint');
        return client.dumpDataDir('none');
      },
      ping: () => ping(db),
      close: async () => {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function ping(db: Kysely<Database>): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw databaseUnavailable(error);
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and `doctor`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
