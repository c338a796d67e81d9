import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { BRIEFING_PDF, multipartBody } from '../support/evidence-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Enrolment {
  id: string;
  state: string;
  attempts: number;
  attemptsLeft: number;
  closed: boolean;
  credentialId: string | null;
  rubric: { criteria: Array<{ id: string; levels: Array<{ id: string }> }> };
  submission: { attempt: number; evidence: Array<{ id: string; kind: string; isPublic: boolean; file: { downloadUrl: string } | null }> } | null;
  reviews: Array<{ decision: string | null; feedback: string | null; assessorName: string }>;
}

const email = (prefix: string) => demoLogins.find((l) => l.email.startsWith(prefix))!.email;

describe('earning: enrol, submit evidence, review against the rubric, issue on pass', () => {
  let app: TestApp;
  let dataDir: string;
  let learner: SessionHeaders;
  let assessor: SessionHeaders;
  let registrar: SessionHeaders;
  let sda: string;
  let whs: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const upload = (enrolmentId: string, headers: SessionHeaders, bytes = BRIEFING_PDF, fields: Record<string, string> = { name: 'One-page briefing', isPublic: 'true' }) => {
    const body = multipartBody({ fileName: 'briefing.pdf', contentType: 'application/pdf', bytes }, fields);
    return app.server.inject({ method: 'POST', url: `/api/v1/enrolments/${enrolmentId}/evidence/files`, headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const enrol = async (session: SessionHeaders, achievementId: string, extra: Record<string, unknown> = {}) => {
    const response = await call('POST', '/api/v1/me/enrolments', { ...session }, { achievementId, route: 'assessment-only', ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Enrolment;
  };
  const scoresAt = (enrolment: Enrolment, level: string) => enrolment.rubric.criteria.map((c) => ({ criterion: c.id, level, comment: `${c.id} judged ${level}` }));
  const submitWithLink = async (session: SessionHeaders, enrolmentId: string) => {
    expect((await call('POST', `/api/v1/enrolments/${enrolmentId}/evidence`, { ...session }, { kind: 'link', url: 'https://portfolio.example/workbook', name: 'Workbook', isPublic: true })).statusCode).toBe(201);
    const submitted = await call('POST', `/api/v1/enrolments/${enrolmentId}/submit`, { ...session });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return submitted.json() as Enrolment;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tessera-earning-'));
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4997', dataDir }, { start: 'demo' });
    learner = await signIn(app.server, email('learner'), DEMO_PASSWORD);
    assessor = await signIn(app.server, email('assessor'), DEMO_PASSWORD);
    registrar = await signIn(app.server, email('registrar'), DEMO_PASSWORD);
    const ids = await app.database.db.selectFrom('achievements').select(['id', 'slug']).execute();
    sda = ids.find((a) => a.slug === 'spreadsheet-data-analysis')!.id;
    whs = ids.find((a) => a.slug === 'workplace-health-and-safety')!.id;
  });
  afterAll(async () => {
    await app?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes a learner from enrolment to a verifiable credential with rubric results and public evidence', async () => {
    const enrolment = await enrol(learner, sda);
    expect(enrolment).toMatchObject({ state: 'enrolled', attempts: 0, attemptsLeft: 3, closed: false });
    const file = await upload(enrolment.id, learner);
    expect(file.statusCode, file.body).toBe(201);
    expect(file.json()).toMatchObject({ kind: 'file', isPublic: true, file: { mediaType: 'application/pdf' } });
    // Nothing to review before it is handed in.
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor })).json()).toMatchObject({ code: 'assessment.illegal_transition' });
    const submitted = await submitWithLink(learner, enrolment.id);
    expect(submitted).toMatchObject({ state: 'submitted', attempts: 1 });
    // Handed in: the evidence is frozen until the decision.
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/evidence`, { ...learner }, { kind: 'narrative', name: 'Late', narrative: 'More.' })).statusCode).toBe(409);

    const queue = (await call('GET', '/api/v1/organisations/northbridge/review-queue', { ...assessor })).json() as { items: Array<{ enrolmentId: string; state: string }> };
    expect(queue.items.map((i) => i.enrolmentId)).toContain(enrolment.id);
    const claimed = await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor });
    expect(claimed.json()).toMatchObject({ state: 'under_review', viewer: 'reviewer' });
    // The assessor opens the file with the storage's safe headers.
    const download = await call('GET', (submitted.submission!.evidence.find((e) => e.kind === 'file')!.file!).downloadUrl, { ...assessor });
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(BRIEFING_PDF)).toBe(true);
    // Passing against the rubric's rule is refused; scoring every criterion competent passes.
    const contradicted = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...assessor }, { decision: 'pass', scores: scoresAt(enrolment, 'developing') });
    expect(contradicted.json()).toMatchObject({ code: 'assessment.decision_contradicts_rubric' });
    const passed = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...assessor }, { decision: 'pass', scores: scoresAt(enrolment, 'competent') });
    expect(passed.statusCode, passed.body).toBe(200);
    const view = passed.json() as Enrolment;
    expect(view.state).toBe('passed');
    expect(view.credentialId).toMatch(/^[0-9a-f-]{36}$/);

    const own = (await call('GET', '/api/v1/me/credentials', { ...learner })).json() as { items: Array<{ id: string; credential: Record<string, unknown> }> };
    const credential = own.items.find((c) => c.id === view.credentialId)!.credential;
    const subject = credential.credentialSubject as { result: Array<{ resultDescription: string; achievedLevel?: string; status?: string }> };
    const criterionResults = subject.result.filter((r) => r.achievedLevel);
    expect(criterionResults).toHaveLength(4);
    expect(criterionResults[0]!.achievedLevel).toBe(`${criterionResults[0]!.resultDescription}-level-competent`);
    expect(subject.result.filter((r) => r.status === 'Completed')).toHaveLength(4);
    const evidence = credential.evidence as Array<{ id?: string; genre: string }>;
    expect(evidence.map((e) => e.genre).sort()).toEqual(['File', 'Link']);
    const report = (await call('POST', '/api/v1/verify', {}, { credential })).json() as { verified: boolean };
    expect(report.verified).toBe(true);
    // Public evidence in an issued credential can be fetched by whoever holds the credential.
    const fileUrl = new URL(evidence.find((e) => e.genre === 'File')!.id!);
    expect((await call('GET', fileUrl.pathname, {})).statusCode).toBe(200);

    // Passed is closed: no more evidence, no second enrolment, and retrying issuance returns the same credential.
    expect((await upload(enrolment.id, learner)).json()).toMatchObject({ code: 'assessment.enrolment_closed' });
    expect((await call('POST', '/api/v1/me/enrolments', { ...learner }, { achievementId: sda, route: 'course' })).json()).toMatchObject({ code: 'assessment.already_passed' });
    const retried = (await call('POST', `/api/v1/enrolments/${enrolment.id}/credential`, { ...assessor })).json() as Enrolment;
    expect(retried.credentialId).toBe(view.credentialId);
    const count = await app.database.db.selectFrom('issued_credentials').select((eb) => eb.fn.countAll<string>().as('n')).where('recipient_person_id', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const events = await app.database.db.selectFrom('events').select('type').where('subject_id', '=', enrolment.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['enrolment.enrolled', 'evidence.added', 'evidence.added', 'enrolment.submit', 'enrolment.claim', 'review.decided', 'enrolment.pass', 'enrolment.credential_issued']);
  });

  it('returns with feedback, allows resubmission up to the limit, then closes', async () => {
    // The demo learner starts with the safety course in progress (demo data): it is theirs and active.
    const mine = (await call('GET', '/api/v1/me/enrolments', { ...learner })).json() as { items: Array<Enrolment & { achievement: { id: string }; route: string }> };
    const demo = mine.items.find((e) => e.achievement.id === whs)!;
    expect(demo).toMatchObject({ state: 'enrolled', route: 'course' });
    expect(demo.submission!.evidence.map((e) => e.kind)).toEqual(['narrative']);
    expect((await call('POST', '/api/v1/me/enrolments', { ...learner }, { achievementId: whs, route: 'course', cohortStartsOn: '2027-01-11' })).json()).toMatchObject({ code: 'assessment.already_enrolled' });
    expect((await call('POST', `/api/v1/enrolments/${demo.id}/withdraw`, { ...learner })).json()).toMatchObject({ state: 'withdrawn' });
    // Workplace health and safety allows one resubmission and runs in cohorts.
    const cohortless = await call('POST', '/api/v1/me/enrolments', { ...learner }, { achievementId: whs, route: 'assessment-only' });
    expect(cohortless.json()).toMatchObject({ code: 'assessment.cohort_invalid' });
    const enrolment = await enrol(learner, whs, { cohortStartsOn: '2027-01-11' });
    expect(enrolment.attemptsLeft).toBe(2);
    for (const attempt of [1, 2]) {
      await submitWithLink(learner, enrolment.id);
      await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor });
      const returned = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...assessor }, { decision: 'return', scores: scoresAt(enrolment, 'developing'), feedback: 'Rate each hazard with the matrix.' });
      expect(returned.json()).toMatchObject({ state: 'not_yet_passed', attempts: attempt, attemptsLeft: 2 - attempt });
    }
    const learnerView = (await call('GET', `/api/v1/enrolments/${enrolment.id}`, { ...learner })).json() as Enrolment;
    expect(learnerView).toMatchObject({ closed: true, viewer: 'learner' });
    expect(learnerView.reviews[0]).toMatchObject({ decision: 'return', feedback: 'Rate each hazard with the matrix.', assessorName: 'Assessor' });
    // The second attempt started from a copy of the first one's evidence.
    expect(learnerView.submission!.evidence).toHaveLength(2);
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/submit`, { ...learner })).json()).toMatchObject({ code: 'assessment.enrolment_closed' });
    const notifications = await app.database.db.selectFrom('notifications').select('kind').where('kind', '=', 'enrolment.returned').execute();
    expect(notifications).toHaveLength(2);
    // Withdrawing ends it, and a new enrolment may start.
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/withdraw`, { ...learner })).json()).toMatchObject({ state: 'withdrawn' });
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/withdraw`, { ...learner })).json()).toMatchObject({ code: 'assessment.illegal_transition' });
  });

  it('sends disagreeing assessors to moderation, where an admin decides', async () => {
    const { db } = app.database;
    const northbridge = await db.selectFrom('organisations').select('id').where('slug', '=', 'northbridge').executeTakeFirstOrThrow();
    const second = await buildPerson(db);
    await addMembership(db, northbridge.id, second.id, 'assessor');
    const secondAssessor = await signIn(app.server, second.email);
    expect((await call('PUT', '/api/v1/organisations/northbridge/assessment-settings', { ...assessor }, { requiredReviews: 2 })).statusCode).toBe(403);
    expect((await call('PUT', '/api/v1/organisations/northbridge/assessment-settings', { ...registrar }, { requiredReviews: 2 })).json()).toEqual({ requiredReviews: 2 });
    const person = await buildPerson(db);
    const otherLearner = await signIn(app.server, person.email);
    const enrolment = await enrol(otherLearner, sda);
    await submitWithLink(otherLearner, enrolment.id);
    await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor });
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor })).json()).toMatchObject({ code: 'assessment.already_claimed' });
    await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...secondAssessor });
    const first = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...assessor }, { decision: 'pass', scores: scoresAt(enrolment, 'competent') });
    expect(first.json()).toMatchObject({ state: 'under_review' });
    const disagreed = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...secondAssessor }, { decision: 'return', scores: scoresAt(enrolment, 'developing'), feedback: 'The pivots are wrong.' });
    expect(disagreed.json()).toMatchObject({ state: 'in_moderation', credentialId: null });
    // The assessors who disagreed cannot moderate themselves; the organisation's admin can.
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor })).json()).toMatchObject({ code: 'assessment.already_claimed' });
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...registrar })).statusCode).toBe(200);
    const moderated = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...registrar }, { decision: 'pass', scores: scoresAt(enrolment, 'exemplary') });
    expect(moderated.json()).toMatchObject({ state: 'passed' });
    expect((moderated.json() as Enrolment).credentialId).not.toBeNull();
    await call('PUT', '/api/v1/organisations/northbridge/assessment-settings', { ...registrar }, { requiredReviews: 1 });
  });

  it('keeps enrolments and evidence away from other learners and other organisations', async () => {
    const enrolment = await enrol(learner, whs, { cohortStartsOn: '2027-04-12' });
    const file = (await upload(enrolment.id, learner, BRIEFING_PDF, {})).json() as { id: string; isPublic: boolean };
    expect(file.isPublic).toBe(false);
    const { db } = app.database;
    const otherOrg = await buildOrganisation(db);
    const outsider = await buildPerson(db);
    await addMembership(db, otherOrg.id, outsider.id, 'assessor');
    const outsiderSession = await signIn(app.server, outsider.email);
    const otherLearner = await signIn(app.server, (await buildPerson(db)).email);
    expect((await call('GET', `/api/v1/enrolments/${enrolment.id}`, { ...outsiderSession })).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/enrolments/${enrolment.id}`, { ...otherLearner })).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...outsiderSession })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/organisations/northbridge/review-queue', { ...outsiderSession })).statusCode).toBe(403);
    for (const session of [outsiderSession, otherLearner, {}]) expect((await call('GET', `/api/v1/evidence/${file.id}/file`, { ...session })).statusCode).toBe(404);
    expect((await upload(enrolment.id, otherLearner)).statusCode).toBe(404);
    // A link that could run script in the assessor's browser is refused; so is a type sniffed as not allowed.
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/evidence`, { ...learner }, { kind: 'link', url: 'javascript:alert(1)' })).statusCode).toBe(400);
    const html = await upload(enrolment.id, learner, Buffer.from('<!doctype html><script>alert(1)</script>'));
    expect(html.statusCode).toBe(415);
    // Submitting with nothing handed in is refused precisely.
    const empty = await enrol(otherLearner, sda);
    expect((await call('POST', `/api/v1/enrolments/${empty.id}/submit`, { ...otherLearner })).json()).toMatchObject({ code: 'assessment.no_evidence' });
  });
});
