import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/demo/demo-data.js';
import type { DatabaseTemplates } from './database-templates.js';

/** Which database this test run uses: the Vitest project sets TESSERA_TEST_DB (pglite by default). */
export const testDatabaseKind = (): 'pglite' | 'postgres' => (process.env.TESSERA_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and removes the throw-away database. */
  dispose(): Promise<void>;
}

/** What a test file's database starts as: empty (for migration tests), migrated, or migrated with the demo data. */
export type TestDatabaseStart = 'empty' | 'migrated' | 'demo';

/**
 * A fresh database for one test file: an in-memory PGlite, or (project `postgres`) a new database on the
 * server in DATABASE_URL, dropped afterwards. Tests never share rows. A migrated or demo database is a copy
 * of the run's template (test/support/database-templates.ts) when the run built one, and built here otherwise.
 */
export async function createTestDatabase(options: { migrate?: boolean; start?: TestDatabaseStart } = {}): Promise<TestDatabase> {
  const start: TestDatabaseStart = options.migrate === false ? 'empty' : (options.start ?? 'migrated');
  const template = start === 'empty' ? undefined : templateFor(start);
  const handle = testDatabaseKind() === 'postgres' ? await createPostgresDatabase(template?.database) : { ...(await openDatabase({ initialImage: template?.image })), drop: async () => undefined };
  if (start !== 'empty' && template === undefined) {
    await migrateToLatest(handle.db);
    if (start === 'demo') await seedDemoData(handle.db);
  }
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      await handle.drop();
    },
  };
}

/** The run's template for this start, as a PGlite image or a PostgreSQL template database name. */
function templateFor(start: 'migrated' | 'demo'): { image?: Blob; database?: string } | undefined {
  const templates = providedTemplates();
  if (templates === null) return undefined;
  if (templates.kind === 'postgres') {
    if (testDatabaseKind() !== 'postgres') return undefined;
    return { database: start === 'demo' ? templates.demoDatabase : templates.migratedDatabase };
  }
  if (testDatabaseKind() !== 'pglite') return undefined;
  return { image: new Blob([readFileSync(start === 'demo' ? templates.demoImage : templates.migratedImage)]) };
}

function providedTemplates(): DatabaseTemplates | null {
  try {
    return inject('databaseTemplates') ?? null;
  } catch {
    // Outside a Vitest run that built templates (a script importing this helper): build from scratch.
    return null;
  }
}

/** The demo image for a browser test's on-disk database, or undefined when this run built none. */
export function demoImageForEmbeddedServer(): Blob | undefined {
  const templates = providedTemplates();
  return templates?.kind === 'pglite' ? new Blob([readFileSync(templates.demoImage)]) : undefined;
}

async function createPostgresDatabase(template?: string): Promise<DatabaseHandle & { drop(): Promise<void>; url: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('TESSERA_TEST_DB=postgres needs DATABASE_URL');
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    ...handle,
    url: url.toString(),
    drop: () => withAdminClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** For tests that need the URL of a throw-away PostgreSQL database (CLI in a child process). */
export async function createPostgresTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const handle = await createPostgresDatabase();
  await handle.close();
  return { url: handle.url, drop: handle.drop };
}
