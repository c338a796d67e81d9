import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import { achievementSlugSchema, createAchievementInput, updateDraftInput } from '../../catalog/achievement.schema.js';
import type { AchievementService } from '../../catalog/achievement.service.js';
import { checklistPreviewInput } from '../../catalog/checklist-preview.schema.js';
import { problemResponses } from '../openapi.js';
import * as views from './catalog.views.js';

export interface CatalogRouteDeps {
  achievements: AchievementService;
}

type Representation = 'json' | 'ld+json' | 'html';

/**
 * Picks JSON or HTML from the Accept header (RFC 9110 §12.5.1, quality values). Browsers list text/html
 * explicitly and everything else at a lower q, so they get the page; `*\/*` alone (curl, verifiers) and
 * ties get JSON, the representation credentials point at.
 */
export function preferredRepresentation(accept: string | undefined): Representation {
  const ranges = (accept ?? '*/*').split(',').map((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { range: range.trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
  });
  const quality = (type: string): { q: number; explicit: boolean } => {
    const [main] = type.split('/');
    const exact = ranges.find((r) => r.range === type);
    if (exact) return { q: exact.q, explicit: true };
    const wildcard = ranges.find((r) => r.range === `${main}/*`) ?? ranges.find((r) => r.range === '*/*');
    return { q: wildcard?.q ?? 0, explicit: false };
  };
  const html = quality('text/html');
  const ld = quality('application/ld+json');
  const json = quality('application/json');
  const best = Math.max(ld.q, json.q);
  if (html.q > best || (html.q === best && html.q > 0 && html.explicit && !ld.explicit && !json.explicit)) return 'html';
  return ld.explicit && ld.q >= json.q ? 'ld+json' : 'json';
}

/** Micro-credential definitions: the authoring API and the public Achievement documents. */
export function catalogRoutes(deps: CatalogRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const { achievements } = deps;
    const tags = ['Catalogue'];
    const idParams = z.object({ id: z.uuid() });
    const one = { 200: views.achievementView, ...problemResponses(400, 401, 403, 404, 409, 422) };

    server.get('/api/v1/organisations/:slug/achievements', {
      schema: { tags, summary: "An organisation's micro-credentials (drafts too for its admins and assessors)", params: z.object({ slug: slugSchema }), response: { 200: z.object({ items: z.array(views.achievementView) }), ...problemResponses(400, 404) } },
    }, async (request) => ({ items: (await achievements.list(request.principal, request.params.slug)).items.map(views.toAchievementView) }));

    server.post('/api/v1/organisations/:slug/achievements', {
      schema: { tags, summary: 'Create a micro-credential as a draft (organisation admins)', params: z.object({ slug: slugSchema }), body: createAchievementInput, response: { 201: views.achievementView, ...problemResponses(400, 401, 403, 404, 409, 422) } },
    }, async (request, reply) => reply.status(201).send(views.toAchievementView(await achievements.create(request.principal, request.params.slug, request.body))));

    server.post('/api/v1/organisations/:slug/achievements/checklist-preview', {
      schema: { tags, summary: 'The quality checklist a definition would get, without saving it (organisation admins; the editor shows it live)', params: z.object({ slug: slugSchema }), body: checklistPreviewInput, response: { 200: z.object({ checklist: views.checklistView }), ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => ({ checklist: views.toChecklistView(await achievements.previewChecklist(request.principal, request.params.slug, request.body)) }));

    server.get('/api/v1/achievements/:id', {
      schema: { tags, summary: 'A micro-credential: its newest version you may see, with its quality checklist', params: idParams, response: { 200: views.achievementView, ...problemResponses(400, 404) } },
    }, async (request) => views.toAchievementView(await achievements.get(request.principal, request.params.id)));

    server.put('/api/v1/achievements/:id', {
      schema: { tags, summary: 'Replace the draft version’s definition (published versions never change)', params: idParams, body: updateDraftInput, response: one },
    }, async (request) => views.toAchievementView(await achievements.updateDraft(request.principal, request.params.id, request.body)));

    server.post('/api/v1/achievements/:id/publish', {
      schema: { tags, summary: 'Publish the draft; 422 catalog.checklist_failed lists missing essential elements', params: idParams, response: one },
    }, async (request) => views.toAchievementView(await achievements.publish(request.principal, request.params.id)));

    server.get('/api/v1/achievements/:id/versions', {
      schema: { tags, summary: 'Every version you may see, newest first', params: idParams, response: { 200: z.object({ items: z.array(views.versionView) }), ...problemResponses(400, 404) } },
    }, async (request) => ({ items: (await achievements.versions(request.principal, request.params.id)).versions.map((v) => views.toVersionView(v, v.documentUrl)) }));

    server.post('/api/v1/achievements/:id/versions', {
      schema: { tags, summary: 'Start a new draft version from the newest version', params: idParams, response: { ...one, 201: views.achievementView } },
    }, async (request, reply) => reply.status(201).send(views.toAchievementView(await achievements.newVersion(request.principal, request.params.id))));

    server.post('/api/v1/achievements/:id/retire', {
      schema: { tags, summary: 'Retire every published version (their documents stay online)', params: idParams, response: one },
    }, async (request) => views.toAchievementView(await achievements.retire(request.principal, request.params.id)));

    server.get('/api/v1/achievements/:id/checklist', {
      schema: { tags, summary: 'The quality checklist of the newest version you may see', params: idParams, response: { 200: z.object({ achievementId: z.uuid(), version: z.number().int(), checklist: views.checklistView }), ...problemResponses(400, 404) } },
    }, async (request) => {
      const result = await achievements.checklist(request.principal, request.params.id);
      return { achievementId: result.achievement.id, version: result.version.version, checklist: views.toChecklistView(result.checklist) };
    });

    const documentTags = ['Public documents'];
    const serve = async (request: FastifyRequest, reply: FastifyReply, params: { orgSlug: string; achievementSlug: string; version?: number }) => {
      const representation = preferredRepresentation(request.headers.accept);
      reply.header('vary', 'Accept').header('cache-control', 'public, max-age=300');
      if (representation === 'html') return reply.type('text/html; charset=utf-8').send(await achievements.page(params.orgSlug, params.achievementSlug, params.version));
      const document = await achievements.document(params.orgSlug, params.achievementSlug, params.version);
      return reply.type(`application/${representation}; charset=utf-8`).send(JSON.stringify(document));
    };
    const documentParams = z.object({ orgSlug: slugSchema, achievementSlug: achievementSlugSchema });

    server.get('/orgs/:orgSlug/achievements/:achievementSlug/versions/:version', {
      schema: { tags: documentTags, summary: 'One published version as an Open Badges 3.0 Achievement (JSON-LD), or a page for people (text/html)', params: documentParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) }) },
    }, async (request, reply) => serve(request, reply, request.params));

    server.get('/orgs/:orgSlug/achievements/:achievementSlug', {
      schema: { tags: documentTags, summary: 'The newest published version as an Open Badges 3.0 Achievement, or a page for people', params: documentParams },
    }, async (request, reply) => serve(request, reply, request.params));
  };
}
