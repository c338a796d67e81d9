import type { ColumnType, Generated } from 'kysely';

export type AchievementVersionStatus = 'draft' | 'published' | 'retired';

export interface AchievementsTable {
  id: Generated<string>;
  organisation_id: string;
  /** Stable part of the Achievement's URL, unique within its organisation. */
  slug: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AchievementVersionsTable {
  achievement_id: string;
  version: number;
  status: AchievementVersionStatus;
  /** The whole definition (see achievement.schema.ts); immutable once published. */
  definition: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 0004. */
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CatalogTables {
  achievements: AchievementsTable;
  achievement_versions: AchievementVersionsTable;
}
