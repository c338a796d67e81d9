import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Card {
  id: string;
  title: string;
  issuer: { name: string | null };
  status: string;
  statusReason: string | null;
  statusChangedAt: string | null;
  skills: Array<{ name: string; url: string | null }>;
  evidence: Array<{ name: string | null }>;
  credential: Record<string, unknown>;
  recipient?: { email: string } | null;
  canSuspend?: boolean;
}

describe('credentials as learners and issuers see them', () => {
  let app: TestApp;
  let registrar: SessionHeaders;
  let learner: SessionHeaders;
  let otherAdmin: SessionHeaders;
  let learnerId: string;
  let achievementId: string;
  let now = new Date();
  const login = (role: string) => demoLogins.find((l) => l.email.startsWith(role))!.email;
  const get = async (url: string, headers: Record<string, string>) => app.server.inject({ method: 'GET', url, headers });
  const issue = async (payload: Record<string, unknown> = {}) => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/credentials', headers: { ...registrar }, payload: { achievementId, recipient: { personId: learnerId }, ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4997' }, { start: 'demo', appOptions: { clock: () => now } });
    registrar = await signIn(app.server, login('registrar'), DEMO_PASSWORD);
    learner = await signIn(app.server, login('learner'), DEMO_PASSWORD);
    otherAdmin = await signIn(app.server, login('hr'), DEMO_PASSWORD);
    learnerId = ((await get('/api/v1/me', { ...learner })).json() as { person: { id: string } }).person.id;
    achievementId = (await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => app?.dispose());

  it('the learner sees a card: achievement, issuer, ESCO skills, evidence, valid, and the signed JSON', async () => {
    const id = await issue({ evidence: [{ id: 'https://evidence.example/workbook.xlsx', name: 'Workbook' }] });
    const list = (await get('/api/v1/me/credentials', { ...learner })).json() as { items: Card[] };
    const card = list.items.find((c) => c.id === id)!;
    expect(card).toMatchObject({ title: 'Spreadsheet Data Analysis for the Workplace', status: 'valid', statusReason: null, evidence: [{ name: 'Workbook' }] });
    expect(card.issuer.name).toMatch(/Northbridge/);
    expect(card.skills).toContainEqual(expect.objectContaining({ url: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be' }));
    // Occupations the achievement is aligned to are not skills.
    expect(card.skills.every((s) => !s.url?.includes('/esco/occupation/'))).toBe(true);
    const one = (await get(`/api/v1/me/credentials/${id}`, { ...learner })).json() as Card;
    expect(one.credential.proof).toBeDefined();
  });

  it('a revoked credential shows why and when, the learner is notified in the app and by mail, and can mark it read', async () => {
    const id = await issue();
    now = new Date(now.getTime() + 60_000);
    const revoke = await app.server.inject({ method: 'POST', url: `/api/v1/credentials/${id}/revoke`, headers: { ...registrar }, payload: { reason: 'Assessment found to be plagiarised' } });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const card = (await get(`/api/v1/me/credentials/${id}`, { ...learner })).json() as Card;
    expect(card).toMatchObject({ status: 'revoked', statusReason: 'Assessment found to be plagiarised', statusChangedAt: now.toISOString() });

    const inbox = (await get('/api/v1/me/notifications', { ...learner })).json() as { items: Array<{ id: string; kind: string; title: string; body: string; link: string }>; unreadCount: number };
    const note = inbox.items.find((n) => n.link === `/wallet/${id}`)!;
    expect(note).toMatchObject({ kind: 'credential.revoked', title: 'Your credential "Spreadsheet Data Analysis for the Workplace" was revoked' });
    expect(note.body).toContain('Reason: Assessment found to be plagiarised');
    const mail = await app.database.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).where('notification_id', '=', note.id).executeTakeFirstOrThrow();
    expect(mail).toEqual({ to_address: 'learner@tessera.test', text_body: expect.stringContaining(`http://localhost:4997/wallet/${id}`) });

    const read = await app.server.inject({ method: 'POST', url: `/api/v1/me/notifications/${note.id}/read`, headers: { ...learner } });
    expect(read.statusCode).toBe(204);
    const after = (await get('/api/v1/me/notifications', { ...learner })).json() as { unreadCount: number };
    expect(after.unreadCount).toBe(inbox.unreadCount - 1);
    // Nobody else can mark it, nor learn it exists.
    expect((await app.server.inject({ method: 'POST', url: `/api/v1/me/notifications/${note.id}/read`, headers: { ...registrar } })).statusCode).toBe(404);
  });

  it('an expired credential says so once its validUntil has passed', async () => {
    const id = await issue({ validUntil: new Date(now.getTime() + 3600_000).toISOString() });
    expect(((await get(`/api/v1/me/credentials/${id}`, { ...learner })).json() as Card).status).toBe('valid');
    now = new Date(now.getTime() + 2 * 3600_000);
    expect(((await get(`/api/v1/me/credentials/${id}`, { ...learner })).json() as Card).status).toBe('expired');
  });

  it("someone else's credential is not in my wallet", async () => {
    const id = await issue();
    expect((await get(`/api/v1/me/credentials/${id}`, { ...registrar })).statusCode).toBe(404);
  });

  it("lists the organisation's issued credentials for its admins, filtered and paged", async () => {
    const all = (await get('/api/v1/organisations/northbridge/credentials?limit=100', { ...registrar })).json() as { items: Card[] };
    expect(all.items.length).toBeGreaterThanOrEqual(4);
    expect(all.items.every((c) => c.recipient?.email === 'learner@tessera.test')).toBe(true);
    expect(all.items.every((c) => c.canSuspend === false)).toBe(true);

    const revoked = (await get('/api/v1/organisations/northbridge/credentials?status=revoked', { ...registrar })).json() as { items: Card[] };
    expect(revoked.items.map((c) => c.status)).toEqual(['revoked']);
    const expired = (await get('/api/v1/organisations/northbridge/credentials?status=expired', { ...registrar })).json() as { items: Card[] };
    expect(expired.items.map((c) => c.status)).toEqual(['expired']);
    const valid = (await get('/api/v1/organisations/northbridge/credentials?status=valid&limit=100', { ...registrar })).json() as { items: Card[] };
    expect(valid.items.length).toBe(all.items.length - 2);

    const byEmail = (await get('/api/v1/organisations/northbridge/credentials?recipientEmail=LEARNER@tessera.test&limit=100', { ...registrar })).json() as { items: Card[] };
    expect(byEmail.items.length).toBe(all.items.length);
    expect(((await get('/api/v1/organisations/northbridge/credentials?recipientEmail=nobody@tessera.test', { ...registrar })).json() as { items: Card[] }).items).toEqual([]);
    const byOther = (await get(`/api/v1/organisations/northbridge/credentials?achievementId=00000000-0000-4000-8000-000000000000`, { ...registrar })).json() as { items: Card[] };
    expect(byOther.items).toEqual([]);

    const seen: string[] = [];
    let url = '/api/v1/organisations/northbridge/credentials?limit=2';
    for (;;) {
      const page = (await get(url, { ...registrar })).json() as { items: Card[]; next?: string };
      seen.push(...page.items.map((c) => c.id));
      if (!page.next) break;
      url = `/api/v1/organisations/northbridge/credentials?limit=2&before=${page.next}`;
    }
    expect(seen).toEqual(all.items.map((c) => c.id));

    expect((await get('/api/v1/organisations/northbridge/credentials?before=bogus', { ...registrar })).statusCode).toBe(400);
    expect((await get('/api/v1/organisations/northbridge/credentials?status=active', { ...registrar })).statusCode).toBe(400);
    expect((await get('/api/v1/organisations/northbridge/credentials', { ...otherAdmin })).statusCode).toBe(403);
    expect((await get('/api/v1/organisations/no-such-org/credentials', { ...registrar })).statusCode).toBe(403);
  });
});
