import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { CredentialDetail, CredentialStatusService } from '../../issuing/credential-status.service.js';
import { endorseAchievementInput, type EndorsementService } from '../../issuing/endorsement.service.js';
import { issueCredentialInput, statusChangeInput } from '../../issuing/issuance.schema.js';
import type { IssuanceService } from '../../issuing/issuance.service.js';
import type { IssuedCredentialRecord } from '../../issuing/issued-credentials.repository.js';
import { problemResponses } from '../openapi.js';

export interface CredentialsRouteDeps {
  issuance: IssuanceService;
  credentialStatus: CredentialStatusService;
  endorsements: EndorsementService;
}

const credentialView = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(['active', 'revoked', 'suspended']),
  issuedAt: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  achievementId: z.uuid().nullable(),
  achievementVersion: z.number().int().nullable(),
  credential: z.record(z.string(), z.unknown()),
  /** The compact VC-JWT when issued in that format; `credential` is then its `vc` claim. */
  jwt: z.string().nullable(),
});
const detailView = credentialView.extend({
  history: z.array(z.object({ action: z.enum(['revoke', 'suspend', 'reinstate']), reason: z.string(), occurredAt: z.iso.datetime() })),
});

const toView = (record: IssuedCredentialRecord): z.infer<typeof credentialView> => ({
  id: record.id,
  kind: record.kind,
  status: record.status,
  issuedAt: record.issuedAt.toISOString(),
  validUntil: record.validUntil?.toISOString() ?? null,
  achievementId: record.achievementId,
  achievementVersion: record.achievementVersion,
  credential: record.credential,
  jwt: record.jwt,
});
const toDetail = ({ record, history }: CredentialDetail): z.infer<typeof detailView> => ({
  ...toView(record),
  history: history.map((h) => ({ action: h.action, reason: h.reason, occurredAt: h.occurredAt.toISOString() })),
});

/** Issuing, reading and changing the status of credentials; the W3C VC API issue endpoint. */
export function credentialsRoutes(deps: CredentialsRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Credentials'];

    server.post('/api/v1/organisations/:slug/credentials', {
      schema: {
        tags,
        summary: 'Issue an Open Badges 3.0 credential for a published micro-credential (201; 200 when the idempotency key was seen before)',
        params: z.object({ slug: slugSchema }),
        body: issueCredentialInput,
        response: { 200: credentialView, 201: credentialView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    }, async (request, reply) => {
      const { record, created } = await deps.issuance.issue(request.principal, request.params.slug, request.body);
      return reply.status(created ? 201 : 200).send(toView(record));
    });

    // GET /api/v1/me/credentials is the wallet's (wallet.routes.ts): the same records with their standing and why.

    server.get('/api/v1/credentials/:id', {
      schema: { tags, summary: 'A credential with its status history (its recipient or its issuer)', params: z.object({ id: z.uuid() }), response: { 200: detailView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => toDetail(await deps.credentialStatus.get(request.principal, request.params.id)));

    for (const action of ['revoke', 'suspend', 'reinstate'] as const) {
      server.post(`/api/v1/credentials/:id/${action}`, {
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a credential, with a reason; the status list reflects it at once`,
          params: z.object({ id: z.uuid() }),
          body: statusChangeInput,
          response: { 200: detailView, ...problemResponses(400, 401, 403, 404, 409) },
        },
      }, async (request) => toDetail(await deps.credentialStatus.changeStatus(request.principal, request.params.id, action, request.body.reason)));
    }

    server.post('/api/v1/organisations/:slug/endorsements', {
      schema: {
        tags: ['Endorsements'],
        summary: "An industry partner endorses a published micro-credential: a signed OB 3.0 EndorsementCredential",
        params: z.object({ slug: slugSchema }),
        body: endorseAchievementInput,
        response: { 201: credentialView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    }, async (request, reply) => reply.status(201).send(toView(await deps.endorsements.endorseAchievement(request.principal, request.params.slug, request.body))));

    server.get('/api/v1/achievements/:id/endorsements', {
      schema: { tags: ['Endorsements'], summary: "A micro-credential's endorsements (public)", params: z.object({ id: z.uuid() }), response: { 200: z.object({ items: z.array(credentialView) }), ...problemResponses(400) } },
    }, async (request) => ({ items: (await deps.endorsements.ofAchievement(request.params.id)).map(toView) }));

    // W3C VC API: https://w3c-ccg.github.io/vc-api/#issue-credential
    server.post('/credentials/issue', {
      schema: {
        tags: ['W3C VC API'],
        summary: "VC API: sign a credential as the organisation its issuer names (organisation admins' API tokens)",
        body: z.object({
          credential: z.record(z.string(), z.unknown()),
          options: z.object({ credentialStatus: z.object({ type: z.string() }).optional() }).catchall(z.unknown()).optional(),
        }),
        response: { 201: z.object({ verifiableCredential: z.record(z.string(), z.unknown()) }), ...problemResponses(400, 401, 403, 422) },
      },
    }, async (request, reply) => {
      const { id, credential } = await deps.issuance.issueSupplied(request.principal, request.body.credential, request.body.options?.credentialStatus !== undefined);
      // The Location names Tessera's record, where the issuer can revoke or suspend it.
      return reply.status(201).header('location', `/api/v1/credentials/${id}`).send({ verifiableCredential: credential });
    });
  };
}
