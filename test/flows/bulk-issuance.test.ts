import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkIssuanceService } from '../../src/assessment/bulk/bulk-issuance.service.js';
import { OPERATOR } from '../../src/accounts/principal.js';
import { createOrganisationsRepository } from '../../src/accounts/organisations.repository.js';
import { verifyEventChain } from '../../src/tracking/event-log.js';
import { buildPerson } from '../support/factories.js';
import { bulkServiceOf } from '../support/bulk-service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('bulk issuance: streaming intake, row errors, exactly once across a crash', () => {
  let app: TestApp;
  let bulk: BulkIssuanceService;
  let achievementId: string;

  beforeAll(async () => {
    app = await createTestApp({ publicUrl: 'http://localhost:4997' }, { start: 'demo' });
    achievementId = (await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'workplace-health-and-safety').executeTakeFirstOrThrow()).id;
    bulk = bulkServiceOf(app, async (id, organisationId) => (await app.database.db.selectFrom('achievements').select('organisation_id').where('id', '=', id).executeTakeFirst())?.organisation_id === organisationId);
  }, 300_000);
  afterAll(async () => app?.dispose());

  const credentialsOf = async (jobId: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from issued_credentials where idempotency_key like ${`%:bulk:${jobId}:%`}`.execute(app.database.db)
      ).rows[0]!.n,
    );

  // 200 rows keeps CI quick; the 1,000-row scenario is the browser test (test/e2e/bulk-issuance.test.ts).
  it('issues 200 rows with 3 bad ones reported, and a downloadable error file', async () => {
    const lines = ['email,results,evidence_url'];
    for (let i = 1; i <= 197; i += 1) lines.push(`learner${i}@example.test,o1;o2,https://evidence.example/${i}`);
    lines.push('not-an-email,o1,', 'learner5@example.test,o1,');
    const latin1 = Buffer.from('caf\xe9@example.test,o1,\n', 'latin1');
    const csv = Readable.from([Buffer.from(`${lines.join('\n')}\n`), latin1]);
    const job = await bulk.create(OPERATOR, 'northbridge', { achievementId, sourceName: 'exam-partner.csv', csv });
    expect(job).toMatchObject({ totalRows: 200, failedRows: 3, issuedRows: 0, status: 'queued' });
    const done = await bulk.run(job.id);
    expect(done).toMatchObject({ status: 'completed', issuedRows: 197, failedRows: 3 });
    expect(await credentialsOf(job.id)).toBe(197);
    const errors = await bulk.errorsCsv(OPERATOR, 'northbridge', job.id);
    expect(errors.trim().split('\n')).toHaveLength(4);
    expect(errors).toMatch(/^199,"not-an-email",".*is not an email address\."$/m);
    expect(errors).toContain('Duplicate of row 6');
    expect(errors).toContain('not valid UTF-8');
  }, 600_000);

  it('a job stopped midway, even right after a credential was signed, finishes with exactly one credential per row', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `crash${i + 1}@example.test,,`);
    const job = await bulk.create(OPERATOR, 'northbridge', { achievementId, sourceName: 'crash.csv', csv: Readable.from([`email,results,evidence_url\n${rows.join('\n')}\n`]) });
    const stopped = await bulk.run(job.id, { stopAfter: 15 });
    expect(stopped.status).toBe('running');
    expect(await credentialsOf(job.id)).toBe(15);
    // The crash window: row 17's credential is committed but the process dies before marking the row.
    const organisation = (await createOrganisationsRepository(app.database.db).findBySlug('northbridge'))!;
    const orphan = await app.services.issuance.issueFor(organisation, { achievementId, recipient: { email: 'crash16@example.test' }, idempotencyKey: `bulk:${job.id}:17` }, null);
    expect(await credentialsOf(job.id)).toBe(16);

    const resumed = await bulk.run(job.id);
    expect(resumed).toMatchObject({ status: 'completed', issuedRows: 40, failedRows: 0 });
    expect(await credentialsOf(job.id)).toBe(40);
    const row17 = await app.database.db.selectFrom('bulk_job_rows').select('credential_id').where('job_id', '=', job.id).where('row_number', '=', 17).executeTakeFirstOrThrow();
    expect(row17.credential_id).toBe(orphan.record.id);
  }, 300_000);

  it('over HTTP: a streamed CSV upload answers 202, runs in the background, and its errors download as CSV', async () => {
    const { sessionToken, principal } = await app.services.auth.signIn({ email: 'registrar@northbridge.test', password: 'tessera-demo-2026' });
    const headers = { cookie: `tessera_session=${sessionToken}`, 'x-csrf-token': principal.csrfToken!, 'content-type': 'text/csv' };
    const upload = await app.server.inject({ method: 'POST', url: `/api/v1/organisations/northbridge/bulk-jobs?achievementId=${achievementId}&name=http.csv`, headers, payload: 'email,results\nhttp1@example.test,o1\nhttp2@example.test,o9\nbroken\n' });
    expect(upload.statusCode, upload.body).toBe(202);
    const location = upload.headers.location as string;
    let job = upload.json() as { status: string; issuedRows: number; failedRows: number };
    for (let i = 0; i < 100 && job.status !== 'completed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await app.server.inject({ method: 'GET', url: location, headers })).json() as typeof job;
    }
    expect(job).toMatchObject({ status: 'completed', issuedRows: 1, failedRows: 2 });
    const errors = await app.server.inject({ method: 'GET', url: `${location}/errors.csv`, headers });
    expect(errors.headers['content-type']).toMatch(/^text\/csv/);
    expect(errors.body).toContain('o9');
  });

  it('over HTTP: JSON rows take the same checks, jobs are listed, and a JSON body over its cap is refused before parsing', async () => {
    const { sessionToken, principal } = await app.services.auth.signIn({ email: 'registrar@northbridge.test', password: 'tessera-demo-2026' });
    const headers = { cookie: `tessera_session=${sessionToken}`, 'x-csrf-token': principal.csrfToken! };
    const url = '/api/v1/organisations/northbridge/bulk-jobs';
    const rows = [{ email: 'json1@example.test', results: ['o1'] }, { email: 'json2@example.test', evidenceUrl: 'https://evidence.example/j2' }, { email: 'JSON1@example.test' }, { email: 'nobody' }];
    const upload = await app.server.inject({ method: 'POST', url, headers, payload: { achievementId, name: 'partner.json', rows } });
    expect(upload.statusCode, upload.body).toBe(202);
    expect(upload.json()).toMatchObject({ sourceName: 'partner.json', totalRows: 4, failedRows: 2 });
    const location = upload.headers.location as string;
    let job = upload.json() as { status: string };
    for (let i = 0; i < 100 && job.status !== 'completed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await app.server.inject({ method: 'GET', url: location, headers })).json() as typeof job;
    }
    expect(job).toMatchObject({ status: 'completed', issuedRows: 2, failedRows: 2 });
    const errors = await app.server.inject({ method: 'GET', url: `${location}/errors.csv`, headers });
    expect(errors.body).toMatch(/^4,"json1@example.test","Duplicate of row 2/m);
    expect(errors.body).toMatch(/^5,"nobody",/m);

    const listed = await app.server.inject({ method: 'GET', url, headers });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id)).toContain(location.split('/').pop());

    const invalid = await app.server.inject({ method: 'POST', url, headers, payload: { achievementId, rows: [{ email: 'a@example.test', grade: 'A' }] } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'request.invalid' });
    const huge = JSON.stringify({ achievementId, rows: [{ email: 'x'.repeat(17 * 1024 * 1024) }] });
    const tooLarge = await app.server.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: huge });
    expect(tooLarge.statusCode).toBe(413);
  });

  it('two runs of one job at once (a retried queue message and a resumed job) issue each row once and complete it once', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `twice${i + 1}@example.test,o1,`);
    const job = await app.services.bulk.create(OPERATOR, 'northbridge', { achievementId, sourceName: 'twice.csv', csv: Readable.from([`email,results,evidence_url\n${rows.join('\n')}\n`]) });
    await Promise.all([app.services.bulk.run(job.id), app.services.bulk.run(job.id)]);
    expect(await app.services.bulk.run(job.id)).toMatchObject({ status: 'completed', issuedRows: 30, failedRows: 0 });
    expect(await credentialsOf(job.id)).toBe(30);
    const completions = await app.database.db.selectFrom('events').select('id').where('type', '=', 'bulk_job.completed').where('subject_id', '=', job.id).execute();
    expect(completions).toHaveLength(1);
  }, 300_000);

  it('over HTTP on PostgreSQL, the job went through the pg-boss queue', async () => {
    if (app.database.kind !== 'postgres') return;
    const { rows } = await sql<{ state: string }>`select state from pgboss.job where name = 'tessera-bulk-issuance'`.execute(app.database.db);
    // The two HTTP jobs above: each message taken and completed by the worker.
    expect(rows.map((r) => r.state)).toEqual(['completed', 'completed']);
  });

  it('keeps the event chain intact: one credential.issued per credential, appended in batches', async () => {
    const issued = Number((await sql<{ n: number }>`select count(*)::int as n from issued_credentials`.execute(app.database.db)).rows[0]!.n);
    const events = Number((await sql<{ n: number }>`select count(*)::int as n from events where type = 'credential.issued'`.execute(app.database.db)).rows[0]!.n);
    expect(events).toBe(issued);
    expect(await verifyEventChain(app.database.db)).toMatchObject({ intact: true });
  });

  it('at start-up, passes left without a credential are issued, each recorded once, even when two recoveries race', async () => {
    const db = app.database.db;
    const { version } = await db.selectFrom('achievement_versions').select((eb) => eb.fn.max('version').as('version')).where('achievement_id', '=', achievementId).executeTakeFirstOrThrow();
    const organisation = (await createOrganisationsRepository(db).findBySlug('northbridge'))!;
    const passed = async () => {
      const person = await buildPerson(db);
      const enrolment = await db
        .insertInto('enrolments')
        .values({ person_id: person.id, organisation_id: organisation.id, achievement_id: achievementId, achievement_version: Number(version), route: 'assessment-only', state: 'passed', attempts: 1, max_resubmissions: 2 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('submissions').values({ enrolment_id: enrolment.id, attempt: 1, submitted_at: new Date() }).execute();
      return { enrolmentId: enrolment.id, personId: person.id };
    };
    // Killed before the issue, and killed after the issue committed but before the enrolment recorded it.
    const beforeIssue = await passed();
    const afterIssue = await passed();
    const orphan = await app.services.issuance.issueFor(organisation, { achievementId, recipient: { personId: afterIssue.personId }, idempotencyKey: `enrolment:${afterIssue.enrolmentId}` }, null);

    // A restart on the same database runs the recovery; a second one racing it changes nothing more.
    const restarted = await createTestApp({ publicUrl: 'http://localhost:4997' }, { database: { ...app.database, dispose: async () => undefined } });
    try {
      await restarted.services.assessment.issueMissingCredentials(() => undefined);
    } finally {
      await restarted.close();
    }
    await Promise.all([app.services.assessment.issueMissingCredentials(() => undefined), app.services.assessment.issueMissingCredentials(() => undefined)]);

    for (const { enrolmentId } of [beforeIssue, afterIssue]) {
      const enrolment = await db.selectFrom('enrolments').select('credential_id').where('id', '=', enrolmentId).executeTakeFirstOrThrow();
      const credentials = await db.selectFrom('issued_credentials').select('id').where('idempotency_key', '=', `${organisation.id}:enrolment:${enrolmentId}`).execute();
      const events = await db.selectFrom('events').select('payload').where('type', '=', 'enrolment.credential_issued').where('subject_id', '=', enrolmentId).execute();
      expect(credentials).toHaveLength(1);
      expect(enrolment.credential_id).toBe(credentials[0]!.id);
      expect(events.map((e) => e.payload)).toEqual([{ credentialId: credentials[0]!.id }]);
    }
    expect((await db.selectFrom('enrolments').select('credential_id').where('id', '=', afterIssue.enrolmentId).executeTakeFirstOrThrow()).credential_id).toBe(orphan.record.id);
    expect(await verifyEventChain(db)).toMatchObject({ intact: true });
  }, 300_000);

  it('refuses a file without an email column, and writes nothing', async () => {
    const before = Number((await sql<{ n: number }>`select count(*)::int as n from bulk_jobs`.execute(app.database.db)).rows[0]!.n);
    await expect(bulk.create(OPERATOR, 'northbridge', { achievementId, sourceName: 'bad.csv', csv: Readable.from(['name,score\nAda,10\n']) })).rejects.toMatchObject({ code: 'bulk.csv_invalid' });
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from bulk_jobs`.execute(app.database.db)).rows[0]!.n)).toBe(before);
  });
});
