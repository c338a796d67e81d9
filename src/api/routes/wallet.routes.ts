import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { IssuedCredentialEntry, IssuedCredentialsListService } from '../../issuing/issued-credentials-list.service.js';
import type { CredentialCard } from '../../wallet/credential-standing.js';
import type { WalletService } from '../../wallet/wallet.service.js';
import { problemResponses } from '../openapi.js';

const standing = z.enum(['valid', 'expired', 'revoked', 'suspended']);

const cardView = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  issuer: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  achievement: z.object({ id: z.string().nullable(), name: z.string().nullable(), description: z.string().nullable(), image: z.string().nullable() }).nullable(),
  achievementId: z.uuid().nullable(),
  issuedAt: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  status: standing,
  /** Why and when it was revoked or suspended. */
  statusReason: z.string().nullable(),
  statusChangedAt: z.iso.datetime().nullable(),
  skills: z.array(z.object({ name: z.string(), url: z.string().nullable(), framework: z.string().nullable() })),
  evidence: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), narrative: z.string().nullable() })),
  /** The signed credential as issued (for a VC-JWT, its `vc` claim; the compact JWT is in `jwt`). */
  credential: z.record(z.string(), z.unknown()),
  jwt: z.string().nullable(),
});

const issuedView = cardView.extend({
  recipient: z.object({ email: z.string(), displayName: z.string() }).nullable(),
  canSuspend: z.boolean(),
});

const toCard = (card: CredentialCard): z.infer<typeof cardView> => ({
  id: card.record.id,
  kind: card.record.kind,
  title: card.title,
  issuer: card.issuer,
  achievement: card.achievement,
  achievementId: card.record.achievementId,
  issuedAt: card.record.issuedAt.toISOString(),
  validUntil: card.record.validUntil?.toISOString() ?? null,
  status: card.standing,
  statusReason: card.statusReason,
  statusChangedAt: card.statusChangedAt?.toISOString() ?? null,
  skills: card.skills,
  evidence: card.evidence,
  credential: card.record.credential,
  jwt: card.record.jwt,
});

const toIssued = (entry: IssuedCredentialEntry): z.infer<typeof issuedView> => ({ ...toCard(entry), recipient: entry.recipient, canSuspend: entry.canSuspend });

/** Credentials as people see them: the learner's wallet of those issued here, and an organisation's issued list. */
export function walletRoutes(deps: { wallet: WalletService; issuedCredentialsList: IssuedCredentialsListService }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();

    server.get('/api/v1/me/credentials', {
      schema: { tags: ['Wallet'], summary: 'Credentials issued to me here, with their status and why', response: { 200: z.object({ items: z.array(cardView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.wallet.listOwn(request.principal)).map(toCard) }));

    server.get('/api/v1/me/credentials/:id', {
      schema: { tags: ['Wallet'], summary: 'One of my credentials, with the signed JSON', params: z.object({ id: z.uuid() }), response: { 200: cardView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => toCard(await deps.wallet.getOwn(request.principal, request.params.id)));

    server.get('/api/v1/organisations/:slug/credentials', {
      schema: {
        tags: ['Credentials'],
        summary: "The organisation's issued credentials, newest first (its admins)",
        params: z.object({ slug: slugSchema }),
        querystring: z
          .object({
            achievementId: z.uuid().optional(),
            status: standing.optional(),
            recipientEmail: z.string().trim().min(3).max(320).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(25),
            before: z.string().max(200).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(issuedView), next: z.string().optional() }), ...problemResponses(400, 401, 403) },
      },
    }, async (request) => {
      const { limit, achievementId, status, recipientEmail, before } = request.query;
      const page = await deps.issuedCredentialsList.list(request.principal, request.params.slug, {
        limit,
        ...(achievementId ? { achievementId } : {}),
        ...(status ? { status } : {}),
        ...(recipientEmail ? { recipientEmail } : {}),
        ...(before ? { before } : {}),
      });
      return { items: page.items.map(toIssued), ...(page.next ? { next: page.next } : {}) };
    });
  };
}
