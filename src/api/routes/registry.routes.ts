import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import { REGISTRY_PATH } from '../../registry/registry-credential.js';
import type { ApprovalRecord, RegistrySourceRecord } from '../../registry/registry.repository.js';
import type { RegistryIssuer, RegistryService } from '../../registry/registry.service.js';
import { problemResponses } from '../openapi.js';

export interface RegistryRouteDeps {
  registry: RegistryService;
}

export const vettingMethods = ['accreditation_register', 'company_register', 'government_record', 'official_website', 'documents', 'other'] as const;

const approvalView = z.object({
  id: z.uuid(),
  method: z.enum(vettingMethods),
  evidenceUrl: z.string().nullable(),
  notes: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.iso.datetime(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  withdrawalReason: z.string().nullable(),
});
const issuerView = z.object({
  organisation: z.object({ slug: z.string(), name: z.string(), kind: z.string(), url: z.string().nullable() }),
  approval: approvalView.nullable(),
  history: z.array(approvalView),
});
const sourceView = z.object({
  id: z.uuid(),
  url: z.string(),
  publisherDid: z.string().nullable(),
  issuers: z.array(z.object({ ids: z.array(z.string()), name: z.string() })),
  fetchedAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
});

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
const toApprovalView = (a: ApprovalRecord): z.infer<typeof approvalView> => ({
  id: a.id,
  method: a.method,
  evidenceUrl: a.evidenceUrl,
  notes: a.notes,
  approvedBy: a.approvedByName,
  approvedAt: a.approvedAt.toISOString(),
  withdrawnBy: a.withdrawnByName,
  withdrawnAt: iso(a.withdrawnAt),
  withdrawalReason: a.withdrawalReason,
});
const toIssuerView = (i: RegistryIssuer): z.infer<typeof issuerView> => ({
  organisation: { slug: i.organisation.slug, name: i.organisation.name, kind: i.organisation.kind, url: i.organisation.url },
  approval: i.approval && toApprovalView(i.approval),
  history: i.history.map(toApprovalView),
});
const toSourceView = (s: RegistrySourceRecord): z.infer<typeof sourceView> => ({
  id: s.id,
  url: s.url,
  publisherDid: s.publisherDid,
  issuers: s.entries.map((e) => ({ ids: e.ids, name: e.name })),
  fetchedAt: iso(s.fetchedAt),
  lastError: s.lastError,
  lastAttemptAt: iso(s.lastAttemptAt),
});

/** The trusted issuer registry: its public signed list, and the platform admins' approvals and sources. */
export function registryRoutes(deps: RegistryRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Trusted issuer registry'];
    const slugParams = z.object({ slug: slugSchema });
    const idParams = z.object({ id: z.uuid() });

    server.get(REGISTRY_PATH, {
      schema: {
        tags,
        summary: 'The trusted issuer registry as a signed Verifiable Credential (TrustedIssuerRegistryCredential): every approved issuer, each DID it signs under, and how it was checked',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    }, async (_request, reply) => {
      const credential = await deps.registry.publishedList();
      reply.header('cache-control', 'public, max-age=300').type('application/vc+ld+json');
      return credential;
    });

    server.get('/api/v1/registry/issuers', {
      schema: { tags, summary: 'Issuing organisations with their approval on the registry and its history (platform admins)', response: { 200: z.object({ items: z.array(issuerView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.registry.issuers(request.principal)).map(toIssuerView) }));

    server.post('/api/v1/registry/issuers/:slug/approval', {
      schema: {
        tags,
        summary: 'Approve an issuing organisation, recording how it was checked (platform admins)',
        params: slugParams,
        body: z.object({ method: z.enum(vettingMethods), evidenceUrl: z.url().max(2000).optional(), notes: z.string().trim().min(1).max(4000) }).strict(),
        response: { 201: approvalView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => reply.status(201).send(toApprovalView(await deps.registry.approve(request.principal, request.params.slug, request.body))));

    server.post('/api/v1/registry/issuers/:slug/withdrawal', {
      schema: {
        tags,
        summary: 'Withdraw an approval: its credentials no longer count as from a trusted issuer (platform admins)',
        params: slugParams,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
        response: { 200: approvalView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request) => toApprovalView(await deps.registry.withdraw(request.principal, request.params.slug, request.body.reason)));

    server.get('/api/v1/registry/sources', {
      schema: { tags, summary: "Other Tessera instances' registries this one trusts too (platform admins)", response: { 200: z.object({ items: z.array(sourceView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.registry.sources(request.principal)).map(toSourceView) }));

    server.post('/api/v1/registry/sources', {
      schema: {
        tags,
        summary: "Trust another instance's registry (its URL, e.g. https://other.example/registry/trusted-issuers): fetched under the untrusted-URL rules and its signature verified at once",
        body: z.object({ url: z.url().max(2000) }).strict(),
        response: { 201: sourceView, ...problemResponses(400, 401, 403, 409) },
      },
    }, async (request, reply) => reply.status(201).send(toSourceView(await deps.registry.addSource(request.principal, request.body.url))));

    server.post('/api/v1/registry/sources/:id/refresh', {
      schema: { tags, summary: 'Fetch and verify a trusted registry again now (platform admins)', params: idParams, response: { 200: sourceView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => toSourceView(await deps.registry.refreshSource(request.principal, request.params.id)));

    server.delete('/api/v1/registry/sources/:id', {
      schema: { tags, summary: 'Stop trusting a registry (platform admins)', params: idParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      await deps.registry.removeSource(request.principal, request.params.id);
      return reply.status(204).send(null);
    });
  };
}
