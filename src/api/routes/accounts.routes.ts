import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addMemberInput, createOrganisationInput, createTokenInput, membershipRoleSchema, signInInput, signUpInput, slugSchema } from '../../accounts/accounts.schema.js';
import type { ApiTokenRecord } from '../../accounts/auth.repository.js';
import type { AuthService, SignedIn } from '../../accounts/auth.service.js';
import type { EmailConfirmationService } from '../../accounts/email-confirmation.service.js';
import type { OrganisationsService } from '../../accounts/organisations.service.js';
import type { PeopleService } from '../../accounts/people.service.js';
import type { PersonPrincipal } from '../../accounts/principal.js';
import type { TokensService } from '../../accounts/tokens.service.js';
import { unauthenticated } from '../../errors.js';
import { SESSION_COOKIE } from '../authentication.js';
import { problemResponses } from '../openapi.js';
import * as views from './accounts.views.js';

export interface AccountsRouteDeps {
  auth: AuthService;
  emailConfirmation: EmailConfirmationService;
  people: PeopleService;
  organisations: OrganisationsService;
  tokens: TokensService;
  sessionCookie: { secure: boolean; maxAgeSeconds: number };
}

const sessionView = (principal: PersonPrincipal): z.infer<typeof views.sessionView> => ({
  person: principal.person,
  memberships: principal.memberships,
  csrfToken: principal.csrfToken ?? null,
});

const tokenView = (token: ApiTokenRecord): z.infer<typeof views.apiTokenView> => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  scopes: token.scopes,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  expiresAt: token.expiresAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

/** Sign-in, the caller's own account and tokens, organisations and their members. */
export function accountsRoutes(deps: AccountsRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Accounts'];
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.sessionCookie.secure, maxAge: deps.sessionCookie.maxAgeSeconds };
    const startSession = (signedIn: SignedIn) => ({ cookie: signedIn.sessionToken, view: sessionView(signedIn.principal) });

    server.post('/api/v1/auth/sign-in', {
      config: { csrfExempt: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in with email and password; sets the session cookie', body: signInInput, response: { 200: views.sessionView, ...problemResponses(400, 401, 429) } },
    }, async (request, reply) => {
      const { cookie, view } = startSession(await deps.auth.signIn(request.body));
      reply.setCookie(SESSION_COOKIE, cookie, cookieOptions);
      return view;
    });

    server.post('/api/v1/auth/sign-up', {
      config: { csrfExempt: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Create a learner account and sign in', body: signUpInput, response: { 201: views.sessionView, ...problemResponses(400, 409, 429) } },
    }, async (request, reply) => {
      const { cookie, view } = startSession(await deps.auth.signUp(request.body));
      reply.setCookie(SESSION_COOKIE, cookie, cookieOptions);
      return reply.status(201).send(view);
    });

    // The token is the authority here (it was mailed to the address), so the link works in any browser, signed in or not.
    server.post('/api/v1/auth/confirm-email', {
      config: { csrfExempt: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Confirm an email address with the token from the link mailed to it',
        body: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: z.object({ email: z.string(), credentialsClaimed: z.number().int() }), ...problemResponses(400, 429) },
      },
    }, async (request) => deps.emailConfirmation.confirm(request.body.token));

    // Paced per person by the service (one link a minute), not per address here.
    server.post('/api/v1/me/email-confirmation', {
      schema: { tags, summary: 'Mail a new confirmation link to your address', response: { 202: z.object({ sentTo: z.string() }), ...problemResponses(401, 403, 409, 429) } },
    }, async (request, reply) => reply.status(202).send(await deps.emailConfirmation.resend(request.principal)));

    server.post('/api/v1/auth/sign-out', {
      schema: { tags, summary: 'End the current session', response: { 204: z.null(), ...problemResponses(401, 403) } },
    }, async (request, reply) => {
      if (request.principal.kind === 'anonymous') throw unauthenticated();
      await deps.auth.signOut(request.principal);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.sessionCookie.secure });
      return reply.status(204).send(null);
    });

    server.get('/api/v1/me', {
      schema: { tags, summary: 'Who am I: the signed-in person, memberships and CSRF token', response: { 200: views.sessionView, ...problemResponses(401) } },
    }, async (request) => {
      if (request.principal.kind === 'anonymous') throw unauthenticated();
      return sessionView(request.principal);
    });

    server.get('/api/v1/people/:personId', {
      schema: { tags, summary: "A person's record (themselves or a platform admin)", params: z.object({ personId: z.uuid() }), response: { 200: views.personProfileView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => {
      const profile = await deps.people.get(request.principal, request.params.personId);
      return { ...profile, createdAt: profile.createdAt.toISOString() };
    });

    server.get('/api/v1/me/token-scopes', {
      schema: { tags, summary: 'Scopes an API token can carry', response: { 200: z.object({ items: z.array(z.object({ scope: z.string(), description: z.string() })) }) } },
    }, async () => ({ items: deps.tokens.scopes() }));

    server.get('/api/v1/me/tokens', {
      schema: { tags, summary: 'Your API tokens', response: { 200: z.object({ items: z.array(views.apiTokenView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.tokens.list(request.principal)).map(tokenView) }));

    server.post('/api/v1/me/tokens', {
      schema: { tags, summary: 'Create an API token (the token is shown only in this response)', body: createTokenInput, response: { 201: z.object({ token: z.string(), item: views.apiTokenView }), ...problemResponses(400, 401, 403) } },
    }, async (request, reply) => {
      const { token, item } = await deps.tokens.create(request.principal, request.body);
      return reply.status(201).send({ token, item: tokenView(item) });
    });

    server.delete('/api/v1/me/tokens/:tokenId', {
      schema: { tags, summary: 'Revoke an API token', params: z.object({ tokenId: z.uuid() }), response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      await deps.tokens.revoke(request.principal, request.params.tokenId);
      return reply.status(204).send(null);
    });

    const orgTags = ['Organisations'];
    server.get('/api/v1/organisations', {
      schema: { tags: orgTags, summary: 'Every organisation (platform admins)', response: { 200: z.object({ items: z.array(views.organisationView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.organisations.list(request.principal)).map(views.toOrganisationView) }));

    server.post('/api/v1/organisations', {
      schema: { tags: orgTags, summary: 'Create an organisation (platform admins)', body: createOrganisationInput, response: { 201: views.organisationView, ...problemResponses(400, 401, 403, 409) } },
    }, async (request, reply) => reply.status(201).send(views.toOrganisationView(await deps.organisations.create(request.principal, request.body))));

    server.get('/api/v1/organisations/:slug', {
      schema: { tags: orgTags, summary: "An organisation's public profile", params: z.object({ slug: slugSchema }), response: { 200: views.organisationView, ...problemResponses(400, 404) } },
    }, async (request) => views.toOrganisationView(await deps.organisations.getPublic(request.params.slug)));

    server.get('/api/v1/organisations/:slug/members', {
      schema: { tags: orgTags, summary: "An organisation's members (its admins)", params: z.object({ slug: slugSchema }), response: { 200: z.object({ items: z.array(views.memberView) }), ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => ({ items: (await deps.organisations.members(request.principal, request.params.slug)).map(views.toMemberView) }));

    server.post('/api/v1/organisations/:slug/members', {
      schema: { tags: orgTags, summary: 'Give a person a role in the organisation', params: z.object({ slug: slugSchema }), body: addMemberInput, response: { 201: views.memberView, ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => reply.status(201).send(views.toMemberView(await deps.organisations.addMember(request.principal, request.params.slug, request.body))));

    server.delete('/api/v1/organisations/:slug/members/:personId/:role', {
      schema: { tags: orgTags, summary: "Remove a person's role", params: z.object({ slug: slugSchema, personId: z.uuid(), role: membershipRoleSchema }), response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      await deps.organisations.removeMember(request.principal, request.params.slug, { personId: request.params.personId, role: request.params.role });
      return reply.status(204).send(null);
    });
  };
}
