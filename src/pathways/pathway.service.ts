import type { Kysely } from 'kysely';
import { organisationNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Principal } from '../accounts/principal.js';
import type { Database } from '../db/tables.js';
import { isUniqueViolation } from '../db/errors.js';
import { invalidInput } from '../errors.js';
import type { IssuableAchievement } from '../issuing/issuance.service.js';
import { recordEvent } from '../tracking/event-log.js';
import { authorizePathways, canReadDrafts } from './pathway.access.js';
import { constituentTargets, resolveDefinition, type ConstituentAchievement, type DefinitionContext } from './pathway-definition.js';
import { pathwayDocumentFor, pathwayUrl } from './pathway.document.js';
import { noPathwayDraft, pathwayDraftChanged, pathwayNotFound, pathwaySlugTaken } from './pathway.errors.js';
import type { PathwayOptionsRepository } from './pathway-options.repository.js';
import type { PathwayRecord, PathwayRepository, PathwayVersionRecord } from './pathway.repository.js';
import { createPathwayInput, updatePathwayInput, type CreatePathwayInput } from './pathway.schema.js';

export interface PathwayServiceDeps {
  db: Kysely<Database>;
  pathways: PathwayRepository;
  options: PathwayOptionsRepository;
  organisations: OrganisationsRepository;
  /** The catalogue's newest published version of an achievement (what issuance uses too). */
  issuableAchievement: (achievementId: string) => Promise<IssuableAchievement | undefined>;
  publicUrl: string;
  clock: () => Date;
  /** After a publish commits: evaluate the holders it queued. */
  evaluatePending?: () => void;
}

export interface PathwayView {
  pathway: PathwayRecord;
  /** The newest version the caller may see. */
  version: PathwayVersionRecord;
  /** The newest published version, if any: the one learners progress on. */
  published: PathwayVersionRecord | null;
  documentUrl: string | null;
}

/** Defining, versioning and publishing pathways; serving their Achievement documents. */
export function createPathwayService(deps: PathwayServiceDeps) {
  const { db, pathways, clock } = deps;

  const constituent = async (achievementId: string): Promise<ConstituentAchievement | undefined> => {
    const found = await deps.issuableAchievement(achievementId).catch(() => undefined);
    if (!found) return undefined;
    const credits = found.document.creditsAvailable;
    return { achievementId, organisationId: found.organisationId, title: String(found.document.name), credits: typeof credits === 'number' ? credits : null, documentUrl: String(found.document.id) };
  };
  const context = (organisationId: string): DefinitionContext => ({ organisationId, findAchievement: constituent, nameForUrl: (url) => deps.options.harvestedTitle(url) });

  const viewOf = async (principal: Principal, pathway: PathwayRecord): Promise<PathwayView | undefined> => {
    const versions = await pathways.versions(pathway.id);
    const published = versions.find((v) => v.status === 'published') ?? null;
    const version = canReadDrafts(principal, pathway.organisation.id) ? versions[0] : published;
    if (!version) return undefined;
    return { pathway, version, published, documentUrl: published ? pathwayUrl(deps.publicUrl, pathway.organisation.slug, pathway.slug, published.version) : null };
  };

  /** The pathway for someone who may change it; anyone else learns nothing (absent looks like forbidden). */
  const forManaging = async (principal: Principal, pathwayId: string) => {
    const pathway = await pathways.findById(pathwayId);
    const actor = authorizePathways(principal, 'pathways.manage', { organisationId: pathway?.organisation.id ?? '' });
    if (!pathway) throw pathwayNotFound();
    return { actor, pathway };
  };

  return {
    async create(principal: Principal, organisationSlug: string, raw: CreatePathwayInput): Promise<PathwayView> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      const actor = authorizePathways(principal, 'pathways.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      if (organisation.kind === 'employer') throw invalidInput('Employers do not issue credentials, so they cannot define pathways.');
      const input = createPathwayInput.parse(raw);
      const definition = await resolveDefinition(input.definition, context(organisation.id));
      try {
        const id = await db.transaction().execute(async (trx) => {
          const pathwayId = await pathways.insertPathway(trx, { organisationId: organisation.id, slug: input.slug });
          await pathways.insertDraft(trx, { pathwayId, version: 1, definition, createdBy: actor.person.id });
          await recordEvent(trx, { type: 'pathway.created', actorId: actor.person.id, organisationId: organisation.id, subjectType: 'pathway', subjectId: pathwayId, payload: { slug: input.slug } });
          return pathwayId;
        });
        return (await viewOf(principal, (await pathways.findById(id))!))!;
      } catch (error) {
        if (isUniqueViolation(error)) throw pathwaySlugTaken(input.slug);
        throw error;
      }
    },

    /** Replaces the draft's definition, or starts a new draft version when the newest is published. */
    async update(principal: Principal, pathwayId: string, raw: unknown): Promise<PathwayView> {
      const { actor, pathway } = await forManaging(principal, pathwayId);
      const input = updatePathwayInput.parse(raw);
      const definition = await resolveDefinition(input.definition, context(pathway.organisation.id));
      await db.transaction().execute(async (trx) => {
        const [newest] = await pathways.versions(pathway.id, trx);
        if (newest?.status === 'draft') await pathways.updateDraft(trx, newest.id, definition, clock());
        else await pathways.insertDraft(trx, { pathwayId: pathway.id, version: (newest?.version ?? 0) + 1, definition, createdBy: actor.person.id });
      });
      return (await viewOf(principal, pathway))!;
    },

    /**
     * Publishes the draft. Earlier versions stay published (their documents and awards stand); learners
     * progress on the newest. Holders of its constituents are queued for evaluation in the same transaction.
     */
    async publish(principal: Principal, pathwayId: string): Promise<PathwayView> {
      const { actor, pathway } = await forManaging(principal, pathwayId);
      const [draft] = await pathways.versions(pathway.id);
      if (draft?.status !== 'draft') throw noPathwayDraft();
      // Built once before publishing so a document the official schema rejects is never published. Before the
      // transaction: it reads the constituents through the pool, and inside a transaction on the embedded
      // database (one connection) that read waited for the statement timeout.
      await pathwayDocumentFor(deps, pathway, draft);
      await db.transaction().execute(async (trx) => {
        const [newest] = await pathways.versions(pathway.id, trx);
        if (newest?.status !== 'draft') throw noPathwayDraft();
        // The draft checked above is the one published: a change in between asks for a new attempt.
        if (newest.id !== draft.id || newest.updatedAt.getTime() !== draft.updatedAt.getTime()) throw pathwayDraftChanged();
        await pathways.publish(trx, newest, constituentTargets(newest.definition), clock());
        // The event first: it takes the event chain's lock, as issuance does before queueing, so the two never wait on each other crosswise.
        await recordEvent(trx, { type: 'pathway.published', actorId: actor.person.id, organisationId: pathway.organisation.id, subjectType: 'pathway', subjectId: pathway.id, payload: { version: newest.version, title: newest.definition.title } });
        await pathways.queueHoldersOf(trx, newest.id);
      });
      deps.evaluatePending?.();
      return (await viewOf(principal, pathway))!;
    },

    async get(principal: Principal, pathwayId: string): Promise<PathwayView> {
      const pathway = await pathways.findById(pathwayId);
      const view = pathway ? await viewOf(principal, pathway) : undefined;
      if (!view) throw pathwayNotFound();
      return view;
    },

    /** An organisation's pathways: published ones for everyone, drafts too for its admins. */
    async list(principal: Principal, organisationSlug: string): Promise<PathwayView[]> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      if (!organisation) throw organisationNotFound(organisationSlug);
      const views = await Promise.all((await pathways.listOfOrganisation(organisation.id)).map((p) => viewOf(principal, p)));
      return views.filter((v): v is PathwayView => v !== undefined);
    },

    /** What the organisation's admins can build pathways from. */
    async options(principal: Principal, organisationSlug: string) {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      authorizePathways(principal, 'pathways.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      const published = await deps.options.published();
      return {
        own: published.filter((p) => p.organisationId === organisation.id),
        elsewhere: [...published.filter((p) => p.organisationId !== organisation.id), ...(await deps.options.harvested())],
      };
    },

    /** One published version's OB 3.0 Achievement (the newest when no version is named). */
    async document(organisationSlug: string, slug: string, version?: number): Promise<Record<string, unknown>> {
      const pathway = await pathways.findBySlugs(organisationSlug, slug);
      const found = pathway ? (await pathways.versions(pathway.id)).find((v) => v.status !== 'draft' && (version === undefined || v.version === version)) : undefined;
      if (!pathway || !found) throw pathwayNotFound();
      return pathwayDocumentFor(deps, pathway, found);
    },
  };
}

export type PathwayService = ReturnType<typeof createPathwayService>;
