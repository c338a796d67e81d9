import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { storedDefinition } from './pathway-definition.js';
import type { StoredPathwayDefinition } from './pathway.schema.js';
import type { PathwayVersionStatus } from './pathway.tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PathwayOrganisation {
  id: string;
  slug: string;
  name: string;
  url: string | null;
  description: string | null;
}

export interface PathwayRecord {
  id: string;
  slug: string;
  organisation: PathwayOrganisation;
  createdAt: Date;
}

export interface PathwayVersionRecord {
  id: string;
  pathwayId: string;
  version: number;
  status: PathwayVersionStatus;
  definition: StoredPathwayDefinition;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export interface PathwayAwardRecord {
  id: string;
  pathwayVersionId: string;
  pathwayId: string;
  version: number;
  personId: string;
  credentialId: string;
  transcript: Record<string, unknown>;
  constituentCredentialIds: string[];
  awardedAt: Date;
}

const pathwayColumns = ['pathways.id', 'pathways.slug', 'pathways.created_at', 'organisations.id as organisation_id', 'organisations.slug as organisation_slug', 'organisations.name as organisation_name', 'organisations.url as organisation_url', 'organisations.description as organisation_description'] as const;

const selectPathways = (executor: Executor) => executor.selectFrom('pathways').innerJoin('organisations', 'organisations.id', 'pathways.organisation_id').select(pathwayColumns);

type PathwayRow = { id: string; slug: string; created_at: Date; organisation_id: string; organisation_slug: string; organisation_name: string; organisation_url: string | null; organisation_description: string | null };
const toPathway = (row: PathwayRow): PathwayRecord => ({
  id: row.id,
  slug: row.slug,
  createdAt: row.created_at,
  organisation: { id: row.organisation_id, slug: row.organisation_slug, name: row.organisation_name, url: row.organisation_url, description: row.organisation_description },
});

type VersionRow = { id: string; pathway_id: string; version: number; status: PathwayVersionStatus; definition: Record<string, unknown>; created_at: Date; updated_at: Date; published_at: Date | null };
const toVersion = (row: VersionRow): PathwayVersionRecord => ({
  id: row.id,
  pathwayId: row.pathway_id,
  version: row.version,
  status: row.status,
  definition: storedDefinition(row.definition),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  publishedAt: row.published_at,
});

export function createPathwayRepository(db: Kysely<Database>) {
  return {
    async findById(id: string, executor: Executor = db): Promise<PathwayRecord | undefined> {
      const row = await selectPathways(executor).where('pathways.id', '=', id).executeTakeFirst();
      return row ? toPathway(row) : undefined;
    },

    async findBySlugs(organisationSlug: string, slug: string): Promise<PathwayRecord | undefined> {
      const row = await selectPathways(db).where('organisations.slug', '=', organisationSlug).where('pathways.slug', '=', slug).executeTakeFirst();
      return row ? toPathway(row) : undefined;
    },

    async listOfOrganisation(organisationId: string): Promise<PathwayRecord[]> {
      return (await selectPathways(db).where('pathways.organisation_id', '=', organisationId).orderBy('pathways.created_at').execute()).map(toPathway);
    },

    /** Newest first. */
    async versions(pathwayId: string, executor: Executor = db): Promise<PathwayVersionRecord[]> {
      return (await executor.selectFrom('pathway_versions').selectAll().where('pathway_id', '=', pathwayId).orderBy('version', 'desc').execute()).map(toVersion);
    },

    async versionById(id: string): Promise<PathwayVersionRecord | undefined> {
      const row = await db.selectFrom('pathway_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    async insertPathway(trx: Transaction<Database>, values: { organisationId: string; slug: string }): Promise<string> {
      const row = await trx.insertInto('pathways').values({ organisation_id: values.organisationId, slug: values.slug }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async insertDraft(trx: Transaction<Database>, values: { pathwayId: string; version: number; definition: StoredPathwayDefinition; createdBy: string }): Promise<void> {
      await trx
        .insertInto('pathway_versions')
        .values({ pathway_id: values.pathwayId, version: values.version, status: 'draft', definition: JSON.stringify(values.definition), created_by: values.createdBy })
        .execute();
    },

    async updateDraft(trx: Transaction<Database>, versionId: string, definition: StoredPathwayDefinition, at: Date): Promise<void> {
      await trx.updateTable('pathway_versions').set({ definition: JSON.stringify(definition), updated_at: at }).where('id', '=', versionId).where('status', '=', 'draft').execute();
    },

    /** Publishes the draft and indexes what it accepts, in the caller's transaction. */
    async publish(trx: Transaction<Database>, version: PathwayVersionRecord, targets: Array<{ achievementId: string | null; achievementUrl: string | null }>, at: Date): Promise<void> {
      await trx.updateTable('pathway_versions').set({ status: 'published', published_at: at, updated_at: at }).where('id', '=', version.id).where('status', '=', 'draft').execute();
      if (targets.length > 0) {
        await trx.insertInto('pathway_constituents').values(targets.map((t) => ({ pathway_version_id: version.id, achievement_id: t.achievementId, achievement_url: t.achievementUrl }))).execute();
      }
    },

    /** Of these achievements, the ones some published pathway version counts: one indexed query. */
    async inAnyPathway(executor: Executor, achievementIds: string[]): Promise<Set<string>> {
      if (achievementIds.length === 0) return new Set();
      const rows = await executor.selectFrom('pathway_constituents').select('achievement_id').distinct().where('achievement_id', 'in', achievementIds).execute();
      return new Set(rows.flatMap((r) => (r.achievement_id ? [r.achievement_id] : [])));
    },

    /** Ids of pathways whose published versions accept any of these achievements or URLs. */
    async pathwaysAccepting(achievementIds: string[], achievementUrls: string[]): Promise<string[]> {
      if (achievementIds.length === 0 && achievementUrls.length === 0) return [];
      const rows = await db
        .selectFrom('pathway_constituents')
        .innerJoin('pathway_versions', 'pathway_versions.id', 'pathway_constituents.pathway_version_id')
        .select('pathway_versions.pathway_id')
        .distinct()
        .where((eb) =>
          eb.or([
            ...(achievementIds.length > 0 ? [eb('pathway_constituents.achievement_id', 'in', achievementIds)] : []),
            ...(achievementUrls.length > 0 ? [eb('pathway_constituents.achievement_url', 'in', achievementUrls)] : []),
          ]),
        )
        .execute();
      return rows.map((r) => r.pathway_id);
    },

    async queueEvaluations(executor: Executor, personIds: string[]): Promise<void> {
      if (personIds.length === 0) return;
      await executor.insertInto('pathway_pending_evaluations').values([...new Set(personIds)].map((person_id) => ({ person_id }))).onConflict((oc) => oc.column('person_id').doUpdateSet({ queued_at: new Date() })).execute();
    },

    /** Queues everyone holding an active credential a newly published version counts. */
    async queueHoldersOf(trx: Transaction<Database>, versionId: string): Promise<void> {
      await trx
        .insertInto('pathway_pending_evaluations')
        .columns(['person_id'])
        .expression((eb) =>
          eb
            .selectFrom('issued_credentials')
            .select('issued_credentials.recipient_person_id as person_id')
            .distinct()
            .where('issued_credentials.status', '=', 'active')
            .where('issued_credentials.recipient_person_id', 'is not', null)
            .where('issued_credentials.achievement_id', 'in', eb.selectFrom('pathway_constituents').select('achievement_id').where('pathway_version_id', '=', versionId).where('achievement_id', 'is not', null)),
        )
        .onConflict((oc) => oc.column('person_id').doNothing())
        .execute();
    },

    async pendingEvaluations(limit: number): Promise<Array<{ personId: string; queuedAt: Date }>> {
      const rows = await db.selectFrom('pathway_pending_evaluations').selectAll().orderBy('queued_at').limit(limit).execute();
      return rows.map((r) => ({ personId: r.person_id, queuedAt: r.queued_at }));
    },

    /** Removes the entry unless it was queued again after the evaluation started. */
    async evaluated(personId: string, queuedAt: Date): Promise<void> {
      // Compared at the millisecond precision the entry was read with (PostgreSQL keeps microseconds).
      await db.deleteFrom('pathway_pending_evaluations').where('person_id', '=', personId).where(sql<Date>`date_trunc('milliseconds', queued_at)`, '<=', queuedAt).execute();
    },

    async insertAward(trx: Transaction<Database>, award: Omit<PathwayAwardRecord, 'id' | 'pathwayId' | 'version'>): Promise<string> {
      const row = await trx
        .insertInto('pathway_awards')
        .values({
          pathway_version_id: award.pathwayVersionId,
          person_id: award.personId,
          credential_id: award.credentialId,
          transcript: JSON.stringify(award.transcript),
          constituent_credential_ids: award.constituentCredentialIds,
          awarded_at: award.awardedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async awardsOf(personId: string, pathwayId?: string): Promise<PathwayAwardRecord[]> {
      let query = db
        .selectFrom('pathway_awards')
        .innerJoin('pathway_versions', 'pathway_versions.id', 'pathway_awards.pathway_version_id')
        .selectAll('pathway_awards')
        .select(['pathway_versions.pathway_id', 'pathway_versions.version'])
        .where('pathway_awards.person_id', '=', personId);
      if (pathwayId) query = query.where('pathway_versions.pathway_id', '=', pathwayId);
      const rows = await query.orderBy('pathway_awards.awarded_at').execute();
      return rows.map((r) => ({
        id: r.id,
        pathwayVersionId: r.pathway_version_id,
        pathwayId: r.pathway_id,
        version: r.version,
        personId: r.person_id,
        credentialId: r.credential_id,
        transcript: r.transcript,
        constituentCredentialIds: r.constituent_credential_ids,
        awardedAt: r.awarded_at,
      }));
    },

    async awardCount(pathwayId: string): Promise<number> {
      const row = await db
        .selectFrom('pathway_awards')
        .innerJoin('pathway_versions', 'pathway_versions.id', 'pathway_awards.pathway_version_id')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('pathway_versions.pathway_id', '=', pathwayId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

export type PathwayRepository = ReturnType<typeof createPathwayRepository>;
