import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../test/support/shared-data.js';
import { runCli as run, useCliEnvironment } from '../../test/support/cli.js';
import { openConfiguredDatabase } from '../app.js';
import { loadConfig } from '../config/config.js';

describe('tessera CLI', () => {
  let dataDir: string;
  let environment: Awaited<ReturnType<typeof useCliEnvironment>>;
  beforeAll(async () => {
    environment = await useCliEnvironment('tessera-cli-');
    dataDir = environment.dataDir;
  });
  afterAll(async () => environment?.restore());

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
    expect(healthy.out).toMatch(/\[ok {2}\] issuer keys: /);
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
  }, 180_000); // five CLI processes, each starting Node and the embedded database, and a whole demo seed

  it('verify: exit 0 for an authentic credential (trust warning printed), 1 for a tampered one or a missing file', async () => {
    const source = sharedDataPath('credentials', '1edtech-validator', 'ob30', 'simple.json');
    const good = await run('verify', source);
    expect(good.code, good.out + good.err).toBe(0);
    expect(good.out).toMatch(/\[ok {2}\] proof:/);
    expect(good.out).toMatch(/\[warn\] trusted_issuer:/);

    const tamperedFile = path.join(dataDir, 'tampered.json');
    const credential = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
    writeFileSync(tamperedFile, JSON.stringify({ ...credential, name: 'Tampered' }));
    const bad = await run('verify', tamperedFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/\[FAIL\] proof:/);

    const baked = await run('verify', sharedDataPath('credentials', '1edtech-validator', 'ob30', 'simple-json.png'));
    expect(baked.code, baked.out).toBe(0);

    const missing = await run('verify', path.join(dataDir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no file');
  });

  it('keys: lists, rotates and marks a key compromised for an organisation', async () => {
    const listed = await run('keys', 'list', 'northbridge');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/^did:web:localhost%3A3000:orgs:northbridge$/m);
    const firstKeyId = /([0-9a-f-]{36}) {2}active/.exec(listed.out)![1]!;
    const rotated = await run('keys', 'rotate', 'northbridge');
    expect(rotated.out).toContain(`${firstKeyId}  retired`);
    const compromised = await run('keys', 'compromise', 'northbridge', firstKeyId, '--at', '2026-01-02T03:04:05Z');
    expect(compromised.code).toBe(0);
    expect(compromised.out).toContain('compromised from 2026-01-02T03:04:05.000Z');
    expect((await run('keys', 'compromise', 'northbridge', firstKeyId, '--at', 'yesterday')).code).toBe(1);
  });

  it('issue: prints a signed credential with the results and evidence given; refuses unknown achievements and missing recipients', async () => {
    const issued = await run('issue', '--org', 'northbridge', '--achievement', 'workplace-health-and-safety', '--email', 'worker@example.test', '--result', 'o1', '--evidence-url', 'https://evidence.example/register.pdf');
    expect(issued.code, issued.err).toBe(0);
    const credential = JSON.parse(issued.out) as { proof: unknown; credentialSubject: { result: unknown[] } };
    expect(credential.proof).toBeDefined();
    expect(credential.credentialSubject.result).toHaveLength(1);
    expect((await run('issue', '--org', 'northbridge', '--achievement', 'no-such-thing', '--email', 'a@b.test')).code).toBe(1);
    expect((await run('issue', '--org', 'northbridge', '--achievement', 'workplace-health-and-safety')).code).toBe(1);
  });

  it('doctor fails when the master key cannot open the stored issuer keys', async () => {
    expect((await run('keys', 'list', 'northbridge')).code).toBe(0); // makes sure a key is stored
    process.env.TESSERA_MASTER_KEY = Buffer.alloc(32, 9).toString('base64url');
    try {
      const result = await run('doctor');
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/\[FAIL\] issuer keys: \d+ of \d+ issuer key\(s\) do not open with the master key/);
    } finally {
      delete process.env.TESSERA_MASTER_KEY;
    }
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
