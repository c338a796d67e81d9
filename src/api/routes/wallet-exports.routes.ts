import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountDeletionService } from '../../accounts/deletion/account-deletion.service.js';
import type { CredentialFilesService } from '../../wallet/exports/credential-files.js';
import type { EverythingExport } from '../../wallet/exports/everything-export.js';
import { renderTranscriptPdf } from '../../wallet/exports/transcript-pdf.js';
import { transcriptUrl, transcriptVerifyUrl, type TranscriptsService } from '../../wallet/exports/transcripts.service.js';
import type { HolderDidService, HolderDidView } from '../../wallet/holder/holder-did.service.js';
import type { PresentationsService } from '../../wallet/holder/presentations.service.js';
import { SESSION_COOKIE } from '../authentication.js';
import { problemResponses } from '../openapi.js';

export interface WalletExportsRouteDeps {
  credentialFiles: CredentialFilesService;
  transcripts: TranscriptsService;
  everythingExport: EverythingExport;
  holderDids: HolderDidService;
  presentations: PresentationsService;
  accountDeletion: AccountDeletionService;
  publicUrl: string;
  clock: () => Date;
  sessionCookie: { secure: boolean };
  /** Largest presentation accepted for verification. */
  verifyBodyLimitBytes: number;
}

const holderView = z.object({ did: z.string(), method: z.enum(['key', 'web']), managed: z.boolean(), proved: z.boolean(), createdAt: z.iso.datetime() });
const toHolderView = (v: HolderDidView): z.infer<typeof holderView> => ({ did: v.did, method: v.method, managed: v.managed, proved: v.proved, createdAt: v.createdAt.toISOString() });
const holderDid = z.string().min(8).max(2000);
const credentialIds = z.array(z.uuid()).min(1).max(100);
const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
/** Files and streams: Fastify sends Buffers and streams as they are, without the serializer. */
const binary = z.unknown();
const presentationCheck = z.object({ id: z.string(), outcome: z.enum(['pass', 'fail', 'warning']), message: z.string() });

/** The learner's exports (files, transcripts, everything-about-me), holder DID, presentations and account deletion. */
export function walletExportsRoutes(deps: WalletExportsRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Wallet exports'];

    server.get('/api/v1/me/credentials/:id/export/:format', {
      schema: {
        tags,
        summary: 'Download one of my credentials: the signed JSON (or VC-JWT), or a badge image with it baked in (PNG or SVG, OB 3.0 §5.3)',
        params: z.object({ id: z.uuid(), format: z.enum(['json', 'png', 'svg']) }),
        response: { 200: binary, ...problemResponses(400, 401, 403, 404, 422) },
      },
    }, async (request, reply) => {
      const file = await deps.credentialFiles.file(request.principal, request.params.id, request.params.format);
      // An SVG served from our origin is a document: a sandbox policy keeps it from running anything if opened.
      return reply.type(file.contentType).header('content-disposition', attachment(file.fileName)).header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'").send(file.body);
    });

    server.get('/api/v1/me/export.zip', {
      schema: { tags, summary: 'Everything Tessera keeps about me, as a ZIP of JSON files (streamed)', response: { 200: binary, ...problemResponses(401, 403) } },
    }, async (request, reply) => {
      const { fileName, body } = deps.everythingExport.stream(request.principal);
      return reply.type('application/zip').header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(body);
    });

    server.post('/api/v1/me/transcripts', {
      schema: {
        tags,
        summary: 'Make a signed CLR 2.0 transcript of chosen credentials; it is published at its URL for verifiers',
        body: z.object({ credentialIds, name: z.string().trim().min(1).max(200).optional() }).strict(),
        response: { 201: z.object({ id: z.uuid(), url: z.string(), verifyUrl: z.string(), pdfUrl: z.string(), credential: z.record(z.string(), z.unknown()) }), ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    }, async (request, reply) => {
      const record = await deps.transcripts.create(request.principal, request.body);
      return reply.status(201).header('location', transcriptUrl(deps.publicUrl, record.id)).send({
        id: record.id,
        url: transcriptUrl(deps.publicUrl, record.id),
        verifyUrl: transcriptVerifyUrl(deps.publicUrl, record.id),
        pdfUrl: `/api/v1/me/transcripts/${record.id}/pdf`,
        credential: record.credential,
      });
    });

    server.get('/api/v1/me/transcripts/:id/pdf', {
      schema: { tags, summary: 'A transcript as PDF for a registrar: credits, levels, outcomes, issuers, dates and a QR code to verify', params: z.object({ id: z.uuid() }), response: { 200: binary, ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      const record = await deps.transcripts.getOwn(request.principal, request.params.id);
      const learnerName = request.principal.kind === 'person' ? request.principal.person.displayName : '';
      const pdf = await renderTranscriptPdf({ transcript: record.credential, learnerName, verifyUrl: transcriptVerifyUrl(deps.publicUrl, record.id), generatedAt: deps.clock() });
      return reply.type('application/pdf').header('content-disposition', attachment(`transcript-${record.id.slice(0, 8)}.pdf`)).send(pdf);
    });

    server.get('/transcripts/:id', {
      schema: { tags, summary: 'A published CLR 2.0 transcript (public: the URL its PDF QR code points verifiers at)', params: z.object({ id: z.uuid() }), response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(400, 404) } },
    }, async (request, reply) => reply.type('application/vc+ld+json').header('cache-control', 'public, max-age=300').send(await deps.transcripts.published(request.params.id)));

    server.get('/api/v1/me/holder-did', {
      schema: { tags, summary: 'My holder DID, which later credentials name as their subject', response: { 200: z.object({ holderDid: holderView.nullable() }), ...problemResponses(401, 403) } },
    }, async (request) => {
      const view = await deps.holderDids.get(request.principal);
      return { holderDid: view ? toHolderView(view) : null };
    });

    server.post('/api/v1/me/holder-did/challenge', {
      schema: {
        tags,
        summary: 'A challenge to sign with a DID of my own, proving it is mine (DID Authentication)',
        body: z.object({ did: holderDid }).strict(),
        response: { 201: z.object({ did: z.string(), challenge: z.string(), domain: z.string(), expiresAt: z.iso.datetime() }), ...problemResponses(400, 401, 403, 422) },
      },
    }, async (request, reply) => {
      const challenge = await deps.holderDids.challenge(request.principal, request.body.did);
      return reply.status(201).send({ ...challenge, expiresAt: challenge.expiresAt.toISOString() });
    });

    server.put('/api/v1/me/holder-did', {
      schema: {
        tags,
        summary:
          'Set my holder DID: my own (did:key or did:web) with `presentation`, a Verifiable Presentation it signed for authentication over the open challenge; or `{"generate": true}` for a did:key Tessera makes and keeps sealed',
        body: z.union([z.object({ did: holderDid, presentation: z.record(z.string(), z.unknown()).optional() }).strict(), z.object({ generate: z.literal(true) }).strict()]),
        response: { 200: holderView, ...problemResponses(400, 401, 403, 422) },
      },
    }, async (request) => toHolderView('did' in request.body ? await deps.holderDids.setOwn(request.principal, request.body.did, request.body.presentation) : await deps.holderDids.generate(request.principal)));

    server.delete('/api/v1/me/holder-did', {
      schema: { tags, summary: 'Remove my holder DID (credentials already issued keep naming it)', response: { 204: z.null(), ...problemResponses(401, 403, 404) } },
    }, async (request, reply) => {
      await deps.holderDids.remove(request.principal);
      return reply.status(204).send(null);
    });

    server.post('/api/v1/me/presentations', {
      schema: {
        tags,
        summary: "A Verifiable Presentation of chosen credentials, signed by my managed did:key for a verifier's challenge and domain",
        body: z.object({ challenge: z.string().min(8).max(500), domain: z.string().min(1).max(500), credentialIds }).strict(),
        response: { 201: z.object({ verifiablePresentation: z.record(z.string(), z.unknown()) }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => reply.status(201).send({ verifiablePresentation: await deps.presentations.create(request.principal, request.body) }));

    server.post('/api/v1/verify/presentation', {
      bodyLimit: deps.verifyBodyLimitBytes,
      schema: {
        tags: ['Verification'],
        summary: 'Verify a Verifiable Presentation against the challenge and domain you gave the holder; each credential in it too',
        body: z.object({ presentation: z.record(z.string(), z.unknown()), challenge: z.string().min(1).max(500), domain: z.string().min(1).max(500) }).strict(),
        response: {
          200: z.object({ verified: z.boolean(), holder: z.string().nullable(), checks: z.array(presentationCheck), credentials: z.array(z.object({ verified: z.boolean(), checks: z.array(presentationCheck.extend({ details: z.record(z.string(), z.unknown()).optional() })) })) }),
          ...problemResponses(400, 413),
        },
      },
    }, async (request) => {
      const report = await deps.presentations.verify(request.body);
      return { ...report, credentials: report.credentials.map((c) => ({ verified: c.verified, checks: c.checks })) };
    });

    server.post('/api/v1/me/delete-account', {
      schema: {
        tags: ['Accounts'],
        summary: 'Delete my account and personal data; my credentials keep verifying (signed-in session only, confirm with my email)',
        body: z.object({ confirmEmail: z.string().min(3).max(320) }).strict(),
        response: { 200: z.object({ deletedAt: z.iso.datetime(), evidenceFiles: z.number().int() }), ...problemResponses(400, 401, 403, 409) },
      },
    }, async (request, reply) => {
      const result = await deps.accountDeletion.deleteOwnAccount(request.principal, request.body.confirmEmail);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.sessionCookie.secure });
      return { deletedAt: result.deletedAt.toISOString(), evidenceFiles: result.evidenceFiles };
    });
  };
}
