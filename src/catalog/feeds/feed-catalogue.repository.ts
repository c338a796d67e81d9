import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { AchievementOrganisation } from '../achievement.repository.js';
import type { AchievementDefinition } from '../achievement.schema.js';

/** One entry of this instance's catalogue feed: an achievement with its newest published or retired version. */
export interface FeedEntryRow {
  achievementId: string;
  achievementSlug: string;
  organisation: AchievementOrganisation & { issuerDidMethod: 'web' | 'key' };
  version: number;
  status: 'published' | 'retired';
  definition: AchievementDefinition;
  changedAt: Date;
  /** When the organisation last changed (its name and DID method are in the item too). */
  organisationChangedAt: Date;
  /** changedAt with PostgreSQL's microseconds, for the keyset cursor (a JS Date keeps milliseconds only). */
  changedKey: string;
}

/** Where a page starts: after this (changed_at, achievement id), newest first. */
export interface FeedCursor {
  changedKey: string;
  achievementId: string;
}

const PUBLIC = ['published', 'retired'] as const;

export function createFeedCatalogueRepository(db: Kysely<Database>) {
  return {
    /**
     * When any organisation last changed: a rename or a new DID method changes every item of that
     * organisation, on whichever page, without touching its versions' dates.
     */
    async organisationsChangedAt(): Promise<Date | null> {
      const row = await db.selectFrom('organisations').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst();
      return row?.at ? new Date(row.at) : null;
    },

    /** Newest change first; `limit + 1` rows are asked for so the caller knows whether a next page exists. */
    async page(cursor: FeedCursor | undefined, limit: number): Promise<FeedEntryRow[]> {
      let query = db
        .selectFrom('achievements as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .innerJoin('achievement_versions as v', 'v.achievement_id', 'a.id')
        .select(['a.id', 'a.slug', 'o.id as org_id', 'o.slug as org_slug', 'o.name as org_name', 'o.kind as org_kind', 'o.url as org_url', 'o.description as org_description', 'o.issuer_did_method', 'o.updated_at as org_updated_at'])
        .select(['v.version', 'v.status', 'v.definition', 'v.updated_at'])
        .select(sql<string>`to_char(v.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('changed_key'))
        .where('v.status', 'in', [...PUBLIC])
        // Employers hold no signing keys (issuer-keys.service.ts), so nothing of theirs could be signed.
        .where('o.kind', '<>', 'employer')
        .where('v.version', '=', (eb) =>
          eb.selectFrom('achievement_versions as w').select((w) => w.fn.max('w.version').as('latest')).whereRef('w.achievement_id', '=', 'a.id').where('w.status', 'in', [...PUBLIC]),
        );
      if (cursor) query = query.where(sql<boolean>`(v.updated_at, a.id) < (${cursor.changedKey}::timestamptz, ${cursor.achievementId}::uuid)`);
      const rows = await query.orderBy('v.updated_at', 'desc').orderBy('a.id', 'desc').limit(limit + 1).execute();
      return rows.map((row) => ({
        achievementId: row.id,
        achievementSlug: row.slug,
        organisation: { id: row.org_id, slug: row.org_slug, name: row.org_name, kind: row.org_kind, url: row.org_url, description: row.org_description, issuerDidMethod: row.issuer_did_method },
        version: row.version,
        status: row.status as FeedEntryRow['status'],
        // Validated when written (see achievement.schema.ts).
        definition: row.definition as AchievementDefinition,
        changedAt: row.updated_at,
        organisationChangedAt: row.org_updated_at,
        changedKey: row.changed_key,
      }));
    },
  };
}

export type FeedCatalogueRepository = ReturnType<typeof createFeedCatalogueRepository>;
