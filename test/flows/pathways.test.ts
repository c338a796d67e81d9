import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { validateCredentialSchema } from '../../src/credentials/index.js';
import { achievementSchemaErrors } from '../../src/catalog/achievement.document.js';
import { createOrganisationsRepository } from '../../src/accounts/organisations.repository.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';

interface Standing {
  pathway: { id: string; version: number; documentUrl: string };
  satisfied: boolean;
  done: number;
  needed: number;
  summary: string;
  award: { credentialId: string; version: number } | null;
}
interface Report {
  verified: boolean;
  checks: Array<{ id: string; outcome: string; message: string }>;
}

/** Pathways end to end through the API: define, version, progress, automatic award, transcript. */
// Each test signs a dozen credentials; on a loaded 2-core machine that can take longer than the default.
describe('pathways', { timeout: 120_000 }, () => {
  let app: TestApp;
  let admin: SessionHeaders;
  let partnerAdmin: SessionHeaders;
  let org: { id: string; slug: string };
  let partner: { id: string; slug: string };
  let learner: { id: string; email: string; session: SessionHeaders };
  const parts: string[] = [];
  let partnerAchievement: string;

  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: SessionHeaders | Record<string, never>, payload?: unknown) => {
    const response = await app.server.inject({ method, url, headers: { ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> & { items?: unknown[] } };
  };
  const publishedAchievement = async (orgSlug: string, session: SessionHeaders, slug: string, index: number) => {
    const created = await api('POST', `/api/v1/organisations/${orgSlug}/achievements`, session, { slug, definition: demoAchievements[index]!.definition });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await api('POST', `/api/v1/achievements/${id}/publish`, session)).status).toBe(200);
    return id;
  };
  const issue = async (achievementId: string, personId = learner.id) => {
    const response = await api('POST', `/api/v1/organisations/${org.slug}/credentials`, admin, { achievementId, recipient: { personId } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    await app.services.pathways.awards.settled();
    return response.body.id as string;
  };
  const mine = async (session = learner.session): Promise<Standing[]> => (await api('GET', '/api/v1/me/pathways', session)).body.items as Standing[];
  const allOf = (ids: string[], extra: Record<string, unknown>[] = []) => ({
    kind: 'allOf',
    rules: [...ids.map((achievementId, n) => ({ kind: 'achievement', id: `part-${n + 1}`, achievementId, ...(extra[n] ?? {}) }))],
  });
  const define = (slug: string, rules: unknown, session = admin) =>
    api('POST', `/api/v1/organisations/${org.slug}/pathways`, session, { slug, definition: { title: `Certificate ${slug}`, description: 'Three micro-credentials that make a certificate.', achievementType: 'Certificate', rules } });

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4997' });
    const { db } = app.database;
    org = await buildOrganisation(db);
    partner = await buildOrganisation(db);
    const adminPerson = await buildPerson(db);
    const partnerPerson = await buildPerson(db);
    await addMembership(db, org.id, adminPerson.id, 'admin');
    await addMembership(db, partner.id, partnerPerson.id, 'admin');
    admin = await signIn(app.server, adminPerson.email);
    partnerAdmin = await signIn(app.server, partnerPerson.email);
    const person = await buildPerson(db);
    learner = { ...person, session: await signIn(app.server, person.email) };
    for (const [n, slug] of ['data-cleaning', 'data-analysis', 'safety'].entries()) parts.push(await publishedAchievement(org.slug, admin, slug, n === 2 ? 1 : 0));
    partnerAchievement = await publishedAchievement(partner.slug, partnerAdmin, 'partner-safety', 1);
  });
  afterAll(async () => app?.dispose());

  it('refuses rules that could never work, listing every problem', async () => {
    const response = await define('broken', {
      kind: 'allOf',
      rules: [
        { kind: 'achievement', id: 'a', achievementId: parts[0], after: ['c'] },
        { kind: 'achievement', id: 'b', achievementId: partnerAchievement },
        { kind: 'achievement', id: 'c', achievementId: parts[1], after: ['a'] },
        { kind: 'nOf', n: 3, rules: [{ kind: 'achievement', id: 'd', achievementId: parts[0] }] },
        { kind: 'minCredits', credits: 50, rules: [{ kind: 'achievement', id: 'e', achievementId: parts[2] }] },
        { kind: 'sometimes' },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('pathways.rules_invalid');
    const messages = (response.body.issues as Array<{ path: string; message: string }>).map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(messages).toMatch(/rules\.rules\.1\.achievementId: is not a published achievement of this organisation/);
    expect(messages).toMatch(/rules\.rules\.3\.n: needs 3 of only 1 parts/);
    expect(messages).toMatch(/rules\.rules\.5\.kind/);
    expect((await api('GET', `/api/v1/organisations/${org.slug}/pathways`, admin)).body.items).toEqual([]);
  });

  it('a learner completes a three-part pathway: progress 1/3, 2/3, then the award with a verifying CLR transcript', async () => {
    const created = await define('three-part', allOf(parts));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pathwayId = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'draft', version: 1, publishedVersion: null });
    // A draft is its organisation's: the public sees nothing yet.
    expect((await api('GET', `/api/v1/pathways/${pathwayId}`, {})).status).toBe(404);
    const published = await api('POST', `/api/v1/pathways/${pathwayId}/publish`, admin);
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect((await api('GET', `/api/v1/organisations/${org.slug}/pathways`, {})).body.items).toHaveLength(1);

    const document = (await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/pathways/three-part/versions/1` })).json() as Record<string, unknown>;
    expect(document).toMatchObject({ type: ['Achievement'], achievementType: 'Certificate', id: `http://localhost:4997/orgs/${org.slug}/pathways/three-part/versions/1` });
    expect((document.related as Array<{ id: string }>).map((r) => r.id)).toEqual(['data-cleaning', 'data-analysis', 'safety'].map((s) => `http://localhost:4997/orgs/${org.slug}/achievements/${s}/versions/1`));
    expect(achievementSchemaErrors(document)).toEqual([]);

    expect(await mine()).toEqual([]);
    await issue(parts[0]!);
    expect(await mine()).toMatchObject([{ done: 1, needed: 3, satisfied: false, summary: `1 of 3 done; still needed: ${demoAchievements[0]!.definition.title}, ${demoAchievements[1]!.definition.title}` }]);
    await issue(parts[1]!);
    expect(await mine()).toMatchObject([{ done: 2, needed: 3, satisfied: false, award: null }]);
    await issue(parts[2]!);
    const [done] = await mine();
    expect(done).toMatchObject({ done: 3, needed: 3, satisfied: true, award: { version: 1 } });

    const { body } = await api('GET', `/api/v1/me/pathways/${pathwayId}/transcript`, learner.session);
    const credential = body.credential as { type: string[]; credentialSubject: { achievement: { id: string; achievementType: string } } };
    expect(credential.type).toContain('OpenBadgeCredential');
    expect(credential.credentialSubject.achievement).toMatchObject({ id: document.id, achievementType: 'Certificate' });
    const transcript = body.transcript as { type: string[]; credentialSubject: { verifiableCredential: unknown[]; association: Array<{ associationType: string; sourceId: string; targetId: string }> } };
    expect(transcript.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(validateCredentialSchema(transcript, 'clrCredential').errors).toEqual([]);
    expect(transcript.credentialSubject.verifiableCredential).toHaveLength(4);
    const associations = transcript.credentialSubject.association;
    expect(associations.filter((a) => a.associationType === 'isChildOf' && a.targetId === document.id)).toHaveLength(3);
    expect(associations.filter((a) => a.associationType === 'isParentOf' && a.sourceId === document.id)).toHaveLength(3);
    for (const signed of [credential, transcript]) {
      const report = (await api('POST', '/api/v1/verify', {}, { credential: signed })).body as unknown as Report;
      expect(report.checks.filter((c) => c.outcome === 'fail'), JSON.stringify(report.checks)).toEqual([]);
      expect(report.verified).toBe(true);
    }

    // Exactly once: issuing a constituent again, and a replayed evaluation, award nothing more.
    await issue(parts[0]!);
    await app.database.db.insertInto('pathway_pending_evaluations').values({ person_id: learner.id }).onConflict((oc) => oc.doNothing()).execute();
    await app.services.pathways.awards.drain();
    const awards = await app.database.db.selectFrom('pathway_awards').select('id').where('person_id', '=', learner.id).execute();
    expect(awards).toHaveLength(1);
    expect(await app.database.db.selectFrom('pathway_pending_evaluations').selectAll().execute()).toEqual([]);
    const events = await app.database.db.selectFrom('events').select('type').where('type', '=', 'pathway.completed').execute();
    expect(events).toHaveLength(1);
  });

  it('credentials issued by email before the learner confirmed their address count once they confirm: the pathway is awarded', async () => {
    const email = `late.learner.${Date.now()}@example.test`;
    const signedUp = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email, password: 'a long enough password', displayName: 'Late Learner' } });
    expect(signedUp.statusCode, signedUp.body).toBe(201);
    const session = { cookie: String(signedUp.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': (signedUp.json() as { csrfToken: string }).csrfToken };
    for (const achievementId of parts) {
      const issued = await api('POST', `/api/v1/organisations/${org.slug}/credentials`, admin, { achievementId, recipient: { email } });
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    }
    await app.services.pathways.awards.settled();
    expect(await mine(session)).toEqual([]);

    const mail = await app.database.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).executeTakeFirstOrThrow();
    const token = /#token=([\w-]{43})/.exec(mail.text_body)![1]!;
    const confirmed = await app.server.inject({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { token } });
    expect(confirmed.json()).toMatchObject({ credentialsClaimed: 3 });
    await app.services.pathways.awards.settled();
    expect(await mine(session)).toMatchObject([{ done: 3, needed: 3, satisfied: true, award: { version: 1 } }]);
  });

  it('changing the rules makes a new version; the award made under the old one stands', async () => {
    const pathwayId = ((await api('GET', `/api/v1/organisations/${org.slug}/pathways`, admin)).body.items as Array<{ id: string; slug: string }>).find((p) => p.slug === 'three-part')!.id;
    const changed = await api('PUT', `/api/v1/pathways/${pathwayId}`, admin, { definition: { title: 'Certificate three-part (2027)', description: 'Now two of three.', achievementType: 'Certificate', rules: { kind: 'nOf', n: 2, rules: allOf(parts).rules } } });
    expect(changed.body).toMatchObject({ version: 2, status: 'draft', publishedVersion: 1 });
    expect((await api('POST', `/api/v1/pathways/${pathwayId}/publish`, admin)).body).toMatchObject({ version: 2, publishedVersion: 2 });
    expect((await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/pathways/three-part/versions/1` })).statusCode).toBe(200);
    const [standing] = await mine();
    expect(standing).toMatchObject({ satisfied: true, award: { version: 1 }, pathway: { version: 1 } });
    // Revoking a constituent does not revoke the pathway credential either.
    const credentialId = standing!.award!.credentialId;
    const record = await app.database.db.selectFrom('issued_credentials').select('status').where('id', '=', credentialId).executeTakeFirstOrThrow();
    expect(record.status).toBe('active');
  });

  it('ordered prerequisites and an equivalence from another organisation; a new pathway awards those who already qualify', async () => {
    const other = await buildPerson(app.database.db);
    const otherSession = await signIn(app.server, other.email);
    // The other learner holds the partner's safety credential, recognised as this organisation's.
    const partnerIssue = await api('POST', `/api/v1/organisations/${partner.slug}/credentials`, partnerAdmin, { achievementId: partnerAchievement, recipient: { personId: other.id } });
    expect(partnerIssue.status).toBe(201);
    await issue(parts[0]!, other.id);
    const rules = allOf([parts[2]!, parts[0]!], [{ equivalents: [{ achievementId: partnerAchievement }] }, { after: ['part-1'] }]);
    const created = await define('ordered', rules);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await api('POST', `/api/v1/pathways/${created.body.id as string}/publish`, admin);
    await app.services.pathways.awards.settled();
    const standing = (await mine(otherSession)).find((s) => s.pathway.id === created.body.id);
    expect(standing).toMatchObject({ satisfied: true, award: { version: 1 } });
    // Someone who earned data cleaning before safety has it out of order: it counts only once earned again after.
    const third = await buildPerson(app.database.db);
    const thirdSession = await signIn(app.server, third.email);
    await issue(parts[0]!, third.id);
    await issue(parts[2]!, third.id);
    expect((await mine(thirdSession)).find((s) => s.pathway.id === created.body.id)).toMatchObject({ satisfied: false, done: 1, needed: 2 });
    await issue(parts[0]!, third.id);
    expect((await mine(thirdSession)).find((s) => s.pathway.id === created.body.id)).toMatchObject({ satisfied: true, award: { version: 1 } });
  });

  it('bulk batches: achievements in no pathway queue nothing; a constituent in a batch queues and evaluates its holder', async () => {
    const outsider = await publishedAchievement(org.slug, admin, 'not-in-any-pathway', 0);
    const organisation = (await createOrganisationsRepository(app.database.db).findBySlug(org.slug))!;
    const people = await Promise.all([1, 2, 3].map(() => buildPerson(app.database.db)));
    const outcomes = await app.services.issuance.issueBatch(organisation, people.map((p) => ({ achievementId: outsider, recipient: { personId: p.id } })), null);
    expect(outcomes.every((o) => 'record' in o)).toBe(true);
    expect(await app.database.db.selectFrom('pathway_pending_evaluations').selectAll().execute()).toEqual([]);
    await app.services.issuance.issueBatch(organisation, [{ achievementId: outsider, recipient: { personId: people[0]!.id } }, { achievementId: parts[1]!, recipient: { personId: people[1]!.id } }], null);
    await app.services.pathways.awards.settled();
    expect(await app.database.db.selectFrom('pathway_pending_evaluations').selectAll().execute()).toEqual([]);
    const standings = await app.services.pathways.awards.standings(people[1]!.id);
    expect(standings.find((s) => s.pathway.slug === 'three-part')?.evaluation).toMatchObject({ satisfied: false, done: 1, needed: 2 });
  });

  it('an award is never missed: a process that stops between the commit and the evaluation awards on the next start', async () => {
    const person = await buildPerson(app.database.db);
    const { listener } = app.services.pathways.awards;
    const afterCommit = listener.afterCommit;
    // The credential and its pending row commit; the evaluation that would follow never runs (the process "dies").
    listener.afterCommit = () => undefined;
    try {
      await issue(parts[0]!, person.id);
      await issue(parts[1]!, person.id);
    } finally {
      listener.afterCommit = afterCommit;
    }
    const pending = await app.database.db.selectFrom('pathway_pending_evaluations').select('person_id').execute();
    expect(pending.map((p) => p.person_id)).toEqual([person.id]);
    expect(await app.database.db.selectFrom('pathway_awards').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
    // The next process drains the queue on start-up.
    const restarted = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4997', masterKey: app.config.masterKey }, { database: app.database as TestDatabase });
    try {
      await restarted.services.pathways.awards.settled();
      const awards = await app.database.db.selectFrom('pathway_awards').select('id').where('person_id', '=', person.id).execute();
      expect(restarted.logs.filter((l) => l.includes('pathway evaluation failed'))).toEqual([]);
      // Version 2 of the three-part pathway needs two of three.
      expect(awards).toHaveLength(1);
      expect(await app.database.db.selectFrom('pathway_pending_evaluations').selectAll().execute()).toEqual([]);
    } finally {
      await restarted.close();
    }
  });
});
