import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../accounts/principal.js';
import { bulkServiceOf } from '../../../test/support/bulk-service.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { BulkIssuanceService } from './bulk-issuance.service.js';

/** Several batches (250 rows each) signed ahead of the one being stored: order, stops and resumption. */
describe('bulk issuance with batches signed ahead', () => {
  let app: TestApp;
  let bulk: BulkIssuanceService;
  let achievementId: string;

  beforeAll(async () => {
    app = await createTestApp({ publicUrl: 'http://localhost:4996' }, { start: 'demo' });
    achievementId = (await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'workplace-health-and-safety').executeTakeFirstOrThrow()).id;
    bulk = bulkServiceOf(app, async () => true);
  }, 300_000);
  afterAll(async () => app?.dispose());

  /** Per row: its status and the idempotency key of the credential it is marked with. */
  const rowsOf = async (jobId: string) =>
    (
      await sql<{ row_number: number; status: string; key: string | null }>`select r.row_number, r.status, c.idempotency_key as key
        from bulk_job_rows r left join issued_credentials c on c.id = r.credential_id where r.job_id = ${jobId} order by r.row_number`.execute(app.database.db)
    ).rows;
  const credentialsOf = async (jobId: string) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from issued_credentials where idempotency_key like ${`%:bulk:${jobId}:%`}`.execute(app.database.db)).rows[0]!.n);

  it('stops after exactly the rows asked for, then resumes three batches ahead with one credential per row', async () => {
    const lines = Array.from({ length: 620 }, (_, i) => `ahead${i + 1}@example.test,o1,`);
    const job = await bulk.create(OPERATOR, 'northbridge', { achievementId, sourceName: 'ahead.csv', csv: Readable.from([`email,results,evidence_url\n${lines.join('\n')}\n`]) });
    const stopped = await bulk.run(job.id, { stopAfter: 400, lookAhead: 2 });
    expect(stopped).toMatchObject({ status: 'running', issuedRows: 400 });
    expect(await credentialsOf(job.id)).toBe(400);
    const partly = await rowsOf(job.id);
    // The first 400 rows in file order (row 1 is the header), none after them.
    expect(partly.filter((r) => r.status === 'issued').map((r) => r.row_number)).toEqual(Array.from({ length: 400 }, (_, i) => i + 2));
    expect(partly.filter((r) => r.status === 'pending')).toHaveLength(220);

    const done = await bulk.run(job.id, { lookAhead: 3 });
    expect(done).toMatchObject({ status: 'completed', issuedRows: 620, failedRows: 0 });
    expect(await credentialsOf(job.id)).toBe(620);
    const rows = await rowsOf(job.id);
    expect(rows).toHaveLength(620);
    // Every row is marked with the credential issued under its own key.
    for (const row of rows) expect(row.key?.endsWith(`:bulk:${job.id}:${row.row_number}`)).toBe(true);
  }, 600_000);
});
