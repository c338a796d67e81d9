import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabaseUrl, testDatabaseKind } from '../../test/support/test-database.js';
import { openConfiguredDatabase } from '../app.js';
import { loadConfig } from '../config/config.js';
import { main } from './main.js';
import type { CliOutput } from './output.js';

const capture = (): CliOutput & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, line: (text = '') => out.push(text), error: (text) => err.push(text) };
};

const run = async (...args: string[]) => {
  const output = capture();
  const code = await main(['node', 'tessera', ...args], output);
  return { code, out: output.out.join('\n'), err: output.err.join('\n') };
};

describe('tessera CLI', () => {
  const saved = { ...process.env };
  let dataDir: string;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    process.env.TESSERA_DATA_DIR = dataDir;
    delete process.env.TESSERA_MASTER_KEY;
    delete process.env.DATABASE_URL;
    if (testDatabaseKind() === 'postgres') {
      process.env.DATABASE_URL = saved.DATABASE_URL;
      const database = await createPostgresTestDatabaseUrl();
      process.env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
  });

  afterAll(async () => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  });

  it('prints help for the program and for each command', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'doctor']) {
      expect(help.out + help.err).toContain(command);
      expect((await run(command, '--help')).code).toBe(0);
    }
  });

  it('fails with a non-zero exit code on an unknown command', async () => {
    expect((await run('frobnicate')).code).not.toBe(0);
  });

  it('doctor finds pending migrations, migrate applies them, seed is idempotent, doctor passes, and a tampered event fails it', async () => {
    const before = await run('doctor');
    expect(before.code).toBe(1);
    expect(before.out).toMatch(/\[FAIL\] migrations: \d+ migration\(s\) pending/);
    expect(before.out).toContain('fix: Run `npx tessera migrate`');

    expect((await run('migrate')).out).toMatch(/Applied \d+ migration/);
    expect((await run('migrate', '--status')).out).toMatch(/^applied {2}0001-foundation/m);
    expect((await run('seed')).out).toBe('Demo data created.');
    expect((await run('seed')).out).toBe('Demo data is already present; nothing changed.');

    const healthy = await run('doctor');
    expect(healthy.code, healthy.out).toBe(0);
    expect(healthy.out).toMatch(/\[ok {2}\] event chain: All \d+ events are intact/);
    expect(healthy.out).toMatch(/\[warn\] master key/);

    const database = await openConfiguredDatabase(loadConfig());
    const victim = await database.db.selectFrom('events').select('id').orderBy('id').offset(3).limit(1).executeTakeFirstOrThrow();
    await sql`alter table events disable trigger events_append_only`.execute(database.db);
    await sql`update events set type = 'organisation.deleted' where id = ${victim.id}`.execute(database.db);
    await sql`alter table events enable trigger events_append_only`.execute(database.db);
    await database.close();

    const tampered = await run('doctor');
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`[FAIL] event chain: Event ${victim.id} breaks the audit chain`);
  });

  it('reports a bad setting as a failed check with the fix', async () => {
    process.env.TESSERA_LOG_LEVEL = 'loud';
    try {
      const result = await run('doctor');
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/\[FAIL\] configuration: .*TESSERA_LOG_LEVEL/);
    } finally {
      delete process.env.TESSERA_LOG_LEVEL;
    }
  });
});
