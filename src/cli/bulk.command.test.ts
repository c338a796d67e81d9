import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run, useCliEnvironment } from '../../test/support/cli.js';

describe('tessera bulk issue|status', () => {
  let environment: Awaited<ReturnType<typeof useCliEnvironment>>;
  beforeAll(async () => {
    environment = await useCliEnvironment('tessera-bulk-cli-');
    expect((await run('seed')).code).toBe(0);
  }, 120_000);
  afterAll(async () => environment?.restore());

  it('issues every good row with progress lines, writes the refused rows to a file, and reports the job', async () => {
    const file = path.join(environment.dataDir, 'cohort.csv');
    writeFileSync(file, 'email,results,evidence_url\nana@example.test,o1,\nben@example.test,o1;o2,https://evidence.example/ben\nnot-an-email,,\ncarl@example.test,o9,\n');
    const result = await run('bulk', 'issue', '--org', 'northbridge', '--achievement', 'workplace-health-and-safety', file);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^Bulk job [0-9a-f-]{36}: 4 rows read, 1 refused at intake\.$/m);
    expect(result.out).toMatch(/^ {2}100% · 4\/4 rows \(2 failed\)$/m);
    expect(result.out).toContain('Issued 2, failed 2 of 4 rows.');
    const errors = readFileSync(path.join(environment.dataDir, 'cohort.errors.csv'), 'utf8').trim().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[1]).toMatch(/^4,"not-an-email",/);
    expect(errors[2]).toMatch(/^5,"carl@example.test",".*o9/);

    const jobId = /Bulk job ([0-9a-f-]{36})/.exec(result.out)![1]!;
    const status = await run('bulk', 'status', jobId);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain(`Job ${jobId} (cohort.csv): completed`);
    expect(status.out).toContain('rows 4: issued 2, failed 2, pending 0');
  }, 120_000);

  it('fails with a clear message for a missing file, an unknown micro-credential or job', async () => {
    const missing = await run('bulk', 'issue', '--org', 'northbridge', '--achievement', 'workplace-health-and-safety', '/nonexistent/file.csv');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no file "/nonexistent/file.csv".');
    const file = path.join(environment.dataDir, 'one.csv');
    writeFileSync(file, 'email\nana@example.test\n');
    const unknown = await run('bulk', 'issue', '--org', 'northbridge', '--achievement', 'no-such-thing', file);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"northbridge" has no micro-credential "no-such-thing".');
    const noJob = await run('bulk', 'status', '00000000-0000-4000-8000-000000000000');
    expect(noJob.code).toBe(1);
    expect(noJob.err).toContain('There is no such bulk issuance job.');
  });
});
