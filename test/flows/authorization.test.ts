import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { addMembership, buildOrganisation, buildPerson, createApiToken, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may call which route, as one table. Every API route in the OpenAPI document must appear here
 * (the last test enforces it), and every protected route lists every actor.
 */
const actors = ['anonymous', 'learner', 'otherLearner', 'adminA', 'adminB', 'assessorA', 'platformAdmin', 'learnerTokenAccountRead', 'learnerTokenWrongScope', 'adminATokenOrgWrite'] as const;
type Actor = (typeof actors)[number];

interface Context {
  orgA: { id: string; slug: string };
  learnerId: string;
  unique(): string;
  newPersonEmail(): Promise<string>;
  newLearnerToken(): Promise<string>;
  newMembership(): Promise<{ personId: string }>;
  /** A new achievement of orgA, made by adminA: a draft, or published. Returns its id. */
  newAchievement(state: 'draft' | 'published'): Promise<string>;
  /** A new one-part pathway of orgA, made by adminA, and the published achievement it needs. */
  newPathway(state: 'draft' | 'published'): Promise<{ id: string; achievementId: string }>;
  /** A new enrolment of `learner` in a new published achievement of orgA, with one link as evidence: a draft, or submitted. */
  newEnrolment(state: 'draft' | 'submitted'): Promise<{ id: string; evidenceId: string }>;
}

interface Row {
  route: string; // "METHOD /openapi/path"
  /** The request; its `headers` (content type, say) are merged under the actor's credentials. */
  request(ctx: Context): Promise<InjectOptions> | InjectOptions;
  expect: Record<Actor, number> | 'public';
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const everyone = (status: number, overrides: Partial<Record<Actor, number>> = {}): Record<Actor, number> =>
  Object.fromEntries(actors.map((actor) => [actor, overrides[actor] ?? status])) as Record<Actor, number>;

const table: Row[] = [
  { route: 'GET /api/v1/me', request: () => ({ method: 'GET', url: '/api/v1/me' }), expect: everyone(200, { anonymous: 401 }) },
  {
    route: 'GET /api/v1/people/{personId}',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/people/${ctx.learnerId}` }),
    expect: everyone(403, { anonymous: 401, learner: 200, platformAdmin: 200, learnerTokenAccountRead: 200 }),
  },
  { route: 'GET /api/v1/me/tokens', request: () => ({ method: 'GET', url: '/api/v1/me/tokens' }), expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }) },
  {
    route: 'POST /api/v1/me/tokens',
    request: () => ({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'ci', scopes: ['wallet:read'] } }),
    expect: everyone(201, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  {
    // Someone else's token id is indistinguishable from an unknown one.
    route: 'DELETE /api/v1/me/tokens/{tokenId}',
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/me/tokens/${await ctx.newLearnerToken()}` }),
    expect: everyone(404, { anonymous: 401, learner: 204, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/organisations', request: () => ({ method: 'GET', url: '/api/v1/organisations' }), expect: everyone(403, { anonymous: 401, platformAdmin: 200 }) },
  {
    route: 'POST /api/v1/organisations',
    request: (ctx) => ({ method: 'POST', url: '/api/v1/organisations', payload: { slug: `new-${ctx.unique()}`, name: 'New Org', kind: 'issuer' } }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 201 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/members',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/members` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200, learnerTokenAccountRead: 403 }),
  },
  {
    route: 'POST /api/v1/organisations/{slug}/members',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/members`, payload: { email: await ctx.newPersonEmail(), role: 'assessor' } }),
    expect: everyone(403, { anonymous: 401, adminA: 201, platformAdmin: 201, adminATokenOrgWrite: 201 }),
  },
  {
    route: 'DELETE /api/v1/organisations/{slug}/members/{personId}/{role}',
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/organisations/${ctx.orgA.slug}/members/${(await ctx.newMembership()).personId}/assessor` }),
    expect: everyone(403, { anonymous: 401, adminA: 204, platformAdmin: 204, adminATokenOrgWrite: 204 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/keys',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/keys` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'POST /api/v1/organisations/{slug}/keys/rotate',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/keys/rotate` }),
    expect: everyone(403, { anonymous: 401, adminA: 201, platformAdmin: 201 }),
  },
  {
    // An unknown key id: admins learn it is unknown (404), everyone else is refused before that.
    route: 'POST /api/v1/organisations/{slug}/keys/{keyId}/compromise',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/keys/00000000-0000-4000-8000-000000000000/compromise`, payload: { compromisedAt: '2026-01-01T00:00:00Z' } }),
    expect: everyone(403, { anonymous: 401, adminA: 404, platformAdmin: 404 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/achievements',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/achievements` }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/organisations/{slug}/achievements',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/achievements`, payload: { slug: `mc-${ctx.unique()}`, definition: demoAchievements[0]!.definition } }),
    expect: everyone(403, { anonymous: 401, adminA: 201, platformAdmin: 201 }),
  },
  {
    // A draft is the organisation's: its admins and assessors see it, everyone else finds nothing.
    route: 'GET /api/v1/achievements/{id}',
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/achievements/${await ctx.newAchievement('draft')}` }),
    expect: everyone(404, { adminA: 200, assessorA: 200, platformAdmin: 200 }),
  },
  {
    route: 'GET /api/v1/achievements/{id}',
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/achievements/${await ctx.newAchievement('published')}` }),
    expect: everyone(200),
  },
  {
    route: 'PUT /api/v1/achievements/{id}',
    request: async (ctx) => ({ method: 'PUT', url: `/api/v1/achievements/${await ctx.newAchievement('draft')}`, payload: { definition: demoAchievements[1]!.definition } }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'POST /api/v1/achievements/{id}/publish',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/achievements/${await ctx.newAchievement('draft')}/publish` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'GET /api/v1/achievements/{id}/versions',
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/achievements/${await ctx.newAchievement('draft')}/versions` }),
    expect: everyone(404, { adminA: 200, assessorA: 200, platformAdmin: 200 }),
  },
  {
    route: 'POST /api/v1/achievements/{id}/versions',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/achievements/${await ctx.newAchievement('published')}/versions` }),
    expect: everyone(403, { anonymous: 401, adminA: 201, platformAdmin: 201 }),
  },
  {
    route: 'POST /api/v1/achievements/{id}/retire',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/achievements/${await ctx.newAchievement('published')}/retire` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'GET /api/v1/achievements/{id}/checklist',
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/achievements/${await ctx.newAchievement('draft')}/checklist` }),
    expect: everyone(404, { adminA: 200, assessorA: 200, platformAdmin: 200 }),
  },
  {
    route: 'POST /api/v1/organisations/{slug}/achievements/checklist-preview',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/achievements/checklist-preview`, payload: { definition: demoAchievements[0]!.definition } }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'PUT /api/v1/organisations/{slug}/issuer-settings',
    request: (ctx) => ({ method: 'PUT', url: `/api/v1/organisations/${ctx.orgA.slug}/issuer-settings`, payload: { didMethod: 'web' } }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  { route: 'POST /api/v1/verify', request: () => ({ method: 'POST', url: '/api/v1/verify' }), expect: 'public' },
  { route: 'POST /api/v1/verify/batch', request: () => ({ method: 'POST', url: '/api/v1/verify/batch', payload: { items: [{ credential: {} }] } }), expect: 'public' },
  { route: 'POST /api/v1/verify/files', request: () => ({ method: 'POST', url: '/api/v1/verify/files' }), expect: 'public' },
  // Trusted issuer registry: the signed list is public; vetting is the platform admins' (unknown slugs and ids are 404 to them,
  // an organisation not approved is 409 to withdraw; a registry URL on a private address is stored with its error, 201).
  { route: 'GET /registry/trusted-issuers', request: () => ({ method: 'GET', url: '/registry/trusted-issuers' }), expect: 'public' },
  { route: 'GET /api/v1/registry/issuers', request: () => ({ method: 'GET', url: '/api/v1/registry/issuers' }), expect: everyone(403, { anonymous: 401, platformAdmin: 200 }) },
  {
    route: 'POST /api/v1/registry/issuers/{slug}/approval',
    request: () => ({ method: 'POST', url: '/api/v1/registry/issuers/no-such-organisation/approval', payload: { method: 'documents', notes: 'checked' } }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 404 }),
  },
  {
    route: 'POST /api/v1/registry/issuers/{slug}/withdrawal',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/registry/issuers/${ctx.orgA.slug}/withdrawal`, payload: { reason: 'no longer accredited' } }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 409 }),
  },
  { route: 'GET /api/v1/registry/sources', request: () => ({ method: 'GET', url: '/api/v1/registry/sources' }), expect: everyone(403, { anonymous: 401, platformAdmin: 200 }) },
  {
    route: 'POST /api/v1/registry/sources',
    request: (ctx) => ({ method: 'POST', url: '/api/v1/registry/sources', payload: { url: `http://10.0.0.1/${ctx.unique()}/registry/trusted-issuers` } }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 201 }),
  },
  { route: 'POST /api/v1/registry/sources/{id}/refresh', request: () => ({ method: 'POST', url: '/api/v1/registry/sources/00000000-0000-4000-8000-000000000000/refresh' }), expect: everyone(403, { anonymous: 401, platformAdmin: 404 }) },
  { route: 'DELETE /api/v1/registry/sources/{id}', request: () => ({ method: 'DELETE', url: '/api/v1/registry/sources/00000000-0000-4000-8000-000000000000' }), expect: everyone(403, { anonymous: 401, platformAdmin: 404 }) },
  // Candidates: an employer's members only (orgA is an issuer, so its members get 409 after access is decided).
  {
    route: 'GET /api/v1/organisations/{slug}/candidates',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/candidates` }),
    expect: everyone(403, { anonymous: 401, adminA: 409, assessorA: 409 }),
  },
  {
    route: 'POST /api/v1/organisations/{slug}/candidates',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/candidates`, payload: { shareUrl: 'https://elsewhere.example/s/abcdefghijklmnopqrstu' } }),
    expect: everyone(403, { anonymous: 401, adminA: 409, assessorA: 409, adminATokenOrgWrite: 409 }),
  },
  {
    route: 'POST /api/v1/organisations/{slug}/candidates/{id}/verify',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/candidates/00000000-0000-4000-8000-000000000000/verify` }),
    expect: everyone(403, { anonymous: 401, adminA: 409, assessorA: 409, adminATokenOrgWrite: 409 }),
  },
  {
    route: 'DELETE /api/v1/organisations/{slug}/candidates/{id}',
    request: (ctx) => ({ method: 'DELETE', url: `/api/v1/organisations/${ctx.orgA.slug}/candidates/00000000-0000-4000-8000-000000000000` }),
    expect: everyone(403, { anonymous: 401, adminA: 409, assessorA: 409, adminATokenOrgWrite: 409 }),
  },
  {
    // An achievement that does not exist: admins get as far as the issuing rules (422); others are refused first.
    route: 'POST /api/v1/organisations/{slug}/credentials',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/credentials`, payload: { achievementId: '00000000-0000-4000-8000-000000000000', recipient: { email: 'someone@example.test' } } }),
    expect: everyone(403, { anonymous: 401, adminA: 422, platformAdmin: 422 }),
  },
  {
    route: 'GET /api/v1/me/credentials',
    request: () => ({ method: 'GET', url: '/api/v1/me/credentials' }),
    expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }),
  },
  {
    // Unknown credential: indistinguishable from someone else's, except for platform admins.
    route: 'GET /api/v1/credentials/{id}',
    request: () => ({ method: 'GET', url: '/api/v1/credentials/00000000-0000-4000-8000-000000000000' }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 404 }),
  },
  ...(['revoke', 'suspend', 'reinstate'] as const).map((action): Row => ({
    route: `POST /api/v1/credentials/{id}/${action}`,
    request: () => ({ method: 'POST', url: `/api/v1/credentials/00000000-0000-4000-8000-000000000000/${action}`, payload: { reason: 'table test' } }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 404 }),
  })),
  {
    route: 'POST /api/v1/organisations/{slug}/endorsements',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/endorsements`, payload: { achievementId: '00000000-0000-4000-8000-000000000000', competencyInDemand: true, assessmentReflectsJobPerformance: true, comment: 'A comment long enough.' } }),
    expect: everyone(403, { anonymous: 401, adminA: 422, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/achievements/{id}/endorsements', request: () => ({ method: 'GET', url: '/api/v1/achievements/00000000-0000-4000-8000-000000000000/endorsements' }), expect: 'public' },
  {
    // An achievement that does not exist: admins get as far as the issuing rules (422); others are refused first.
    route: 'POST /api/v1/organisations/{slug}/bulk-jobs',
    request: (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/bulk-jobs?achievementId=00000000-0000-4000-8000-000000000000`, headers: { 'content-type': 'text/csv' }, payload: 'email\nsomeone@example.test\n' }),
    expect: everyone(403, { anonymous: 401, adminA: 422, platformAdmin: 422 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/bulk-jobs',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/bulk-jobs` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/bulk-jobs/{jobId}',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/bulk-jobs/00000000-0000-4000-8000-000000000000` }),
    expect: everyone(403, { anonymous: 401, adminA: 404, platformAdmin: 404 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/bulk-jobs/{jobId}/errors.csv',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/bulk-jobs/00000000-0000-4000-8000-000000000000/errors.csv` }),
    expect: everyone(403, { anonymous: 401, adminA: 404, platformAdmin: 404 }),
  },
  // Earning. A learner acts on their own enrolments in a session; the organisation's assessors and admins
  // (and platform admins) review; everyone else finds nothing (404) or is refused (403) before anything is revealed.
  {
    route: 'POST /api/v1/me/enrolments',
    request: async (ctx) => ({ method: 'POST', url: '/api/v1/me/enrolments', payload: { achievementId: await ctx.newAchievement('published'), route: 'assessment-only' } }),
    expect: everyone(201, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/me/enrolments', request: () => ({ method: 'GET', url: '/api/v1/me/enrolments' }), expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }) },
  {
    route: 'GET /api/v1/enrolments/{id}',
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/enrolments/${(await ctx.newEnrolment('draft')).id}` }),
    expect: { anonymous: 401, learner: 200, otherLearner: 404, adminA: 200, adminB: 404, assessorA: 200, platformAdmin: 200, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 404 },
  },
  ...(
    [
      ['POST /api/v1/enrolments/{id}/withdraw', async (ctx: Context) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('draft')).id}/withdraw` }), 200],
      ['POST /api/v1/enrolments/{id}/evidence', async (ctx: Context) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('draft')).id}/evidence`, payload: { kind: 'narrative', name: 'How I did it', narrative: 'Step by step.' } }), 201],
      // A handed-in enrolment takes no file, so the learner's upload is refused before anything is stored.
      ['POST /api/v1/enrolments/{id}/evidence/files', async (ctx: Context) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('submitted')).id}/evidence/files`, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n\r\n--x--\r\n' }), 409],
      ['DELETE /api/v1/enrolments/{id}/evidence/{evidenceId}', async (ctx: Context) => { const e = await ctx.newEnrolment('draft'); return { method: 'DELETE', url: `/api/v1/enrolments/${e.id}/evidence/${e.evidenceId}` }; }, 204],
      ['PUT /api/v1/enrolments/{id}/evidence/{evidenceId}/visibility', async (ctx: Context) => { const e = await ctx.newEnrolment('draft'); return { method: 'PUT', url: `/api/v1/enrolments/${e.id}/evidence/${e.evidenceId}/visibility`, payload: { isPublic: true } }; }, 200],
      ['POST /api/v1/enrolments/{id}/submit', async (ctx: Context) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('draft')).id}/submit` }), 200],
    ] as const
  ).map(([route, request, learner]): Row => ({
    route,
    request: request as Row['request'],
    // Only the learner hands in or withdraws; the organisation's reviewers are refused, outsiders find nothing.
    expect: { anonymous: 401, learner, otherLearner: 404, adminA: 403, adminB: 404, assessorA: 403, platformAdmin: 403, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 404 },
  })),
  { route: 'GET /api/v1/evidence/{evidenceId}/file', request: () => ({ method: 'GET', url: '/api/v1/evidence/00000000-0000-4000-8000-000000000000/file' }), expect: everyone(404) },
  {
    route: 'GET /api/v1/organisations/{slug}/review-queue',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/review-queue` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, assessorA: 200, platformAdmin: 200 }),
  },
  {
    route: 'POST /api/v1/enrolments/{id}/claim',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('submitted')).id}/claim` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, assessorA: 200, platformAdmin: 200 }),
  },
  {
    // Unclaimed: reviewers get as far as the claim rule (409); others are refused first.
    route: 'POST /api/v1/enrolments/{id}/decision',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('submitted')).id}/decision`, payload: { decision: 'pass', scores: [{ criterion: 'data-preparation', level: 'competent' }] } }),
    expect: everyone(403, { anonymous: 401, adminA: 409, assessorA: 409, platformAdmin: 409 }),
  },
  {
    route: 'POST /api/v1/enrolments/{id}/credential',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/enrolments/${(await ctx.newEnrolment('submitted')).id}/credential` }),
    expect: everyone(403, { anonymous: 401, adminA: 409, assessorA: 409, platformAdmin: 409 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/assessment-settings',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/assessment-settings` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, assessorA: 200, platformAdmin: 200 }),
  },
  {
    route: 'PUT /api/v1/organisations/{slug}/assessment-settings',
    request: (ctx) => ({ method: 'PUT', url: `/api/v1/organisations/${ctx.orgA.slug}/assessment-settings`, payload: { requiredReviews: 1 } }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200, adminATokenOrgWrite: 200 }),
  },
  // ESCO: the classification is public reference data, like the catalogue it serves.
  { route: 'GET /api/v1/esco/search', request: () => ({ method: 'GET', url: '/api/v1/esco/search?q=x' }), expect: 'public' },
  { route: 'GET /api/v1/esco/concepts', request: () => ({ method: 'GET', url: '/api/v1/esco/concepts' }), expect: 'public' },
  { route: 'GET /api/v1/esco/occupations/skills', request: () => ({ method: 'GET', url: '/api/v1/esco/occupations/skills' }), expect: 'public' },
  { route: 'POST /api/v1/esco/suggestions', request: () => ({ method: 'POST', url: '/api/v1/esco/suggestions' }), expect: 'public' },
  // The public catalogue: published micro-credentials are public, like their documents.
  { route: 'GET /api/v1/catalogue/search', request: () => ({ method: 'GET', url: '/api/v1/catalogue/search?q=x' }), expect: 'public' },
  { route: 'GET /api/v1/catalogue/occupations', request: () => ({ method: 'GET', url: '/api/v1/catalogue/occupations?q=analyst' }), expect: 'public' },
  // Catalogue feeds: subscribing to other instances' catalogues is the platform admins' decision; unknown ids are 404 to them.
  { route: 'GET /api/v1/catalogue/feeds', request: () => ({ method: 'GET', url: '/api/v1/catalogue/feeds' }), expect: everyone(403, { anonymous: 401, platformAdmin: 200 }) },
  {
    route: 'POST /api/v1/catalogue/feeds',
    request: (ctx) => ({ method: 'POST', url: '/api/v1/catalogue/feeds', payload: { url: `https://feeds-${ctx.unique()}.example/feeds/catalogue` } }),
    expect: everyone(403, { anonymous: 401, platformAdmin: 201 }),
  },
  { route: 'GET /api/v1/catalogue/feeds/{id}', request: () => ({ method: 'GET', url: '/api/v1/catalogue/feeds/00000000-0000-4000-8000-000000000000' }), expect: everyone(403, { anonymous: 401, platformAdmin: 404 }) },
  { route: 'DELETE /api/v1/catalogue/feeds/{id}', request: () => ({ method: 'DELETE', url: '/api/v1/catalogue/feeds/00000000-0000-4000-8000-000000000000' }), expect: everyone(403, { anonymous: 401, platformAdmin: 404 }) },
  { route: 'POST /api/v1/catalogue/feeds/{id}/harvest', request: () => ({ method: 'POST', url: '/api/v1/catalogue/feeds/00000000-0000-4000-8000-000000000000/harvest' }), expect: everyone(403, { anonymous: 401, platformAdmin: 404 }) },
  // Pathways: published ones are public; defining them is the organisation admins'; progress is the learner's own.
  { route: 'GET /api/v1/organisations/{slug}/pathways', request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/pathways` }), expect: everyone(200) },
  {
    route: 'POST /api/v1/organisations/{slug}/pathways',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/organisations/${ctx.orgA.slug}/pathways`, payload: { slug: `pw-${ctx.unique()}`, definition: { title: 'Certificate', description: 'A pathway.', achievementType: 'Certificate', rules: { kind: 'achievement', id: 'one', achievementId: await ctx.newAchievement('published') } } } }),
    expect: everyone(403, { anonymous: 401, adminA: 201, platformAdmin: 201 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/pathway-options',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/pathway-options` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    // A draft pathway is its organisation's admins': everyone else finds nothing.
    route: 'GET /api/v1/pathways/{id}',
    request: async (ctx) => ({ method: 'GET', url: `/api/v1/pathways/${(await ctx.newPathway('draft')).id}` }),
    expect: everyone(404, { adminA: 200, platformAdmin: 200 }),
  },
  { route: 'GET /api/v1/pathways/{id}', request: async (ctx) => ({ method: 'GET', url: `/api/v1/pathways/${(await ctx.newPathway('published')).id}` }), expect: everyone(200) },
  {
    route: 'PUT /api/v1/pathways/{id}',
    request: async (ctx) => {
      const pathway = await ctx.newPathway('draft');
      return { method: 'PUT', url: `/api/v1/pathways/${pathway.id}`, payload: { definition: { title: 'Changed', description: 'A pathway.', achievementType: 'Diploma', rules: { kind: 'achievement', id: 'one', achievementId: pathway.achievementId } } } };
    },
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'POST /api/v1/pathways/{id}/publish',
    request: async (ctx) => ({ method: 'POST', url: `/api/v1/pathways/${(await ctx.newPathway('draft')).id}/publish` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  { route: 'GET /api/v1/me/pathways', request: () => ({ method: 'GET', url: '/api/v1/me/pathways' }), expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }) },
  {
    route: 'GET /api/v1/me/pathways/{id}/transcript',
    request: () => ({ method: 'GET', url: '/api/v1/me/pathways/00000000-0000-4000-8000-000000000000/transcript' }),
    expect: everyone(404, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }),
  },
  // Tracking (#7): dashboards are for the organisation's admins (token scope tracking:read) and platform admins.
  {
    route: 'GET /api/v1/organisations/{slug}/dashboard',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/dashboard` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  { route: 'GET /api/v1/platform/dashboard', request: () => ({ method: 'GET', url: '/api/v1/platform/dashboard' }), expect: everyone(403, { anonymous: 401, platformAdmin: 200 }) },
  { route: 'GET /api/v1/me/progress', request: () => ({ method: 'GET', url: '/api/v1/me/progress' }), expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }) },
  { route: 'GET /api/v1/open-data/achievements', request: () => ({ method: 'GET', url: '/api/v1/open-data/achievements' }), expect: 'public' },
  // Equity fields (#7): admins configure and read suppressed aggregates; answers are reachable only by their learner's own session.
  { route: 'GET /api/v1/equity/fields', request: () => ({ method: 'GET', url: '/api/v1/equity/fields' }), expect: 'public' },
  {
    route: 'GET /api/v1/organisations/{slug}/equity/settings',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/equity/settings` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  {
    route: 'PUT /api/v1/organisations/{slug}/equity/settings',
    request: (ctx) => ({ method: 'PUT', url: `/api/v1/organisations/${ctx.orgA.slug}/equity/settings`, payload: { fields: ['age_band'] } }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200, adminATokenOrgWrite: 200 }),
  },
  {
    route: 'GET /api/v1/organisations/{slug}/equity/breakdown',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/equity/breakdown` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  { route: 'GET /api/v1/me/equity', request: () => ({ method: 'GET', url: '/api/v1/me/equity' }), expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }) },
  {
    route: 'PUT /api/v1/me/equity/{slug}',
    request: (ctx) => ({ method: 'PUT', url: `/api/v1/me/equity/${ctx.orgA.slug}`, payload: { answers: {} } }),
    expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  {
    route: 'DELETE /api/v1/me/equity/{slug}',
    request: (ctx) => ({ method: 'DELETE', url: `/api/v1/me/equity/${ctx.orgA.slug}` }),
    expect: everyone(204, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/open-data/equity', request: () => ({ method: 'GET', url: '/api/v1/open-data/equity' }), expect: 'public' },
  {
    // Someone else's credential is not in my wallet: it looks like an unknown one.
    route: 'GET /api/v1/me/credentials/{id}',
    request: () => ({ method: 'GET', url: '/api/v1/me/credentials/00000000-0000-4000-8000-000000000000' }),
    expect: everyone(404, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }),
  },
  // Wallet writes need wallet:write (learnerTokenWrongScope has only wallet:read); each request fails cheaply after access is decided.
  {
    route: 'POST /api/v1/me/credentials/import',
    request: () => ({ method: 'POST', url: '/api/v1/me/credentials/import', payload: { credential: 'not a credential' } }),
    expect: everyone(422, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  {
    route: 'POST /api/v1/me/credentials/import/file',
    request: () => ({ method: 'POST', url: '/api/v1/me/credentials/import/file', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n' }),
    expect: everyone(422, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  {
    route: 'DELETE /api/v1/me/credentials/{id}',
    request: () => ({ method: 'DELETE', url: '/api/v1/me/credentials/00000000-0000-4000-8000-000000000000' }),
    expect: everyone(404, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  {
    route: 'PUT /api/v1/me/credentials/{id}/hidden',
    request: () => ({ method: 'PUT', url: '/api/v1/me/credentials/00000000-0000-4000-8000-000000000000/hidden', payload: { hidden: true } }),
    expect: everyone(404, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/me/shares', request: () => ({ method: 'GET', url: '/api/v1/me/shares' }), expect: everyone(200, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }) },
  {
    route: 'POST /api/v1/me/shares',
    request: () => ({ method: 'POST', url: '/api/v1/me/shares', payload: { items: [{ credentialId: '00000000-0000-4000-8000-000000000000' }] } }),
    expect: everyone(404, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  {
    route: 'POST /api/v1/me/shares/{id}/revoke',
    request: () => ({ method: 'POST', url: '/api/v1/me/shares/00000000-0000-4000-8000-000000000000/revoke' }),
    expect: everyone(404, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/shares/{token}', request: () => ({ method: 'GET', url: `/api/v1/shares/${'a'.repeat(43)}` }), expect: 'public' },
  {
    route: 'GET /api/v1/organisations/{slug}/credentials',
    request: (ctx) => ({ method: 'GET', url: `/api/v1/organisations/${ctx.orgA.slug}/credentials` }),
    expect: everyone(403, { anonymous: 401, adminA: 200, platformAdmin: 200 }),
  },
  { route: 'GET /api/v1/me/notifications', request: () => ({ method: 'GET', url: '/api/v1/me/notifications' }), expect: everyone(200, { anonymous: 401, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }) },
  {
    // An unknown notification, or someone else's: 404 alike.
    route: 'POST /api/v1/me/notifications/{id}/read',
    request: () => ({ method: 'POST', url: '/api/v1/me/notifications/00000000-0000-4000-8000-000000000000/read' }),
    expect: everyone(404, { anonymous: 401, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'POST /api/v1/me/notifications/read-all', request: () => ({ method: 'POST', url: '/api/v1/me/notifications/read-all' }), expect: everyone(200, { anonymous: 401, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }) },
  { route: 'POST /api/v1/auth/sign-in', request: () => ({ method: 'POST', url: '/api/v1/auth/sign-in' }), expect: 'public' },
  { route: 'POST /api/v1/auth/sign-up', request: () => ({ method: 'POST', url: '/api/v1/auth/sign-up' }), expect: 'public' },
  { route: 'POST /api/v1/auth/confirm-email', request: () => ({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { token: 'x'.repeat(43) } }), expect: 'public' },
  {
    // Everyone here has a confirmed address, so a session is told so; a token may not ask (it is a session's button).
    route: 'POST /api/v1/me/email-confirmation',
    request: () => ({ method: 'POST', url: '/api/v1/me/email-confirmation' }),
    expect: everyone(409, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /api/v1/me/token-scopes', request: () => ({ method: 'GET', url: '/api/v1/me/token-scopes' }), expect: 'public' },
  { route: 'GET /api/v1/organisations/{slug}', request: () => ({ method: 'GET', url: '/api/v1/organisations/x' }), expect: 'public' },
  // Wallet exports, holder DID, presentations, account deletion: only the person themselves; unknown ids fail after access is decided.
  ...(
    [
      ['GET /api/v1/me/credentials/{id}/export/{format}', { method: 'GET', url: `/api/v1/me/credentials/${UNKNOWN_ID}/export/png` }, 404],
      ['GET /api/v1/me/export.zip', { method: 'GET', url: '/api/v1/me/export.zip' }, 200],
      ['POST /api/v1/me/transcripts', { method: 'POST', url: '/api/v1/me/transcripts', payload: { credentialIds: [UNKNOWN_ID] } }, 404],
      ['GET /api/v1/me/transcripts/{id}/pdf', { method: 'GET', url: `/api/v1/me/transcripts/${UNKNOWN_ID}/pdf` }, 404],
      ['GET /api/v1/me/holder-did', { method: 'GET', url: '/api/v1/me/holder-did' }, 200],
    ] as const
  ).map(([route, request, status]): Row => ({ route, request: () => ({ ...request }), expect: everyone(status, { anonymous: 401, learnerTokenAccountRead: 403, adminATokenOrgWrite: 403 }) })),
  ...(
    [
      ['POST /api/v1/me/holder-did/challenge', { method: 'POST', url: '/api/v1/me/holder-did/challenge', payload: { did: 'did:example:unsupported' } }, 422],
      ['PUT /api/v1/me/holder-did', { method: 'PUT', url: '/api/v1/me/holder-did', payload: { did: 'did:example:unsupported' } }, 422],
      ['DELETE /api/v1/me/holder-did', { method: 'DELETE', url: '/api/v1/me/holder-did' }, 404],
      ['POST /api/v1/me/presentations', { method: 'POST', url: '/api/v1/me/presentations', payload: { challenge: 'challenge-1', domain: 'jobs.example', credentialIds: [UNKNOWN_ID] } }, 404],
    ] as const
  ).map(([route, request, status]): Row => ({ route, request: () => ({ ...request }), expect: everyone(status, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }) })),
  {
    // A session only (never a token), and the typed email must match: this one never does, so nobody is deleted.
    route: 'POST /api/v1/me/delete-account',
    request: () => ({ method: 'POST', url: '/api/v1/me/delete-account', payload: { confirmEmail: 'nobody@example.invalid' } }),
    expect: everyone(400, { anonymous: 401, learnerTokenAccountRead: 403, learnerTokenWrongScope: 403, adminATokenOrgWrite: 403 }),
  },
  { route: 'GET /transcripts/{id}', request: () => ({ method: 'GET', url: `/transcripts/${UNKNOWN_ID}` }), expect: 'public' },
  { route: 'POST /api/v1/verify/presentation', request: () => ({ method: 'POST', url: '/api/v1/verify/presentation', payload: { presentation: {}, challenge: 'c', domain: 'd' } }), expect: 'public' },
  // Last, because it ends the sessions the rows above use.
  { route: 'POST /api/v1/auth/sign-out', request: () => ({ method: 'POST', url: '/api/v1/auth/sign-out' }), expect: everyone(204, { anonymous: 401 }) },
];

describe('authorisation, route by route', () => {
  let app: TestApp;
  let ctx: Context;
  const headersFor = new Map<Actor, Record<string, string>>();

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000 });
    const { db } = app.database;
    const orgA = await buildOrganisation(db);
    const orgB = await buildOrganisation(db);
    const learner = await buildPerson(db);
    const otherLearner = await buildPerson(db);
    const adminA = await buildPerson(db);
    const adminB = await buildPerson(db);
    const assessorA = await buildPerson(db);
    const platformAdmin = await buildPerson(db, { isPlatformAdmin: true });
    await addMembership(db, orgA.id, adminA.id, 'admin');
    await addMembership(db, orgB.id, adminB.id, 'admin');
    await addMembership(db, orgA.id, assessorA.id, 'assessor');
    const session = async (email: string): Promise<SessionHeaders> => signIn(app.server, email);
    const learnerSession = await session(learner.email);
    const adminASession = await session(adminA.email);
    const sessions: Array<[Actor, SessionHeaders]> = [
      ['learner', learnerSession],
      ['otherLearner', await session(otherLearner.email)],
      ['adminA', adminASession],
      ['adminB', await session(adminB.email)],
      ['assessorA', await session(assessorA.email)],
      ['platformAdmin', await session(platformAdmin.email)],
    ];
    for (const [actor, headers] of sessions) headersFor.set(actor, { ...headers });
    headersFor.set('anonymous', {});
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    headersFor.set('learnerTokenAccountRead', bearer(await createApiToken(app.server, learnerSession, ['account:read'])));
    headersFor.set('learnerTokenWrongScope', bearer(await createApiToken(app.server, learnerSession, ['wallet:read'])));
    headersFor.set('adminATokenOrgWrite', bearer(await createApiToken(app.server, adminASession, ['organisations:write'])));
    let counter = 0;
    ctx = {
      orgA,
      learnerId: learner.id,
      unique: () => `${Date.now().toString(36)}-${(counter += 1)}`,
      newPersonEmail: async () => (await buildPerson(db)).email,
      newLearnerToken: async () => {
        const response = await app.server.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { ...learnerSession }, payload: { name: 'to revoke', scopes: ['wallet:read'] } });
        return (response.json() as { item: { id: string } }).item.id;
      },
      newMembership: async () => {
        const person = await buildPerson(db);
        await addMembership(db, orgA.id, person.id, 'assessor');
        return { personId: person.id };
      },
      newAchievement: async (state) => {
        const created = await app.server.inject({ method: 'POST', url: `/api/v1/organisations/${orgA.slug}/achievements`, headers: { ...adminASession }, payload: { slug: `mc-${ctx.unique()}`, definition: demoAchievements[0]!.definition } });
        const { id } = created.json() as { id: string };
        if (state === 'published') await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...adminASession } });
        return id;
      },
      newPathway: async (state) => {
        const achievementId = await ctx.newAchievement('published');
        const definition = { title: 'Certificate', description: 'A pathway.', achievementType: 'Certificate', rules: { kind: 'achievement', id: 'one', achievementId } };
        const created = await app.server.inject({ method: 'POST', url: `/api/v1/organisations/${orgA.slug}/pathways`, headers: { ...adminASession }, payload: { slug: `pw-${ctx.unique()}`, definition } });
        const { id } = created.json() as { id: string };
        if (state === 'published') await app.server.inject({ method: 'POST', url: `/api/v1/pathways/${id}/publish`, headers: { ...adminASession } });
        return { id, achievementId };
      },
      newEnrolment: async (state) => {
        const achievementId = await ctx.newAchievement('published');
        const enrolled = await app.server.inject({ method: 'POST', url: '/api/v1/me/enrolments', headers: { ...learnerSession }, payload: { achievementId, route: 'assessment-only' } });
        const { id } = enrolled.json() as { id: string };
        const evidence = await app.server.inject({ method: 'POST', url: `/api/v1/enrolments/${id}/evidence`, headers: { ...learnerSession }, payload: { kind: 'link', url: 'https://portfolio.example/work' } });
        if (state === 'submitted') await app.server.inject({ method: 'POST', url: `/api/v1/enrolments/${id}/submit`, headers: { ...learnerSession } });
        return { id, evidenceId: (evidence.json() as { id: string }).id };
      },
    };
  });

  afterAll(async () => app?.dispose());

  for (const row of table.filter((r) => r.expect !== 'public')) {
    // A refused request changes nothing, so every actor the route refuses shares one fixture (the row's
    // request is made once); each actor it serves gets a fresh one, since serving may change it.
    let refusedRequest: Promise<InjectOptions> | undefined;
    const requestFor = async (expected: number): Promise<InjectOptions> => (expected >= 400 ? (refusedRequest ??= Promise.resolve(row.request(ctx))) : row.request(ctx));
    for (const actor of actors) {
      const expected = (row.expect as Record<Actor, number>)[actor];
      it(`${row.route} as ${actor} → ${expected}`, async () => {
        const request = await requestFor(expected);
        const response = await app.server.inject({ ...request, headers: { ...(request.headers as Record<string, string> | undefined), ...headersFor.get(actor) } });
        expect(response.statusCode, response.body).toBe(expected);
        if (expected >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect((response.json() as { code: string }).code).toMatch(expected === 401 ? /^auth\.unauthenticated$/ : expected === 403 ? /^auth\./ : /^[a-z_]+\.[a-z_]+$/);
        }
      });
    }
  }

  for (const row of table.filter((r) => r.expect === 'public')) {
    it(`${row.route} is open to anonymous callers`, async () => {
      const response = await app.server.inject({ ...(await row.request(ctx)), headers: {} });
      expect([401, 403]).not.toContain(response.statusCode);
    });
  }

  it('covers every API route of the OpenAPI document', () => {
    const documented = Object.entries((app.server.swagger() as { paths: Record<string, Record<string, unknown>> }).paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const apiRoutes = documented.filter((route) => route.split(' ')[1]!.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    expect(apiRoutes.filter((route) => !table.some((row) => row.route === route))).toEqual([]);
  });
});
