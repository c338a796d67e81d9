import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { recordEvent } from '../tracking/event-log.js';
import { authorize, TOKEN_SCOPES } from './access.js';
import { apiTokenNotFound } from './accounts.errors.js';
import type { CreateTokenInput } from './accounts.schema.js';
import type { ApiTokenRecord, AuthRepository } from './auth.repository.js';
import type { Principal } from './principal.js';
import { newApiToken, sha256Hex } from './secret-token.js';

const DISPLAY_PREFIX_LENGTH = 12;

/** Personal API tokens: shown once, stored hashed, scoped, revocable. Managed only from a session. */
export function createTokensService(deps: { db: Kysely<Database>; auth: AuthRepository; clock: () => Date }) {
  const { db, auth, clock } = deps;
  return {
    scopes: (): Array<{ scope: string; description: string }> =>
      Object.entries(TOKEN_SCOPES).map(([scope, description]) => ({ scope, description })),

    async list(principal: Principal): Promise<ApiTokenRecord[]> {
      const actor = authorize(principal, 'tokens.manage', undefined);
      return auth.tokensOf(actor.person.id);
    },

    async create(principal: Principal, input: CreateTokenInput): Promise<{ token: string; item: ApiTokenRecord }> {
      const actor = authorize(principal, 'tokens.manage', undefined);
      const token = newApiToken();
      const expiresAt = input.expiresInDays ? new Date(clock().getTime() + input.expiresInDays * 86_400_000) : null;
      const item = await db.transaction().execute(async (trx) => {
        const created = await auth.insertToken(trx, {
          personId: actor.person.id,
          name: input.name,
          prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
          tokenHash: sha256Hex(token),
          scopes: [...new Set(input.scopes)],
          expiresAt,
        });
        await recordEvent(trx, { type: 'api_token.created', actorId: actor.person.id, subjectType: 'api_token', subjectId: created.id, payload: { scopes: created.scopes } });
        return created;
      });
      return { token, item };
    },

    async revoke(principal: Principal, tokenId: string): Promise<void> {
      const actor = authorize(principal, 'tokens.manage', undefined);
      await db.transaction().execute(async (trx) => {
        // Scoped to the caller's own tokens: someone else's token id looks exactly like an unknown one.
        if (!(await auth.revokeToken(trx, actor.person.id, tokenId, clock()))) throw apiTokenNotFound();
        await recordEvent(trx, { type: 'api_token.revoked', actorId: actor.person.id, subjectType: 'api_token', subjectId: tokenId });
      });
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
