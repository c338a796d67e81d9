import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationsRepository } from '../../src/accounts/organisations.repository.js';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'http://localhost:4996';

describe('email confirmation: an address is trusted as the person’s only once they follow the link mailed to it', () => {
  let app: TestApp;
  let registrar: SessionHeaders;
  let achievementId: string;

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: PUBLIC_URL }, { start: 'demo' });
    registrar = await signIn(app.server, demoLogins.find((l) => l.email.startsWith('registrar'))!.email, DEMO_PASSWORD);
    achievementId = (await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow()).id;
  }, 400_000);
  afterAll(async () => app?.dispose());

  let counter = 0;
  const signUp = async () => {
    const email = `Learner.${++counter}.${Date.now()}@Example.test`;
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email, password: 'a long enough password', displayName: 'Sam Signup' } });
    expect(response.statusCode, response.body).toBe(201);
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    const body = response.json() as { person: { id: string; emailConfirmed: boolean }; csrfToken: string };
    return { email, personId: body.person.id, confirmedAtSignUp: body.person.emailConfirmed, session: { cookie, 'x-csrf-token': body.csrfToken } };
  };
  /** The tokens of the links mailed to `email`, oldest first. */
  const mailedTokens = async (email: string) => {
    const mails = await app.database.db.selectFrom('mail_outbox').select(['subject', 'text_body', 'notification_id']).where('to_address', '=', email).orderBy('created_at').orderBy('id').execute();
    return mails.map((mail) => {
      expect(mail.subject).toBe('Confirm your email address for Tessera');
      expect(mail.notification_id).toBeNull();
      const link = new RegExp(`^${PUBLIC_URL}/confirm-email#token=([A-Za-z0-9_-]{43})$`, 'm').exec(mail.text_body);
      expect(link, mail.text_body).not.toBeNull();
      return link![1]!;
    });
  };
  const confirm = (token: string) => app.server.inject({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { token } });
  const issueTo = async (email: string) => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/credentials', headers: { ...registrar }, payload: { achievementId, recipient: { email } } });
    expect(response.statusCode, response.body).toBe(201);
    const id = (response.json() as { id: string }).id;
    return { id, personId: await recipientOf(id) };
  };
  const recipientOf = async (id: string) => (await app.database.db.selectFrom('issued_credentials').select('recipient_person_id').where('id', '=', id).executeTakeFirstOrThrow()).recipient_person_id;
  const addAsAssessor = (email: string) => app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/members', headers: { ...registrar }, payload: { email, role: 'assessor' } });
  const me = async (session: SessionHeaders) => (await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { ...session } })).json() as { person: { emailConfirmed: boolean } };

  it('links credentials and roles by address only after confirmation; a link works once, then keeps saying yes', async () => {
    const learner = await signUp();
    expect(learner.confirmedAtSignUp).toBe(false);
    const [token] = await mailedTokens(learner.email);
    // Only the token's hash is kept.
    const stored = await app.database.db.selectFrom('email_confirmations').selectAll().where('person_id', '=', learner.personId).execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    // Before: the credential names the address but joins no account; no role either.
    const waiting = await issueTo(learner.email.toLowerCase());
    expect(waiting.personId).toBeNull();
    // A bulk job's rows wait the same way (signed in a batch, stored together).
    const northbridge = (await createOrganisationsRepository(app.database.db).findBySlug('northbridge'))!;
    const [batched] = await app.services.issuance.issueBatch(northbridge, [{ achievementId, recipient: { email: learner.email.toUpperCase() } }], null);
    const batchedId = batched && 'record' in batched ? batched.record.id : '';
    expect(await recipientOf(batchedId)).toBeNull();
    // Someone else's address waits for someone else.
    const elsewhere = await issueTo('somebody.else@example.test');
    const refused = await addAsAssessor(learner.email);
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { code: string }).code).toBe('accounts.member_email_unconfirmed');

    const confirmed = await confirm(token!);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    // Confirming hands over what was issued to the address before; the wallet shows it.
    expect(confirmed.json()).toEqual({ email: learner.email, credentialsClaimed: 2 });
    expect(await recipientOf(waiting.id)).toBe(learner.personId);
    expect(await recipientOf(batchedId)).toBe(learner.personId);
    expect(await recipientOf(elsewhere.id)).toBeNull();
    const wallet = (await app.server.inject({ method: 'GET', url: '/api/v1/me/credentials', headers: { ...learner.session } })).json() as { items: Array<{ id: string }> };
    expect(wallet.items.map((item) => item.id)).toContain(waiting.id);
    expect((await me(learner.session)).person.emailConfirmed).toBe(true);
    const events = await app.database.db.selectFrom('events').select(['type', 'payload']).where('subject_id', '=', learner.personId).where('type', '=', 'person.email_confirmed').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({ credentialsClaimed: 2 });
    const claims = await app.database.db.selectFrom('events').select(['subject_id', 'actor_id']).where('type', '=', 'credential.claimed').where('subject_id', 'in', [waiting.id, batchedId, elsewhere.id]).execute();
    expect(claims.map((claim) => claim.subject_id).sort()).toEqual([waiting.id, batchedId].sort());
    expect(claims.every((claim) => claim.actor_id === learner.personId)).toBe(true);

    // After: the same issuance and the same role go to the account.
    expect((await issueTo(learner.email)).personId).toBe(learner.personId);
    expect((await addAsAssessor(learner.email)).statusCode).toBe(201);

    // The link clicked again still says yes (and claims nothing again); asking for another is refused as needless.
    expect((await confirm(token!)).json()).toEqual({ email: learner.email, credentialsClaimed: 0 });
    const again = await app.server.inject({ method: 'POST', url: '/api/v1/me/email-confirmation', headers: { ...learner.session } });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { code: string }).code).toBe('auth.email_already_confirmed');
  });

  it('paces new links, and a new link replaces the old one', async () => {
    const learner = await signUp();
    const resend = () => app.server.inject({ method: 'POST', url: '/api/v1/me/email-confirmation', headers: { ...learner.session } });
    const tooSoon = await resend();
    expect(tooSoon.statusCode).toBe(429);
    expect((tooSoon.json() as { code: string; retryAfterSeconds: number }).code).toBe('auth.confirmation_too_soon');
    expect((await mailedTokens(learner.email)).length).toBe(1);

    // A minute later (the first link made a minute ago), another link, which alone works.
    await sql`update email_confirmations set created_at = now() - interval '61 seconds' where person_id = ${learner.personId}`.execute(app.database.db);
    const sent = await resend();
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toEqual({ sentTo: learner.email });
    const [first, second] = await mailedTokens(learner.email);
    expect(second).not.toBe(first);
    const old = await confirm(first!);
    expect(old.statusCode).toBe(400);
    expect((old.json() as { code: string }).code).toBe('auth.confirmation_invalid');
    expect((await me(learner.session)).person.emailConfirmed).toBe(false);
    expect((await confirm(second!)).statusCode).toBe(200);
    expect((await me(learner.session)).person.emailConfirmed).toBe(true);
  });

  it('refuses expired, unknown and malformed links with specific codes, confirming nothing', async () => {
    const learner = await signUp();
    const [token] = await mailedTokens(learner.email);
    await app.database.db.updateTable('email_confirmations').set({ expires_at: new Date(Date.now() - 1000) }).where('person_id', '=', learner.personId).execute();
    const expired = await confirm(token!);
    expect(expired.statusCode).toBe(400);
    expect(expired.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((expired.json() as { code: string }).code).toBe('auth.confirmation_expired');

    const unknown = await confirm('A'.repeat(43));
    expect((unknown.json() as { code: string }).code).toBe('auth.confirmation_invalid');
    const malformed = await confirm('short');
    expect(malformed.statusCode).toBe(400);
    expect((malformed.json() as { code: string }).code).toBe('request.invalid');
    expect((await me(learner.session)).person.emailConfirmed).toBe(false);
  });

  it('a deleted account’s link confirms nothing, and its links are gone', async () => {
    const learner = await signUp();
    const [token] = await mailedTokens(learner.email);
    const deleted = await app.server.inject({ method: 'POST', url: '/api/v1/me/delete-account', headers: { ...learner.session }, payload: { confirmEmail: learner.email } });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    expect(await app.database.db.selectFrom('email_confirmations').select('token_hash').where('person_id', '=', learner.personId).execute()).toEqual([]);
    expect((await confirm(token!)).statusCode).toBe(400);
  });
});
