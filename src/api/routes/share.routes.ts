import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { SharedCredential } from '../../wallet/sharing/shared-credential.js';
import type { ShareState } from '../../wallet/sharing/share-state.js';
import type { PublicShare, SharesService } from '../../wallet/sharing/shares.service.js';
import type { ShareRecord } from '../../wallet/sharing/shares.repository.js';
import { problemResponses } from '../openapi.js';
import { holderMatchView } from './wallet.routes.js';

const shareView = z.object({
  id: z.uuid(),
  title: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  viewCount: z.number().int(),
  lastViewedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  items: z.array(z.object({ credentialId: z.uuid(), shownEvidence: z.array(z.number().int()) })),
});

const checkView = z.object({ id: z.string(), outcome: z.enum(['pass', 'fail', 'warning']), message: z.string() });

const sharedCredentialView = z.object({
  id: z.uuid(),
  title: z.string(),
  achievement: z.object({ id: z.string().nullable(), name: z.string().nullable(), description: z.string().nullable(), image: z.string().nullable() }).nullable(),
  issuer: z.object({ id: z.string().nullable(), name: z.string().nullable(), url: z.string().nullable(), description: z.string().nullable(), email: z.string().nullable() }),
  issuedAt: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  status: z.enum(['valid', 'expired', 'revoked', 'suspended']),
  skills: z.array(z.object({ name: z.string(), url: z.string().nullable(), framework: z.string().nullable() })),
  evidence: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), narrative: z.string().nullable() })),
  endorsements: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), comment: z.string().nullable(), issuedAt: z.string().nullable() })),
  /** Verified when the page was opened. */
  verification: z.object({ verified: z.boolean(), checkedAt: z.iso.datetime(), checks: z.array(checkView) }),
  credential: z.record(z.string(), z.unknown()).nullable(),
  jwt: z.string().nullable(),
  image: z.string().nullable(),
  linkedIn: z.url(),
  holderMatch: holderMatchView,
});

const publicShareView = z.object({
  title: z.string().nullable(),
  holder: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  url: z.url(),
  /** A QR code of `url`, as an SVG data URL. */
  qrCode: z.string(),
  credentials: z.array(sharedCredentialView),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

const toShareView = (share: ShareRecord & { state: ShareState }): z.infer<typeof shareView> => ({
  id: share.id,
  title: share.title,
  state: share.state,
  expiresAt: iso(share.expiresAt),
  revokedAt: iso(share.revokedAt),
  viewCount: share.viewCount,
  lastViewedAt: iso(share.lastViewedAt),
  createdAt: share.createdAt.toISOString(),
  items: share.items,
});

const toSharedCredential = (c: SharedCredential): z.infer<typeof sharedCredentialView> => ({
  ...c,
  issuedAt: c.issuedAt.toISOString(),
  validUntil: iso(c.validUntil),
  status: c.standing,
  verification: { verified: c.verification.verified, checkedAt: c.verification.checkedAt.toISOString(), checks: c.verification.checks.map(({ id, outcome, message }) => ({ id, outcome, message })) },
});

const qrCodeOf = async (url: string): Promise<string> =>
  `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).toString('base64')}`;

const toPublicShare = async (share: PublicShare): Promise<z.infer<typeof publicShareView>> => ({
  title: share.title,
  holder: share.holder,
  createdAt: share.createdAt.toISOString(),
  expiresAt: iso(share.expiresAt),
  url: share.url,
  qrCode: await qrCodeOf(share.url),
  credentials: share.credentials.map(toSharedCredential),
});

/** Share links: the learner's own (create, list, revoke) and the public share, as JSON and as the page /s/<token>. */
export function shareRoutes(deps: { shares: SharesService }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Sharing'];
    const tokenParams = z.object({ token: z.string().min(1).max(100) });

    server.get('/api/v1/me/shares', {
      schema: { tags, summary: 'My share links, newest first, with their state and view counts', response: { 200: z.object({ items: z.array(shareView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await deps.shares.listOwn(request.principal)).map(toShareView) }));

    server.post('/api/v1/me/shares', {
      schema: {
        tags,
        summary: 'Share one credential or a portfolio: optional title and expiry, and which evidence each shows. The link is returned once; only its hash is kept',
        body: z
          .object({
            title: z.string().trim().min(1).max(200).optional(),
            expiresAt: z.iso.datetime({ offset: true }).optional(),
            items: z.array(z.object({ credentialId: z.uuid(), evidence: z.array(z.number().int().min(0).max(999)).max(1000).optional() }).strict()).min(1).max(50),
          })
          .strict(),
        response: { 201: z.object({ share: shareView, url: z.url() }), ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (request, reply) => {
      const { title, expiresAt, items } = request.body;
      const created = await deps.shares.create(request.principal, { title, expiresAt: expiresAt ? new Date(expiresAt) : undefined, items });
      return reply.status(201).send({ share: toShareView({ ...created.share, state: 'active' }), url: created.url });
    });

    server.post('/api/v1/me/shares/:id/revoke', {
      schema: { tags, summary: 'Stop sharing: the link answers 410 from now on', params: z.object({ id: z.uuid() }), response: { 200: shareView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => toShareView(await deps.shares.revoke(request.principal, request.params.id)));

    server.get('/api/v1/shares/:token', {
      schema: {
        tags,
        summary: 'A shared credential or portfolio, for anyone with the link: each credential verified now, the evidence chosen, issuer and endorsers. 410 when revoked or expired',
        params: tokenParams,
        response: { 200: publicShareView, ...problemResponses(404, 410) },
      },
    }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('referrer-policy', 'no-referrer');
      return toPublicShare(await deps.shares.open(request.params.token));
    });

    // The page itself is the web app; its status says at once whether the link still works (410 when not).
    server.get('/s/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
      const status = await deps.shares.status(request.params.token);
      reply.status(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return sendWebApp(reply, status);
    });
  };
}

/** index.html of the built web app with the given status, or a plain page when the app is not built. */
function sendWebApp(reply: FastifyReply, status: number) {
  const sendFile = (reply as FastifyReply & { sendFile?: (file: string, options: Record<string, unknown>) => FastifyReply }).sendFile;
  // No ETag or Last-Modified: a browser revalidating the page it saw while the link worked would
  // otherwise get a bodiless 304 turned 410, which Chromium shows as a network error, not the page.
  if (typeof sendFile === 'function') return sendFile.call(reply, 'index.html', { etag: false, lastModified: false });
  const text = status === 200 ? 'Shared credentials' : status === 410 ? 'This link is no longer shared.' : 'There is no such share link.';
  return reply.type('text/html; charset=utf-8').send(`<!doctype html><title>Tessera</title><p>${text}</p>`);
}
