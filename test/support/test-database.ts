import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** Which database this test run uses: the Vitest project sets TESSERA_TEST_DB (pglite by default). */
export const testDatabaseKind = (): 'pglite' | 'postgres' => (process.env.TESSERA_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and removes the throw-away database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or (project `postgres`) a new
 * database on the server in DATABASE_URL, dropped afterwards. Tests never share rows.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const handle = testDatabaseKind() === 'postgres' ? await createPostgresDatabase() : { ...(await openDatabase({})), drop: async () => undefined };
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      await handle.drop();
    },
  };
}

async function createPostgresDatabase(): Promise<DatabaseHandle & { drop(): Promise<void>; url: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('TESSERA_TEST_DB=postgres needs DATABASE_URL');
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
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
