import type { Kysely, Transaction } from 'kysely';
import type { OrganisationKind } from '../accounts/accounts.tables.js';
import type { Database } from '../db/tables.js';
import type { AchievementDefinition } from './achievement.schema.js';
import type { AchievementVersionStatus } from './achievement.tables.js';

export interface AchievementOrganisation {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  url: string | null;
  description: string | null;
}

export interface AchievementRecord {
  id: string;
  slug: string;
  organisation: AchievementOrganisation;
  createdAt: Date;
}

export interface AchievementVersionRecord {
  achievementId: string;
  version: number;
  status: AchievementVersionStatus;
  definition: AchievementDefinition;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

/** Which versions a caller may see: everything, or only what was published (including later retired). */
export type Visibility = 'all' | 'public';
const PUBLIC_STATUSES: AchievementVersionStatus[] = ['published', 'retired'];

type Executor = Kysely<Database> | Transaction<Database>;

const achievementQuery = (db: Executor) =>
  db
    .selectFrom('achievements as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.slug', 'a.created_at', 'o.id as org_id', 'o.slug as org_slug', 'o.name as org_name', 'o.kind as org_kind', 'o.url as org_url', 'o.description as org_description']);

type AchievementRow = Awaited<ReturnType<ReturnType<typeof achievementQuery>['executeTakeFirstOrThrow']>>;

const toAchievement = (row: AchievementRow): AchievementRecord => ({
  id: row.id,
  slug: row.slug,
  createdAt: row.created_at,
  organisation: { id: row.org_id, slug: row.org_slug, name: row.org_name, kind: row.org_kind, url: row.org_url, description: row.org_description },
});

const versionColumns = ['achievement_id', 'version', 'status', 'definition', 'created_by', 'created_at', 'updated_at', 'published_at', 'retired_at'] as const;

const toVersion = (row: {
  achievement_id: string;
  version: number;
  status: AchievementVersionStatus;
  definition: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  retired_at: Date | null;
}): AchievementVersionRecord => ({
  achievementId: row.achievement_id,
  version: row.version,
  status: row.status,
  // Validated when written (see achievement.schema.ts for why it is not re-validated here).
  definition: row.definition as AchievementDefinition,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  publishedAt: row.published_at,
  retiredAt: row.retired_at,
});

export function createAchievementRepository(db: Kysely<Database>) {
  return {
    async findById(id: string, executor: Executor = db, options: { lock?: boolean } = {}): Promise<AchievementRecord | undefined> {
      let query = achievementQuery(executor).where('a.id', '=', id);
      // Serialises version changes of one achievement (publish, new version, retire) without blocking reads.
      if (options.lock) query = query.forUpdate('a');
      const row = await query.executeTakeFirst();
      return row && toAchievement(row);
    },

    async findBySlugs(organisationSlug: string, achievementSlug: string): Promise<AchievementRecord | undefined> {
      const row = await achievementQuery(db).where('o.slug', '=', organisationSlug).where('a.slug', '=', achievementSlug).executeTakeFirst();
      return row && toAchievement(row);
    },

    /** Newest first. */
    async versions(achievementId: string, visibility: Visibility, executor: Executor = db): Promise<AchievementVersionRecord[]> {
      let query = executor.selectFrom('achievement_versions').select(versionColumns).where('achievement_id', '=', achievementId);
      if (visibility === 'public') query = query.where('status', 'in', PUBLIC_STATUSES);
      return (await query.orderBy('version', 'desc').execute()).map(toVersion);
    },

    async version(achievementId: string, version: number, visibility: Visibility): Promise<AchievementVersionRecord | undefined> {
      let query = db.selectFrom('achievement_versions').select(versionColumns).where('achievement_id', '=', achievementId).where('version', '=', version);
      if (visibility === 'public') query = query.where('status', 'in', PUBLIC_STATUSES);
      const row = await query.executeTakeFirst();
      return row && toVersion(row);
    },

    /** Each achievement of an organisation with its newest version the caller may see; achievements with none are left out. */
    async listLatest(organisationId: string, visibility: Visibility): Promise<Array<{ achievement: AchievementRecord; version: AchievementVersionRecord }>> {
      const statuses: AchievementVersionStatus[] = visibility === 'public' ? PUBLIC_STATUSES : ['draft', ...PUBLIC_STATUSES];
      const rows = await achievementQuery(db)
        .innerJoin('achievement_versions as v', 'v.achievement_id', 'a.id')
        .select(['v.achievement_id', 'v.version', 'v.status', 'v.definition', 'v.created_by', 'v.created_at as version_created_at', 'v.updated_at', 'v.published_at', 'v.retired_at'])
        .where('a.organisation_id', '=', organisationId)
        .where('v.status', 'in', statuses)
        .where('v.version', '=', (eb) =>
          eb.selectFrom('achievement_versions as w').select((w) => w.fn.max('w.version').as('latest')).whereRef('w.achievement_id', '=', 'a.id').where('w.status', 'in', statuses),
        )
        .orderBy('a.slug')
        .execute();
      return rows.map((row) => ({ achievement: toAchievement(row), version: toVersion({ ...row, created_at: row.version_created_at }) }));
    },

    async insertAchievement(trx: Transaction<Database>, values: { organisationId: string; slug: string }): Promise<string> {
      const row = await trx.insertInto('achievements').values({ organisation_id: values.organisationId, slug: values.slug }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async insertDraft(trx: Transaction<Database>, values: { achievementId: string; version: number; definition: AchievementDefinition; createdBy: string }): Promise<AchievementVersionRecord> {
      const row = await trx
        .insertInto('achievement_versions')
        .values({ achievement_id: values.achievementId, version: values.version, status: 'draft', definition: JSON.stringify(values.definition), created_by: values.createdBy })
        .returning(versionColumns)
        .executeTakeFirstOrThrow();
      return toVersion(row);
    },

    /** Replaces a draft's definition; undefined when that version is no longer a draft. */
    async updateDraft(trx: Transaction<Database>, key: { achievementId: string; version: number }, definition: AchievementDefinition, at: Date): Promise<AchievementVersionRecord | undefined> {
      const row = await trx
        .updateTable('achievement_versions')
        .set({ definition: JSON.stringify(definition), updated_at: at })
        .where('achievement_id', '=', key.achievementId)
        .where('version', '=', key.version)
        .where('status', '=', 'draft')
        .returning(versionColumns)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    async publish(trx: Transaction<Database>, key: { achievementId: string; version: number }, at: Date): Promise<AchievementVersionRecord | undefined> {
      const row = await trx
        .updateTable('achievement_versions')
        .set({ status: 'published', published_at: at, updated_at: at })
        .where('achievement_id', '=', key.achievementId)
        .where('version', '=', key.version)
        .where('status', '=', 'draft')
        .returning(versionColumns)
        .executeTakeFirst();
      return row && toVersion(row);
    },

    /** Retires every published version; returns their numbers. */
    async retirePublished(trx: Transaction<Database>, achievementId: string, at: Date): Promise<number[]> {
      const rows = await trx
        .updateTable('achievement_versions')
        .set({ status: 'retired', retired_at: at, updated_at: at })
        .where('achievement_id', '=', achievementId)
        .where('status', '=', 'published')
        .returning('version')
        .execute();
      return rows.map((row) => row.version).sort((a, b) => a - b);
    },
  };
}

export type AchievementRepository = ReturnType<typeof createAchievementRepository>;
