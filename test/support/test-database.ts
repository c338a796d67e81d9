import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/demo/demo-data.js';
import type { DatabaseTemplates } from './database-templates.js';
import { templateLayout, type TemplateStart } from './template-layout.js';

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
  const template = start === 'empty' ? undefined : await templateFor(start);
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
async function templateFor(start: TemplateStart): Promise<{ image?: Blob; database?: string } | undefined> {
  const templates = providedTemplates();
  if (templates === null || templates.kind !== testDatabaseKind()) return undefined;
  await templateReady(templates, start);
  const layout = templateLayout(templates.dir, templates.postgresPrefix);
  if (templates.kind === 'postgres') return { database: layout.postgresDatabase(start) };
  return { image: new Blob([readFileSync(layout.pgliteImage(start))]) };
}

function providedTemplates(): DatabaseTemplates | null {
  try {
    return inject('databaseTemplates') ?? null;
  } catch {
    // Outside a Vitest run that built templates (a script importing this helper): build from scratch.
    return null;
  }
}

/**
 * Waits until the run's background build (test/support/database-templates.ts) has announced the template;
 * throws the build's error if it failed.
 */
async function templateReady(templates: DatabaseTemplates, start: TemplateStart): Promise<void> {
  const layout = templateLayout(templates.dir, templates.postgresPrefix);
  const deadline = Date.now() + 15 * 60_000;
  while (!existsSync(layout.ready(templates.kind, start))) {
    if (existsSync(layout.failed(templates.kind))) throw new Error(`Building the ${templates.kind} test database templates failed:\n${readFileSync(layout.failed(templates.kind), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`The ${templates.kind} ${start} test database template was not ready after 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// A file that opens a database waits here, while it is being loaded, for the migrated template: loading has
// no time limit, a set-up hook has one (and the builds may still be running when the first files start).
// The demo template, ready later, is waited for when a file asks for it.
const templatesAtLoad = providedTemplates();
if (templatesAtLoad !== null && templatesAtLoad.kind === testDatabaseKind()) await templateReady(templatesAtLoad, 'migrated');

/** Waits for this run's template (already at load for the migrated one); at once when the run built none. */
export async function templateBuilt(start: TemplateStart): Promise<void> {
  const templates = providedTemplates();
  if (templates !== null && templates.kind === testDatabaseKind()) await templateReady(templates, start);
}

/** The demo image for a browser test's on-disk database, or undefined when this run built none. */
export async function demoImageForEmbeddedServer(): Promise<Blob | undefined> {
  const templates = providedTemplates();
  if (templates?.kind !== 'pglite') return undefined;
  await templateReady(templates, 'demo');
  return new Blob([readFileSync(templateLayout(templates.dir, templates.postgresPrefix).pgliteImage('demo'))]);
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
