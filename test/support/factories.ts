import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { MembershipRole, OrganisationKind } from '../../src/accounts/accounts.tables.js';
import { hashPassword } from '../../src/accounts/password.js';
import type { Database } from '../../src/db/tables.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

const unique = (): string => randomBytes(4).toString('hex');

export interface BuiltPerson {
  id: string;
  email: string;
  displayName: string;
}

/** A person who can sign in with TEST_PASSWORD. */
/** A person who can sign in with TEST_PASSWORD; their address is confirmed unless `emailConfirmed: false`. */
export async function buildPerson(db: Kysely<Database>, overrides: { email?: string; displayName?: string; isPlatformAdmin?: boolean; emailConfirmed?: boolean } = {}): Promise<BuiltPerson> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `person-${unique()}@example.test`;
  const row = await db
    .insertInto('people')
    .values({
      email,
      display_name: overrides.displayName ?? `Person ${unique()}`,
      password_hash: await cachedHash,
      is_platform_admin: overrides.isPlatformAdmin ?? false,
      email_confirmed_at: overrides.emailConfirmed === false ? null : new Date(),
    })
    .returning(['id', 'email', 'display_name'])
    .executeTakeFirstOrThrow();
  return { id: row.id, email: row.email, displayName: row.display_name };
}

export async function buildOrganisation(db: Kysely<Database>, overrides: { slug?: string; name?: string; kind?: OrganisationKind } = {}): Promise<{ id: string; slug: string }> {
  const slug = overrides.slug ?? `org-${unique()}`;
  return db
    .insertInto('organisations')
    .values({ slug, name: overrides.name ?? `Organisation ${slug}`, kind: overrides.kind ?? 'issuer' })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

export async function addMembership(db: Kysely<Database>, organisationId: string, personId: string, role: MembershipRole): Promise<void> {
  await db.insertInto('memberships').values({ organisation_id: organisationId, person_id: personId, role }).execute();
}

/** Headers of a signed-in browser: the session cookie and the CSRF token writes must echo. */
export interface SessionHeaders {
  cookie: string;
  'x-csrf-token': string;
}

export async function signIn(server: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<SessionHeaders> {
  const response = await server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tessera_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `tessera_session=${cookie.value}`, 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken };
}

/** Creates an API token through the API, as its owner would. */
export async function createApiToken(server: FastifyInstance, session: SessionHeaders, scopes: string[]): Promise<string> {
  const response = await server.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { ...session }, payload: { name: 'test token', scopes } });
  if (response.statusCode !== 201) throw new Error(`token creation failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}
