import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

export interface SessionRecord {
  id: string;
  personId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ApiTokenRecord {
  id: string;
  personId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const tokenColumns = ['id', 'person_id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;

const toToken = (row: {
  id: string;
  person_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}): ApiTokenRecord => ({
  id: row.id,
  personId: row.person_id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

/** Sessions, API tokens and sign-in throttling: the stored side of authentication. */
export function createAuthRepository(db: Kysely<Database>) {
  return {
    async insertSession(session: SessionRecord): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ id: session.id, person_id: session.personId, csrf_token: session.csrfToken, expires_at: session.expiresAt })
        .execute();
    },

    async findLiveSession(id: string, now: Date): Promise<SessionRecord | undefined> {
      const row = await db
        .selectFrom('sessions')
        .select(['id', 'person_id', 'csrf_token', 'expires_at'])
        .where('id', '=', id)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row && { id: row.id, personId: row.person_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },

    async deleteSession(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteExpiredSessions(now: Date): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async insertToken(
      trx: Transaction<Database>,
      token: { personId: string; name: string; prefix: string; tokenHash: string; scopes: string[]; expiresAt: Date | null },
    ): Promise<ApiTokenRecord> {
      const row = await trx
        .insertInto('api_tokens')
        .values({
          person_id: token.personId,
          name: token.name,
          prefix: token.prefix,
          token_hash: token.tokenHash,
          scopes: token.scopes,
          expires_at: token.expiresAt,
        })
        .returning(tokenColumns)
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    async findUsableToken(tokenHash: string, now: Date): Promise<ApiTokenRecord | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .select(tokenColumns)
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return row && toToken(row);
    },

    async touchToken(id: string, now: Date): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },

    async tokensOf(personId: string): Promise<ApiTokenRecord[]> {
      const rows = await db.selectFrom('api_tokens').select(tokenColumns).where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
      return rows.map(toToken);
    },

    async revokeToken(trx: Transaction<Database>, personId: string, tokenId: string, now: Date): Promise<boolean> {
      const result = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', tokenId)
        .where('person_id', '=', personId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async lockedUntil(email: string, now: Date): Promise<Date | undefined> {
      const row = await db.selectFrom('login_failures').select('locked_until').where('email', '=', email).executeTakeFirst();
      return row?.locked_until && row.locked_until > now ? row.locked_until : undefined;
    },

    /**
     * Counts a failure within the current window and locks the email once the limit is reached. One
     * upsert, so concurrent failures cannot slip past the limit.
     */
    async recordFailure(email: string, now: Date, limits: { maxFailures: number; lockMinutes: number }): Promise<void> {
      const windowStart = new Date(now.getTime() - limits.lockMinutes * 60_000);
      const lockUntil = new Date(now.getTime() + limits.lockMinutes * 60_000);
      await db
        .insertInto('login_failures')
        .values({ email, failures: 1, first_failure_at: now, locked_until: limits.maxFailures <= 1 ? lockUntil : null })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet({
            failures: sql`case when login_failures.first_failure_at < ${windowStart}::timestamptz then 1 else login_failures.failures + 1 end`,
            first_failure_at: sql`case when login_failures.first_failure_at < ${windowStart}::timestamptz then ${now}::timestamptz else login_failures.first_failure_at end`,
            locked_until: sql`case when (case when login_failures.first_failure_at < ${windowStart}::timestamptz then 1 else login_failures.failures + 1 end) >= ${limits.maxFailures} then ${lockUntil}::timestamptz else login_failures.locked_until end`,
          }),
        )
        .execute();
    },

    async clearFailures(email: string): Promise<void> {
      await db.deleteFrom('login_failures').where('email', '=', email).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
