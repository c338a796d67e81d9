import { renameSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/demo/demo-data.js';
import { templateLayout, type TemplateStart } from './template-layout.js';

/**
 * Builds one kind's database templates, in a process of its own (started by test/support/database-templates.ts
 * with `node --import tsx`), so that the PGlite build, the PostgreSQL build and the first test files each
 * have a core rather than sharing the Vitest process's one thread. Each template is announced as soon as it
 * is ready (a marker file), the migrated one before the demo data is seeded; a failure is written down for
 * the test files waiting on it.
 *
 * Usage: template-builder.ts <pglite|postgres> <directory> <postgres database prefix>
 */
const [kind, dir, prefix] = process.argv.slice(2) as ['pglite' | 'postgres', string, string];
const layout = templateLayout(dir, prefix);

try {
  if (kind === 'postgres') await buildPostgresTemplates();
  else await buildPgliteImages();
} catch (error) {
  writeFileSync(layout.failed(kind), error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}

function announce(start: TemplateStart): void {
  writeFileSync(layout.ready(kind, start), '');
}

async function buildPgliteImages(): Promise<void> {
  const handle = await openDatabase({ statementTimeoutMs: 120_000 });
  try {
    await migrateToLatest(handle.db);
    await writeImage(handle, layout.pgliteImage('migrated'));
    announce('migrated');
    await seedDemoData(handle.db);
    await analyseFilledTables(handle, true);
    await writeImage(handle, layout.pgliteImage('demo'));
    announce('demo');
  } finally {
    await handle.close();
  }
}

async function writeImage(handle: DatabaseHandle, file: string): Promise<void> {
  if (!handle.dumpImage) throw new Error('expected an embedded database');
  writeFileSync(`${file}.partial`, Buffer.from(await (await handle.dumpImage()).arrayBuffer()));
  renameSync(`${file}.partial`, file);
}

/**
 * Statistics for the tables the demo data filled, so that every copy plans its queries on real figures
 * (PGlite runs no autovacuum; on PostgreSQL a copy would otherwise wait for it). Only those tables: a
 * vacuumed or analysed empty table is recorded as empty, and queries on it stay slow as a test fills it.
 * After a whole-database VACUUM ANALYZE of a freshly migrated PGlite database, an import of the shared
 * ESCO data took 52–56 s instead of 7.3 s (after VACUUM alone 37 s, ANALYZE alone 39 s; load 4–5).
 */
async function analyseFilledTables(handle: DatabaseHandle, vacuum: boolean): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select format('%I.%I', n.nspname, c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
     order by 1`.execute(handle.db);
  for (const { name } of rows) {
    const filled = await sql<{ filled: boolean }>`select exists (select 1 from ${sql.raw(name)}) as filled`.execute(handle.db);
    if (filled.rows[0]?.filled) await sql.raw(`${vacuum ? 'vacuum analyze' : 'analyze'} ${name}`).execute(handle.db);
  }
}

async function buildPostgresTemplates(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('The postgres test project needs DATABASE_URL');
  const migratedDatabase = layout.postgresDatabase('migrated');
  const demoDatabase = layout.postgresDatabase('demo');
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const fill = async (name: string, work: (handle: DatabaseHandle) => Promise<unknown>, analyse: boolean) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2, statementTimeoutMs: 120_000 });
    try {
      await work(handle);
      if (analyse) await analyseFilledTables(handle, false);
    } finally {
      // A template can be copied only while nobody is connected to it.
      await handle.close();
    }
  };
  await admin(`create database ${migratedDatabase}`);
  await fill(migratedDatabase, (handle) => migrateToLatest(handle.db), false);
  // Copied before the migrated template is announced, so that no test file's copy is being made meanwhile.
  await admin(`create database ${demoDatabase} template ${migratedDatabase}`);
  announce('migrated');
  await fill(demoDatabase, (handle) => seedDemoData(handle.db), true);
  announce('demo');
}
