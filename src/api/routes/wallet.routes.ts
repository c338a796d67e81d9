import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { IssuedCredentialEntry, IssuedCredentialsListService } from '../../issuing/issued-credentials-list.service.js';
import type { CredentialCard } from '../../wallet/credential-standing.js';
import { MAX_BADGE_IMAGE_BYTES } from '../../credentials/baking/png-baking.js';
import { INPUT_LIMITS } from '../../credentials/verify/input-limits.js';
import { invalidInput } from '../../errors.js';
import { HOLDER_MATCHES } from '../../wallet/holder-match.js';
import type { HoldingsService } from '../../wallet/holdings/holdings.service.js';
import { imageOf } from '../../wallet/sharing/shared-credential.js';
import type { WalletEntry } from '../../wallet/wallet-entry.js';
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

const checkView = z.object({ id: z.string(), outcome: z.enum(['pass', 'fail', 'warning']), message: z.string() });

/**
 * Whether the credential names the person holding (or sharing) it: issued_here (issued by this Tessera to them),
 * email (it names their account's email address), did (it names the holder DID on their account), none.
 */
export const holderMatchView = z.enum(HOLDER_MATCHES);

const walletCardView = cardView.extend({
  /** Issued by an organisation of this Tessera, or imported by the learner from elsewhere. */
  origin: z.enum(['issued', 'imported']),
  hidden: z.boolean(),
  /** Imported credentials: the verification made at import. */
  verification: z.object({ verified: z.boolean(), checkedAt: z.iso.datetime(), checks: z.array(checkView) }).nullable(),
  /** The badge picture to show in an `<img>`: an imported baked image (data URL) or the achievement's image. */
  image: z.string().nullable(),
  source: z.enum(['file', 'image', 'url', 'paste']).nullable(),
  holderMatch: holderMatchView,
});

export const toWalletCard = (entry: WalletEntry): z.infer<typeof walletCardView> => ({
  id: entry.id,
  kind: entry.kind,
  title: entry.title,
  issuer: entry.issuer,
  achievement: entry.achievement,
  achievementId: entry.achievementId,
  issuedAt: entry.issuedAt.toISOString(),
  validUntil: entry.validUntil?.toISOString() ?? null,
  status: entry.standing,
  statusReason: entry.statusReason,
  statusChangedAt: entry.statusChangedAt?.toISOString() ?? null,
  skills: entry.skills,
  evidence: entry.evidence,
  credential: entry.credential,
  jwt: entry.jwt,
  origin: entry.origin,
  hidden: entry.hidden,
  verification: entry.verification && { verified: entry.verification.verified, checkedAt: entry.verification.checkedAt.toISOString(), checks: entry.verification.checks.map(({ id, outcome, message }) => ({ id, outcome, message })) },
  image: imageOf(entry),
  source: entry.source,
  holderMatch: entry.holderMatch,
});

const toIssued = (entry: IssuedCredentialEntry): z.infer<typeof issuedView> => ({ ...toCard(entry), recipient: entry.recipient, canSuspend: entry.canSuspend });

/** Credentials as people see them: the learner's wallet of those issued here, and an organisation's issued list. */
export function walletRoutes(deps: { wallet: WalletService; holdings: HoldingsService; issuedCredentialsList: IssuedCredentialsListService }) {
  return async (app: FastifyInstance): Promise<void> => {
    // One badge image or credential file per import; the baking module enforces its own image limit too.
    await app.register(multipart, { limits: { fileSize: MAX_BADGE_IMAGE_BYTES, files: 1, fields: 0, parts: 1 } });
    const server = app.withTypeProvider<ZodTypeProvider>();
    const walletTags = ['Wallet'];

    server.get('/api/v1/me/credentials', {
      schema: { tags: walletTags, summary: 'My credentials: issued to me here and imported, with their status and why, hidden ones flagged', response: { 200: z.object({ items: z.array(walletCardView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.wallet.listOwn(request.principal)).map(toWalletCard) }));

    server.get('/api/v1/me/credentials/:id', {
      schema: { tags: walletTags, summary: 'One of my credentials, with the signed JSON', params: z.object({ id: z.uuid() }), response: { 200: walletCardView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => toWalletCard(await deps.wallet.getOwn(request.principal, request.params.id)));

    server.post('/api/v1/me/credentials/import', {
      bodyLimit: INPUT_LIMITS.maxLength + 1024,
      schema: {
        tags: walletTags,
        summary: 'Import a credential issued elsewhere: pasted (JSON-LD object or VC-JWT string) or at a URL. Verified first; 201 when new, 200 when already held',
        body: z
          .object({ credential: z.unknown().optional(), url: z.url().max(2000).optional() })
          .strict()
          .refine((body) => (body.credential === undefined) !== (body.url === undefined), 'send either `credential` or `url`, not both'),
        response: { 200: walletCardView, 201: walletCardView, ...problemResponses(400, 401, 403, 413, 422) },
      },
    }, async (request, reply) => {
      const { url, credential } = request.body;
      const { entry, created } = await deps.holdings.importCredential(request.principal, url === undefined ? { kind: 'paste', credential } : { kind: 'url', url });
      return reply.status(created ? 201 : 200).send(toWalletCard(entry));
    });

    server.post('/api/v1/me/credentials/import/file', {
      schema: {
        tags: walletTags,
        summary: 'Import a credential file: JSON, VC-JWT, or a baked PNG/SVG badge (multipart/form-data, one file). Verified first; 201 when new, 200 when already held',
        consumes: ['multipart/form-data'],
        response: { 200: walletCardView, 201: walletCardView, ...problemResponses(400, 401, 403, 413, 422) },
      },
    }, async (request, reply) => {
      const { entry, created } = await deps.holdings.importCredential(request.principal, {
        kind: 'file',
        read: async () => {
          if (!request.isMultipart()) throw invalidInput('Send the file as multipart/form-data.');
          const part = await request.file();
          if (!part) throw invalidInput('Send the file in a multipart/form-data part.');
          return part.toBuffer();
        },
      });
      return reply.status(created ? 201 : 200).send(toWalletCard(entry));
    });

    server.delete('/api/v1/me/credentials/:id', {
      schema: {
        tags: walletTags,
        summary: 'Remove a credential I imported (those issued here can only be hidden); share links left empty are revoked',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ sharesRevoked: z.number().int() }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request) => deps.holdings.removeCredential(request.principal, request.params.id));

    server.put('/api/v1/me/credentials/:id/hidden', {
      schema: {
        tags: walletTags,
        summary: 'Hide or show a credential: hidden ones are listed apart and cannot be shared',
        params: z.object({ id: z.uuid() }),
        body: z.object({ hidden: z.boolean() }).strict(),
        response: { 200: walletCardView, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (request) => toWalletCard(await deps.wallet.setHidden(request.principal, request.params.id, request.body.hidden)));

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
