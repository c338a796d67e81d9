import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import { achievementSlugSchema } from '../../catalog/achievement.schema.js';
import type { PathwayStanding } from '../../pathways/pathway-awards.js';
import type { PathwayProgressService } from '../../pathways/pathway-progress.service.js';
import { createPathwayInput, PATHWAY_ACHIEVEMENT_TYPES, updatePathwayInput } from '../../pathways/pathway.schema.js';
import type { PathwayService, PathwayView } from '../../pathways/pathway.service.js';
import { problemResponses } from '../openapi.js';

export interface PathwaysRouteDeps {
  pathways: { service: PathwayService; progress: PathwayProgressService };
}

const json = z.record(z.string(), z.unknown());
const organisationRef = z.object({ slug: z.string(), name: z.string() });

export const pathwayView = z.object({
  id: z.uuid(),
  slug: z.string(),
  organisation: organisationRef,
  version: z.number().int(),
  status: z.enum(['draft', 'published', 'retired']),
  title: z.string(),
  description: z.string(),
  achievementType: z.enum(PATHWAY_ACHIEVEMENT_TYPES),
  criteria: z.string().optional(),
  /** The stored rule tree: requirements resolved to achievements, with titles and credits. */
  rules: json,
  publishedVersion: z.number().int().nullable(),
  documentUrl: z.string().nullable(),
});

const toPathwayView = (view: PathwayView): z.infer<typeof pathwayView> => ({
  id: view.pathway.id,
  slug: view.pathway.slug,
  organisation: { slug: view.pathway.organisation.slug, name: view.pathway.organisation.name },
  version: view.version.version,
  status: view.version.status,
  title: view.version.definition.title,
  description: view.version.definition.description,
  achievementType: view.version.definition.achievementType,
  ...(view.version.definition.criteria ? { criteria: view.version.definition.criteria } : {}),
  rules: view.version.definition.rules as unknown as Record<string, unknown>,
  publishedVersion: view.published?.version ?? null,
  documentUrl: view.documentUrl,
});

const standingView = z.object({
  pathway: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), achievementType: z.string(), organisation: organisationRef, version: z.number().int(), documentUrl: z.string() }),
  satisfied: z.boolean(),
  done: z.number(),
  needed: z.number(),
  summary: z.string(),
  /** Per requirement and group: met, what counted, what remains (see pathway-rules.ts NodeProgress). */
  progress: json,
  award: z.object({ awardedAt: z.iso.datetime(), credentialId: z.uuid(), version: z.number().int() }).nullable(),
});

const toStandingView = (s: PathwayStanding & { documentUrl: string }): z.infer<typeof standingView> => ({
  pathway: { id: s.pathway.id, slug: s.pathway.slug, title: s.version.definition.title, achievementType: s.version.definition.achievementType, organisation: { slug: s.pathway.organisation.slug, name: s.pathway.organisation.name }, version: s.version.version, documentUrl: s.documentUrl },
  satisfied: s.evaluation.satisfied,
  done: s.evaluation.done,
  needed: s.evaluation.needed,
  summary: s.evaluation.summary,
  // Dates become ISO strings, as everywhere in the API.
  progress: JSON.parse(JSON.stringify(s.evaluation.root)) as Record<string, unknown>,
  award: s.award ? { awardedAt: s.award.awardedAt.toISOString(), credentialId: s.award.credentialId, version: s.award.version } : null,
});

const optionView = z.object({ achievementId: z.uuid().nullable(), achievementUrl: z.string().nullable(), title: z.string(), credits: z.number().nullable(), organisation: z.string() });

/** Pathways: issuers define and publish them; learners see their progress and download what they were awarded. */
export function pathwaysRoutes(deps: PathwaysRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const { service, progress } = deps.pathways;
    const tags = ['Pathways'];
    const orgParams = z.object({ slug: slugSchema });
    const idParams = z.object({ id: z.uuid() });
    const one = { 200: pathwayView, ...problemResponses(400, 401, 403, 404, 409, 422) };

    server.get('/api/v1/organisations/:slug/pathways', {
      schema: { tags, summary: "An organisation's pathways (published; drafts too for its admins)", params: orgParams, response: { 200: z.object({ items: z.array(pathwayView) }), ...problemResponses(400, 404) } },
    }, async (request) => ({ items: (await service.list(request.principal, request.params.slug)).map(toPathwayView) }));

    server.post('/api/v1/organisations/:slug/pathways', {
      schema: { tags, summary: 'Define a pathway as a draft (organisation admins); 422 pathways.rules_invalid lists every problem', params: orgParams, body: createPathwayInput, response: { ...one, 201: pathwayView } },
    }, async (request, reply) => reply.status(201).send(toPathwayView(await service.create(request.principal, request.params.slug, request.body))));

    server.get('/api/v1/organisations/:slug/pathway-options', {
      schema: {
        tags,
        summary: 'What the organisation can build pathways from: its published micro-credentials, and others’ (here or harvested) to recognise as equivalent',
        params: orgParams,
        response: { 200: z.object({ own: z.array(optionView), elsewhere: z.array(optionView) }), ...problemResponses(400, 401, 403, 404) },
      },
    }, async (request) => {
      const options = await service.options(request.principal, request.params.slug);
      const strip = ({ organisationId: _o, ...rest }: z.infer<typeof optionView> & { organisationId?: string }) => rest;
      return { own: options.own.map(strip), elsewhere: options.elsewhere.map(strip) };
    });

    server.get('/api/v1/pathways/:id', {
      schema: { tags, summary: 'A pathway: its newest version you may see', params: idParams, response: { 200: pathwayView, ...problemResponses(400, 404) } },
    }, async (request) => toPathwayView(await service.get(request.principal, request.params.id)));

    server.put('/api/v1/pathways/:id', {
      schema: { tags, summary: 'Change the rules: edits the draft, or starts a new version when the newest is published (awards stand)', params: idParams, body: updatePathwayInput, response: one },
    }, async (request) => toPathwayView(await service.update(request.principal, request.params.id, request.body)));

    server.post('/api/v1/pathways/:id/publish', {
      schema: { tags, summary: 'Publish the draft version; learners who already qualify are awarded', params: idParams, response: one },
    }, async (request) => toPathwayView(await service.publish(request.principal, request.params.id)));

    server.get('/api/v1/me/pathways', {
      schema: { tags, summary: 'Every pathway your credentials count toward, with progress and what remains', response: { 200: z.object({ items: z.array(standingView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await progress.mine(request.principal)).map(toStandingView) }));

    server.get('/api/v1/me/pathways/:id/transcript', {
      schema: {
        tags,
        summary: 'The pathway credential (OB 3.0) and the signed CLR 2.0 transcript of an awarded pathway',
        params: idParams,
        response: { 200: z.object({ credential: json, transcript: json, awardedAt: z.iso.datetime() }), ...problemResponses(400, 401, 403, 404) },
      },
    }, async (request) => {
      const result = await progress.transcript(request.principal, request.params.id);
      return { ...result, awardedAt: result.awardedAt.toISOString() };
    });

    const documentParams = z.object({ orgSlug: slugSchema, pathwaySlug: achievementSlugSchema });
    const serveDocument = async (reply: { header(name: string, value: string): unknown; type(value: string): { send(body: string): unknown } }, document: Record<string, unknown>) => {
      reply.header('cache-control', 'public, max-age=300');
      return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(document));
    };
    server.get('/orgs/:orgSlug/pathways/:pathwaySlug/versions/:version', {
      schema: { tags: ['Public documents'], summary: "One published pathway version as an Open Badges 3.0 Achievement (JSON-LD), its constituents `related`", params: documentParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) }) },
    }, async (request, reply) => serveDocument(reply, await service.document(request.params.orgSlug, request.params.pathwaySlug, request.params.version)));
    server.get('/orgs/:orgSlug/pathways/:pathwaySlug', {
      schema: { tags: ['Public documents'], summary: 'The newest published pathway version as an Open Badges 3.0 Achievement', params: documentParams },
    }, async (request, reply) => serveDocument(reply, await service.document(request.params.orgSlug, request.params.pathwaySlug)));
  };
}
