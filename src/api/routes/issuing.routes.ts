import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { IssuerKey } from '../../credentials/keys/key-lifecycle.js';
import type { VerificationReport } from '../../credentials/verify/verification-report.js';
import type { IssuerKeysService } from '../../issuing/issuer-keys.service.js';
import type { StatusListsService } from '../../issuing/status-lists.service.js';
import type { VerificationService } from '../../issuing/verification.service.js';
import { problemResponses } from '../openapi.js';

export interface IssuingRouteDeps {
  keys: IssuerKeysService;
  statusLists: StatusListsService;
  verification: VerificationService;
  /** Largest credential accepted for verification. */
  verifyBodyLimitBytes: number;
  /** Told of each verification asked of the public verifier (`api`) or the VC API (`vc_api`): tracking counts it. */
  onVerified?: (channel: 'api' | 'vc_api', report: VerificationReport) => Promise<void>;
}

const keyView = z.object({
  id: z.uuid(),
  publicKeyMultibase: z.string(),
  status: z.enum(['active', 'retired', 'compromised']),
  createdAt: z.iso.datetime(),
  retiredAt: z.iso.datetime().nullable(),
  compromisedAt: z.iso.datetime().nullable(),
});

const toKeyView = (key: IssuerKey): z.infer<typeof keyView> => ({
  id: key.id,
  publicKeyMultibase: key.publicKeyMultibase,
  status: key.status,
  createdAt: key.createdAt.toISOString(),
  retiredAt: key.status === 'retired' ? key.retiredAt.toISOString() : key.status === 'compromised' && key.retiredAt ? key.retiredAt.toISOString() : null,
  compromisedAt: key.status === 'compromised' ? key.compromisedAt.toISOString() : null,
});

const checkView = z.object({ id: z.string(), outcome: z.enum(['pass', 'fail', 'warning']), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
export const reportView = z.object({
  verified: z.boolean(),
  format: z.enum(['json-ld', 'vc-jwt', 'unknown']),
  checks: z.array(checkView),
  openBadgesContextCopy: z.enum(['current', 'first-publication']).optional(),
});
export const toReportView = (report: VerificationReport): z.infer<typeof reportView> => ({
  verified: report.verified,
  format: report.format,
  checks: report.checks,
  ...(report.openBadgesContextCopy ? { openBadgesContextCopy: report.openBadgesContextCopy } : {}),
});

/** Answers 304 when the client's copy (ETag or date) is current. */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string, lastModified: Date): boolean {
  reply.header('etag', etag).header('last-modified', lastModified.toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag);
  const since = request.headers['if-modified-since'];
  return since !== undefined && Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(since) / 1000);
}

/** DID documents, status lists, keys, and verification (Tessera's API and the W3C VC API). */
export function issuingRoutes(deps: IssuingRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Issuer identity'];

    server.get('/orgs/:slug/did.json', {
      schema: { tags, summary: "An organisation's DID document (did:web)", params: z.object({ slug: slugSchema }), response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(404) } },
    }, async (request, reply) => {
      const document = await deps.keys.didDocument(request.params.slug);
      reply.header('cache-control', 'public, max-age=300').type('application/did+json');
      return document;
    });

    server.get('/orgs/:slug/profile', {
      schema: { tags, summary: "An issuer's Open Badges 3.0 Profile (its id is the organisation's DID)", params: z.object({ slug: slugSchema }), response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(404) } },
    }, async (request, reply) => {
      const profile = await deps.keys.profileDocument(request.params.slug);
      reply.header('cache-control', 'public, max-age=300').type('application/ld+json');
      return profile;
    });

    server.get('/orgs/:slug/status/:listId', {
      schema: { tags: ['Status'], summary: 'A signed BitstringStatusListCredential', params: z.object({ slug: slugSchema, listId: z.uuid() }), response: { 200: z.record(z.string(), z.unknown()), 304: z.null(), ...problemResponses(400, 404) } },
    }, async (request, reply) => {
      const { credential, updatedAt } = await deps.statusLists.signedList(request.params.slug, request.params.listId);
      // Revocation must show at once, so caches revalidate every time; an unchanged list costs a 304.
      reply.header('cache-control', 'public, no-cache');
      if (notModified(request, reply, `"${updatedAt.getTime().toString(36)}"`, updatedAt)) return reply.status(304).send(null);
      return reply.type('application/vc+ld+json').send(credential);
    });

    server.get('/api/v1/organisations/:slug/keys', {
      schema: { tags, summary: "An organisation's signing keys and DID", params: z.object({ slug: slugSchema }), response: { 200: z.object({ did: z.string(), items: z.array(keyView) }), ...problemResponses(401, 403, 404) } },
    }, async (request) => {
      const { did, keys } = await deps.keys.list(request.principal, request.params.slug);
      return { did, items: keys.map(toKeyView) };
    });

    server.post('/api/v1/organisations/:slug/keys/rotate', {
      schema: { tags, summary: 'Rotate: a new key signs from now on; older keys stay in the DID document', params: z.object({ slug: slugSchema }), response: { 201: keyView, ...problemResponses(401, 403, 404, 409) } },
    }, async (request, reply) => reply.status(201).send(toKeyView(await deps.keys.rotate(request.principal, request.params.slug))));

    server.post('/api/v1/organisations/:slug/keys/:keyId/compromise', {
      schema: {
        tags,
        summary: 'Mark a key compromised: its proofs made after that moment fail verification',
        params: z.object({ slug: slugSchema, keyId: z.uuid() }),
        body: z.object({ compromisedAt: z.iso.datetime({ offset: true }) }).strict(),
        response: { 200: keyView, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (request) => toKeyView(await deps.keys.compromise(request.principal, request.params.slug, request.params.keyId, new Date(request.body.compromisedAt))));

    server.put('/api/v1/organisations/:slug/issuer-settings', {
      schema: {
        tags,
        summary: 'Choose the DID method new credentials are signed under (did:web, or did:key needing no web server)',
        params: z.object({ slug: slugSchema }),
        body: z.object({ didMethod: z.enum(['web', 'key']) }).strict(),
        response: { 200: z.object({ didMethod: z.enum(['web', 'key']), did: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request) => {
      const organisation = await deps.keys.setDidMethod(request.principal, request.params.slug, request.body.didMethod);
      return { didMethod: organisation.issuerDidMethod, did: (await deps.keys.identityFor(organisation)).did };
    });

    const verifyTags = ['Verification'];
    // Counting a verification must not change its answer: a failure to record is logged, not returned.
    const recordVerification = async (request: FastifyRequest, channel: 'api' | 'vc_api', report: VerificationReport) =>
      deps.onVerified?.(channel, report).catch((error: unknown) => request.log.error({ err: error }, 'recording a verification failed'));
    server.post('/api/v1/verify', {
      bodyLimit: deps.verifyBodyLimitBytes,
      schema: {
        tags: verifyTags,
        summary: 'Verify a credential (JSON-LD object or VC-JWT string), or the one published at a URL; each check with a plain-language sentence',
        body: z
          .object({ credential: z.unknown().optional(), url: z.url().max(2000).optional() })
          .strict()
          .refine((body) => (body.credential === undefined) !== (body.url === undefined), 'send either `credential` or `url`, not both'),
        response: { 200: reportView, ...problemResponses(400, 413) },
      },
    }, async (request) => {
      const credential = request.body.url === undefined ? request.body.credential : await deps.verification.fetchCredential(request.body.url);
      const report = await deps.verification.verify(credential);
      await recordVerification(request, 'api', report);
      return toReportView(report);
    });

    // W3C VC API: https://w3c-ccg.github.io/vc-api/#verify-credential
    server.post('/credentials/verify', {
      bodyLimit: deps.verifyBodyLimitBytes,
      schema: {
        tags: ['W3C VC API'],
        summary: 'VC API: verify a credential. 200 when verified, 400 with the result when not.',
        body: z.object({ verifiableCredential: z.unknown(), options: z.record(z.string(), z.unknown()).optional() }),
        response: { 200: z.object({ verified: z.boolean(), checks: z.array(z.string()), warnings: z.array(z.unknown()), errors: z.array(z.unknown()), report: reportView }), 400: z.record(z.string(), z.unknown()) },
      },
    }, async (request, reply) => {
      const report = await deps.verification.verify(request.body.verifiableCredential);
      await recordVerification(request, 'vc_api', report);
      const body = {
        verified: report.verified,
        checks: report.checks.filter((c) => c.outcome === 'pass').map((c) => c.id),
        warnings: report.checks.filter((c) => c.outcome === 'warning').map((c) => ({ id: c.id, message: c.message })),
        errors: report.checks.filter((c) => c.outcome === 'fail').map((c) => ({ id: c.id, message: c.message })),
        report: toReportView(report),
      };
      return reply.status(report.verified ? 200 : 400).send(body);
    });
  };
}
