import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { isUniqueViolation } from '../db/errors.js';
import { recordEvent } from '../tracking/event-log.js';
import { emailTaken, invalidCredentials, tooManyAttempts } from './accounts.errors.js';
import type { SignInInput, SignUpInput } from './accounts.schema.js';
import type { AuthRepository } from './auth.repository.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password.js';
import type { PeopleRepository, PersonRecord } from './people.repository.js';
import type { PersonPrincipal } from './principal.js';
import { API_TOKEN_PREFIX, randomToken, sha256Hex } from './secret-token.js';

export interface AuthSettings {
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

export interface AuthServiceDeps {
  db: Kysely<Database>;
  people: PeopleRepository;
  auth: AuthRepository;
  settings: AuthSettings;
  clock: () => Date;
  /** Mails the new account its confirmation link, in the sign-up transaction (email-confirmation.service.ts). */
  sendConfirmationLink(trx: Transaction<Database>, person: PersonRecord): Promise<void>;
}

export interface SignedIn {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  principal: PersonPrincipal;
}

/** Sign-in, sign-up, sign-out and turning a cookie or bearer token into a principal. */
export function createAuthService(deps: AuthServiceDeps) {
  const { people, auth, settings, clock } = deps;

  async function openSession(person: PersonRecord): Promise<SignedIn> {
    const sessionToken = randomToken();
    const session = {
      id: sha256Hex(sessionToken),
      personId: person.id,
      csrfToken: randomToken(),
      expiresAt: new Date(clock().getTime() + settings.sessionTtlHours * 3_600_000),
    };
    await auth.insertSession(session);
    return { sessionToken, principal: await principalFor(person, { via: 'session', credentialId: session.id, csrfToken: session.csrfToken }) };
  }

  async function principalFor(
    person: PersonRecord,
    how: { via: 'session'; credentialId: string; csrfToken: string } | { via: 'token'; credentialId: string; scopes: string[] },
  ): Promise<PersonPrincipal> {
    return {
      kind: 'person',
      person: { id: person.id, email: person.email, displayName: person.displayName, isPlatformAdmin: person.isPlatformAdmin, emailConfirmed: person.emailConfirmed },
      memberships: await people.membershipsOf(person.id),
      via: how.via,
      credentialId: how.credentialId,
      ...(how.via === 'session' ? { scopes: 'all' as const, csrfToken: how.csrfToken } : { scopes: how.scopes }),
    };
  }

  return {
    async signIn(input: SignInInput): Promise<SignedIn> {
      const email = input.email.toLowerCase();
      const now = clock();
      const locked = await auth.lockedUntil(email, now);
      if (locked) throw tooManyAttempts((locked.getTime() - now.getTime()) / 1000);
      const person = await people.findByEmail(email);
      const valid = person?.passwordHash ? await verifyPassword(person.passwordHash, input.password) : await verifyAgainstDecoy(input.password);
      if (!person || !valid) {
        await auth.recordFailure(email, now, { maxFailures: settings.loginMaxFailures, lockMinutes: settings.loginLockMinutes });
        throw invalidCredentials();
      }
      await auth.clearFailures(email);
      return openSession(person);
    },

    /** Anyone may create a learner account; organisations and roles are granted separately. */
    async signUp(input: SignUpInput): Promise<SignedIn> {
      const passwordHash = await hashPassword(input.password);
      try {
        const person = await deps.db.transaction().execute(async (trx) => {
          const created = await people.insert(trx, { email: input.email, displayName: input.displayName, passwordHash });
          await recordEvent(trx, { type: 'person.registered', actorId: created.id, subjectType: 'person', subjectId: created.id });
          await deps.sendConfirmationLink(trx, created);
          return created;
        });
        return await openSession(person);
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
    },

    async signOut(principal: PersonPrincipal): Promise<void> {
      if (principal.via === 'session') await auth.deleteSession(principal.credentialId);
    },

    async authenticateSession(sessionToken: string): Promise<PersonPrincipal | undefined> {
      const session = await auth.findLiveSession(sha256Hex(sessionToken), clock());
      const person = session && (await people.findById(session.personId));
      if (!session || !person) return undefined;
      return principalFor(person, { via: 'session', credentialId: session.id, csrfToken: session.csrfToken });
    },

    async authenticateToken(bearer: string): Promise<PersonPrincipal | undefined> {
      if (!bearer.startsWith(API_TOKEN_PREFIX)) return undefined;
      const now = clock();
      const token = await auth.findUsableToken(sha256Hex(bearer), now);
      const person = token && (await people.findById(token.personId));
      if (!token || !person) return undefined;
      await auth.touchToken(token.id, now);
      return principalFor(person, { via: 'token', credentialId: token.id, scopes: token.scopes });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
