import type { ColumnType, Generated } from 'kysely';

export type PathwayVersionStatus = 'draft' | 'published' | 'retired';

export interface PathwaysTable {
  id: Generated<string>;
  organisation_id: string;
  slug: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PathwayVersionsTable {
  id: Generated<string>;
  pathway_id: string;
  version: number;
  status: PathwayVersionStatus;
  /** The stored definition (see pathway.schema.ts `StoredPathwayDefinition`); immutable once published. */
  definition: ColumnType<Record<string, unknown>, string, string>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PathwayConstituentsTable {
  pathway_version_id: string;
  achievement_id: string | null;
  achievement_url: string | null;
}

export interface PathwayAwardsTable {
  id: Generated<string>;
  pathway_version_id: string;
  person_id: string;
  credential_id: string;
  transcript: ColumnType<Record<string, unknown>, string, never>;
  constituent_credential_ids: string[];
  awarded_at: ColumnType<Date, Date | string, never>;
}

export interface PathwayPendingEvaluationsTable {
  person_id: string;
  queued_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PathwayTables {
  pathways: PathwaysTable;
  pathway_versions: PathwayVersionsTable;
  pathway_constituents: PathwayConstituentsTable;
  pathway_awards: PathwayAwardsTable;
  pathway_pending_evaluations: PathwayPendingEvaluationsTable;
}
