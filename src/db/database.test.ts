import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { openDatabase } from './database.js';
import { migrateToLatest, migrationStatus } from './migrate.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-db-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database (PGlite)', () => {
  it('keeps data across a restart of the embedded database', async () => {
    const dir = tempDir();
    const first = await openDatabase({ pgliteDir: dir });
    await migrateToLatest(first.db);
    await first.db.insertInto('organisations').values({ slug: 'survivor', name: 'Survivor College', kind: 'issuer' }).execute();
    await first.close();

    const second = await openDatabase({ pgliteDir: dir });
    const status = await migrationStatus(second.db);
    expect(status.pending).toEqual([]);
    const row = await second.db.selectFrom('organisations').select(['name']).where('slug', '=', 'survivor').executeTakeFirst();
    expect(row?.name).toBe('Survivor College');
    await second.close();
  });

  it('refuses a second opener of the same folder while the first holds it, and frees it on close', async () => {
    const dir = tempDir();
    const first = await openDatabase({ pgliteDir: dir });
    const second = await openDatabase({ pgliteDir: dir }).catch((e: unknown) => e);
    expect(isAppError(second) && second.code).toBe('db.data_dir_in_use');
    await first.close();
    const { writeFileSync } = await import('node:fs');
    // Another live process (our parent) holding the folder is refused too.
    writeFileSync(path.join(dir, 'tessera.pid'), String(process.ppid));
    const refused = await openDatabase({ pgliteDir: dir }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('db.data_dir_in_use');
    // A stale pid file (process gone) is taken over.
    writeFileSync(path.join(dir, 'tessera.pid'), '999999999');
    const reopened = await openDatabase({ pgliteDir: dir });
    await reopened.close();
  });

  it('migrations are idempotent: a second run applies nothing', async () => {
    const database = await openDatabase({});
    expect((await migrateToLatest(database.db)).length).toBeGreaterThan(0);
    expect(await migrateToLatest(database.db)).toEqual([]);
    await database.close();
  });
});

describe('embedded database guard', () => {
  it('a query outside an open transaction fails with a clear error instead of waiting forever', async () => {
    const database = await openDatabase({ statementTimeoutMs: 300 });
    await migrateToLatest(database.db);
    const error = await database.db
      .transaction()
      .execute(async () => database.db.selectFrom('people').select('id').execute())
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('db.connection_wait_timeout');
    // The connection was handed back: the database still answers.
    await expect(database.ping()).resolves.toBeUndefined();
    await database.close();
  });
});

describe('PostgreSQL connection failures', () => {
  it('a server that is not there fails ping fast with db.unavailable', async () => {
    const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    const started = Date.now();
    const error = await database.ping().catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('db.unavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
    await database.close();
  });
});
