import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfFailed } from '../accounts/accounts.errors.js';
import type { AuthService } from '../accounts/auth.service.js';
import { ANONYMOUS, type Principal } from '../accounts/principal.js';
import { constantTimeEquals } from '../accounts/secret-token.js';
import { unauthenticated } from '../errors.js';

export const SESSION_COOKIE = 'tessera_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Skip the CSRF check for this route (only routes that create a session). */
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    /** Who is calling; decided once per request, before any handler runs. */
    principal: Principal;
  }
}

/**
 * Resolves the caller from `Authorization: Bearer tsr_…` or the session cookie and enforces CSRF
 * protection for cookie-authenticated writes (synchroniser token in `x-csrf-token`). A bad bearer token
 * is an error (machines should hear about it); a stale cookie just means anonymous.
 */
export function registerAuthentication(server: FastifyInstance, auth: AuthService, sessionCookie: { secure: boolean }): void {
  // Fastify wants reference-typed request decorations initialised per request, hence null then ANONYMOUS.
  server.decorateRequest<Principal | null>('principal', null);
  server.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = ANONYMOUS;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match?.[1] ? await auth.authenticateToken(match[1]) : undefined;
      if (!principal) throw unauthenticated('The API token is not valid, has expired or was revoked.');
      request.principal = principal;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const principal = await auth.authenticateSession(cookie);
    if (!principal) {
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: sessionCookie.secure });
      return;
    }
    // Sign-in and sign-up opt out: they create the session the token belongs to, and accept only JSON,
    // which a cross-site form cannot send without a CORS preflight.
    const csrfExempt = request.routeOptions.config.csrfExempt === true;
    if (UNSAFE_METHODS.has(request.method) && !csrfExempt) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !principal.csrfToken || !constantTimeEquals(sent, principal.csrfToken)) throw csrfFailed();
    }
    request.principal = principal;
  });
}
