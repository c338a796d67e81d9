import type { Kysely, Transaction } from 'kysely';
import { organisationNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Principal } from '../accounts/principal.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Database } from '../db/tables.js';
import { recordEvent } from '../tracking/event-log.js';
import { authorizeCatalog, mayCatalog } from './achievement.access.js';
import { achievementUrl, buildCheckedAchievementDocument } from './achievement.document.js';
import {
  achievementNotFound,
  achievementSlugTaken,
  checklistFailed,
  definitionInvalid,
  draftExists,
  noDraft,
  nothingToRetire,
  versionImmutable,
  versionNotFound,
} from './achievement.errors.js';
import { renderAchievementPage } from './achievement.page.js';
import type { AchievementRecord, AchievementRepository, AchievementVersionRecord, Visibility } from './achievement.repository.js';
import { createAchievementInput, updateDraftInput, type AchievementDefinition } from './achievement.schema.js';
import { checkEscoUris, parseDefinitionInput, pastCohortIssues, type KnownEscoUris } from './achievement.validation.js';
import { blockingItems, buildChecklist, type Checklist } from './checklist.js';
import { checklistPreviewInput } from './checklist-preview.schema.js';

export interface AchievementServiceDeps {
  db: Kysely<Database>;
  achievements: AchievementRepository;
  organisations: Pick<OrganisationsRepository, 'findBySlug'>;
  /** Null until an ESCO classification is wired: URIs are then only format-checked. */
  knownEscoUris: KnownEscoUris | null;
  /** Endorsements by industry partners, for the checklist; none until endorsements exist. */
  endorsementsCount?: (achievementId: string) => Promise<number>;
  /** The public catalogue's search index, refreshed in the same transaction as a publish or retire. */
  searchIndex?: { refresh(trx: Transaction<Database>, achievementId: string): Promise<void> };
  clock: () => Date;
  publicUrl: string;
}

/** An achievement as a caller sees it: its newest version they may see, with that version's checklist. */
export interface AchievementView {
  achievement: AchievementRecord;
  version: AchievementVersionRecord;
  checklist: Checklist;
  /** The OB 3.0 Achievement URL of this version; null for drafts, which have none yet. */
  documentUrl: string | null;
}

const DEFINITION_PATH = 'definition.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Micro-credential definitions: drafts, publishing, new versions, retiring, and their public documents. */
export function createAchievementService(deps: AchievementServiceDeps) {
  const { db, achievements, clock, publicUrl } = deps;
  const endorsementsCount = deps.endorsementsCount ?? (async () => 0);

  const findAchievement = async (id: string, trx?: Transaction<Database>): Promise<AchievementRecord | undefined> =>
    UUID.test(id) ? achievements.findById(id, trx, { lock: trx !== undefined }) : undefined;

  const checklistWith = (issuer: Pick<OrganisationRecord, 'name' | 'kind'>, definition: AchievementDefinition, endorsements: number): Checklist =>
    buildChecklist(definition, { issuer: { name: issuer.name, kind: issuer.kind }, endorsementsCount: endorsements });
  const checklistOf = async (achievement: AchievementRecord, definition: AchievementDefinition): Promise<Checklist> =>
    checklistWith(achievement.organisation, definition, await endorsementsCount(achievement.id));

  const view = async (achievement: AchievementRecord, version: AchievementVersionRecord): Promise<AchievementView> => ({
    achievement,
    version,
    checklist: await checklistOf(achievement, version.definition),
    documentUrl: version.status === 'draft' ? null : achievementUrl(publicUrl, achievement.organisation.slug, achievement.slug, version.version),
  });

  const visibilityFor = (principal: Principal, achievement: { organisation: { id: string } }): Visibility =>
    mayCatalog(principal, 'achievement.read_drafts', { organisationId: achievement.organisation.id }) ? 'all' : 'public';

  /** The achievement and its newest version the caller may see; a draft-only achievement looks absent to outsiders. */
  const readable = async (principal: Principal, id: string): Promise<{ achievement: AchievementRecord; versions: AchievementVersionRecord[] }> => {
    const achievement = await findAchievement(id);
    if (!achievement) throw achievementNotFound();
    const versions = await achievements.versions(achievement.id, visibilityFor(principal, achievement));
    if (versions.length === 0) throw achievementNotFound();
    return { achievement, versions };
  };

  type WriteContext = { trx: Transaction<Database>; actorId: string; achievement: AchievementRecord; latest: AchievementVersionRecord };
  /**
   * Authorises a write first, runs `prepare` (checks that do their own I/O, such as the ESCO lookup: on the
   * embedded database a query outside the transaction would wait for the transaction's connection), then
   * `work` in a transaction holding the achievement's row lock, and presents the result after commit.
   */
  const write = async (principal: Principal, id: string, work: (ctx: WriteContext) => Promise<AchievementVersionRecord>, prepare?: (achievement: AchievementRecord) => Promise<void>): Promise<AchievementView> => {
    const found = await findAchievement(id);
    const actor = authorizeCatalog(principal, 'achievement.write', { organisationId: found?.organisation.id ?? '' });
    if (!found) throw achievementNotFound();
    await prepare?.(found);
    const version = await db.transaction().execute(async (trx) => {
      const achievement = (await findAchievement(id, trx))!;
      const [latest] = await achievements.versions(achievement.id, 'all', trx);
      return work({ trx, actorId: actor.person.id, achievement, latest: latest! });
    });
    return view(found, version);
  };

  const event = (trx: Transaction<Database>, type: string, actorId: string, achievement: AchievementRecord, payload: Record<string, unknown>) =>
    recordEvent(trx, { type, actorId, organisationId: achievement.organisation.id, subjectType: 'achievement', subjectId: achievement.id, payload: { slug: achievement.slug, ...payload } });

  const refusePastCohorts = (definition: AchievementDefinition, previous: AchievementDefinition | undefined): void => {
    const issues = pastCohortIssues(definition, previous, clock().toISOString().slice(0, 10), DEFINITION_PATH);
    if (issues.length > 0) throw definitionInvalid(issues);
  };
  const checkEsco = (definition: AchievementDefinition) => checkEscoUris(definition, deps.knownEscoUris, DEFINITION_PATH);

  const publicVersion = async (organisationSlug: string, achievementSlug: string, version?: number) => {
    const achievement = await achievements.findBySlugs(organisationSlug, achievementSlug);
    if (!achievement) throw achievementNotFound();
    const found = version === undefined ? (await achievements.versions(achievement.id, 'public'))[0] : await achievements.version(achievement.id, version, 'public');
    if (!found) throw version === undefined ? achievementNotFound() : versionNotFound(version);
    return { achievement, version: found };
  };

  const get = async (principal: Principal, id: string): Promise<AchievementView> => {
    const { achievement, versions } = await readable(principal, id);
    return view(achievement, versions[0]!);
  };

  return {
    get,

    /** An organisation's achievements; its admins and assessors also see drafts. */
    async list(principal: Principal, organisationSlug: string): Promise<{ organisation: OrganisationRecord; items: AchievementView[] }> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      if (!organisation) throw organisationNotFound(organisationSlug);
      const rows = await achievements.listLatest(organisation.id, visibilityFor(principal, { organisation }));
      return { organisation, items: await Promise.all(rows.map((row) => view(row.achievement, row.version))) };
    },

    async create(principal: Principal, organisationSlug: string, raw: unknown): Promise<AchievementView> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      const actor = authorizeCatalog(principal, 'achievement.write', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      const input = parseDefinitionInput(createAchievementInput, raw);
      const { definition } = input;
      refusePastCohorts(definition, undefined);
      await checkEsco(definition);
      try {
        const id = await db.transaction().execute(async (trx) => {
          const achievementId = await achievements.insertAchievement(trx, { organisationId: organisation.id, slug: input.slug });
          await achievements.insertDraft(trx, { achievementId, version: 1, definition, createdBy: actor.person.id });
          await recordEvent(trx, { type: 'achievement.draft_created', actorId: actor.person.id, organisationId: organisation.id, subjectType: 'achievement', subjectId: achievementId, payload: { slug: input.slug, version: 1 } });
          return achievementId;
        });
        return await get(principal, id);
      } catch (error) {
        if (isUniqueViolation(error)) throw achievementSlugTaken(input.slug);
        throw error;
      }
    },

    async versions(principal: Principal, id: string): Promise<{ achievement: AchievementRecord; versions: Array<AchievementVersionRecord & { documentUrl: string | null }> }> {
      const { achievement, versions } = await readable(principal, id);
      const withUrl = versions.map((v) => ({ ...v, documentUrl: v.status === 'draft' ? null : achievementUrl(publicUrl, achievement.organisation.slug, achievement.slug, v.version) }));
      return { achievement, versions: withUrl };
    },

    async checklist(principal: Principal, id: string): Promise<{ achievement: AchievementRecord; version: AchievementVersionRecord; checklist: Checklist }> {
      const { achievement, versions } = await readable(principal, id);
      return { achievement, version: versions[0]!, checklist: await checklistOf(achievement, versions[0]!.definition) };
    },

    /**
     * The checklist a definition would get, without saving it: the editor shows it live while the issuer
     * writes. `achievementId` (one of this organisation's) counts that achievement's endorsements.
     */
    async previewChecklist(principal: Principal, organisationSlug: string, raw: unknown): Promise<Checklist> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      authorizeCatalog(principal, 'achievement.write', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      const { definition, achievementId } = parseDefinitionInput(checklistPreviewInput, raw);
      const achievement = achievementId === undefined ? undefined : await findAchievement(achievementId);
      if (achievementId !== undefined && achievement?.organisation.id !== organisation.id) throw achievementNotFound();
      const endorsements = achievement ? await endorsementsCount(achievement.id) : 0;
      return checklistWith(organisation, definition, endorsements);
    },

    /** Replaces the draft's definition. Published and retired versions never change. */
    async updateDraft(principal: Principal, id: string, raw: unknown): Promise<AchievementView> {
      let definition: AchievementDefinition | undefined;
      const prepare = async () => {
        definition = parseDefinitionInput(updateDraftInput, raw).definition;
        await checkEsco(definition);
      };
      return write(principal, id, async ({ trx, actorId, achievement, latest }) => {
        if (latest.status !== 'draft') throw versionImmutable(latest.version, latest.status);
        refusePastCohorts(definition!, latest.definition);
        const updated = await achievements.updateDraft(trx, { achievementId: achievement.id, version: latest.version }, definition!, clock());
        if (!updated) throw versionImmutable(latest.version, 'no longer a draft');
        await event(trx, 'achievement.draft_updated', actorId, achievement, { version: latest.version });
        return updated;
      }, prepare);
    },

    /** Publishes the draft, if no essential checklist element is missing; the version is immutable from then on. */
    async publish(principal: Principal, id: string): Promise<AchievementView> {
      // The ESCO classification may have changed since the draft was saved; every later edit is checked too.
      let endorsements = 0;
      const prepare = async (achievement: AchievementRecord) => {
        const [latest] = await achievements.versions(achievement.id, 'all');
        if (latest?.status === 'draft') await checkEsco(latest.definition);
        endorsements = await endorsementsCount(achievement.id);
      };
      return write(principal, id, async ({ trx, actorId, achievement, latest }) => {
        if (latest.status !== 'draft') throw noDraft();
        const missing = blockingItems(checklistWith(achievement.organisation, latest.definition, endorsements));
        if (missing.length > 0) throw checklistFailed(missing);
        // Refuse before committing a version whose public document the official schema would reject.
        buildCheckedAchievementDocument({ publicUrl, organisation: achievement.organisation, achievementSlug: achievement.slug, version: latest.version, definition: latest.definition });
        const published = (await achievements.publish(trx, { achievementId: achievement.id, version: latest.version }, clock()))!;
        await event(trx, 'achievement.published', actorId, achievement, { version: latest.version });
        await deps.searchIndex?.refresh(trx, achievement.id);
        return published;
      }, prepare);
    },

    /** Starts the next version as a draft copy of the newest one; earlier versions keep what they say. */
    async newVersion(principal: Principal, id: string): Promise<AchievementView> {
      return write(principal, id, async ({ trx, actorId, achievement, latest }) => {
        if (latest.status === 'draft') throw draftExists(latest.version);
        const draft = await achievements.insertDraft(trx, { achievementId: achievement.id, version: latest.version + 1, definition: latest.definition, createdBy: actorId });
        await event(trx, 'achievement.draft_created', actorId, achievement, { version: draft.version, from: latest.version });
        return draft;
      });
    },

    /** Withdraws every published version from offer; their documents stay online for the credentials issued. */
    async retire(principal: Principal, id: string): Promise<AchievementView> {
      return write(principal, id, async ({ trx, actorId, achievement }) => {
        const retired = await achievements.retirePublished(trx, achievement.id, clock());
        if (retired.length === 0) throw nothingToRetire();
        await event(trx, 'achievement.retired', actorId, achievement, { versions: retired });
        await deps.searchIndex?.refresh(trx, achievement.id);
        const [latest] = await achievements.versions(achievement.id, 'all', trx);
        return latest!;
      });
    },

    /** Public: the OB 3.0 Achievement of a published (or retired) version; the newest one without `version`. */
    async document(organisationSlug: string, achievementSlug: string, version?: number): Promise<Record<string, unknown>> {
      const found = await publicVersion(organisationSlug, achievementSlug, version);
      return buildCheckedAchievementDocument({ publicUrl, organisation: found.achievement.organisation, achievementSlug, version: found.version.version, definition: found.version.definition });
    },

    /** Public: the same version as a page for people. */
    async page(organisationSlug: string, achievementSlug: string, version?: number): Promise<string> {
      const { achievement, version: v } = await publicVersion(organisationSlug, achievementSlug, version);
      return renderAchievementPage({ publicUrl, organisation: achievement.organisation, achievementSlug, version: v.version, status: v.status, publishedAt: v.publishedAt, definition: v.definition });
    },
  };
}

export type AchievementService = ReturnType<typeof createAchievementService>;
