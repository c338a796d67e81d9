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
    await writeImage(handle, layout.pgliteImage('demo'));
    announce('demo');
  } finally {
    await handle.close();
  }
}

// PGlite keeps no autovacuum: analyse after the bulk load so every copy plans its queries on real statistics.
async function writeImage(handle: DatabaseHandle, file: string): Promise<void> {
  if (!handle.dumpImage) throw new Error('expected an embedded database');
  await sql`vacuum analyze`.execute(handle.db);
  writeFileSync(`${file}.partial`, Buffer.from(await (await handle.dumpImage()).arrayBuffer()));
  renameSync(`${file}.partial`, file);
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
  const fill = async (name: string, work: (handle: DatabaseHandle) => Promise<unknown>) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2, statementTimeoutMs: 120_000 });
    try {
      await work(handle);
      await sql`analyze`.execute(handle.db);
    } finally {
      // A template can be copied only while nobody is connected to it.
      await handle.close();
    }
  };
  await admin(`create database ${migratedDatabase}`);
  await fill(migratedDatabase, (handle) => migrateToLatest(handle.db));
  // Copied before the migrated template is announced, so that no test file's copy is being made meanwhile.
  await admin(`create database ${demoDatabase} template ${migratedDatabase}`);
  announce('migrated');
  await fill(demoDatabase, (handle) => seedDemoData(handle.db));
  announce('demo');
}
