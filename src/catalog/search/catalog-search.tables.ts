import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>;
type DateOnly = ColumnType<Date | string | null, string | null, string | null>;

export interface SearchSkill {
  uri: string;
  label: string;
  /** ESCO's alternative labels of the skill, when the classification is imported. */
  altLabels: string[];
}

export interface SearchOccupation {
  uri: string;
  label: string;
}

/**
 * One row per achievement with a published version (migration 0006) and per active harvested offering
 * (0009): what search, filters and facets read. Local rows fill achievement_id and the organisation;
 * harvested rows fill subscription_id, subject_id and their origin, and carry the remote provider's issuer
 * DID as organisation_slug (the provider facet's value) with no organisation_id.
 */
export interface CatalogSearchTable {
  /** Generated: the achievement id, or subscription and subject. */
  entry_key: ColumnType<string, never, never>;
  achievement_id: string | null;
  version: number | null;
  achievement_slug: string | null;
  organisation_id: string | null;
  organisation_slug: string;
  organisation_name: string;
  title: string;
  description: string;
  outcomes_text: string;
  skills: Json<SearchSkill[]>;
  skill_uris: string[];
  occupations: Json<SearchOccupation[]>;
  occupation_uris: string[];
  eqf_level: number | null;
  delivery_modes: string[];
  language: string | null;
  price_amount: NullableNumeric;
  price_currency: string | null;
  price_band: string | null;
  credit_value: NullableNumeric;
  credit_system: string | null;
  on_demand: boolean;
  cohort_starts: ColumnType<Array<Date | string>, string[], string[]>;
  /** The first cohort start on the day the row was built; search recomputes it from cohort_starts against its clock. */
  next_cohort_on: DateOnly;
  endorsement_count: number;
  published_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  search_vector: ColumnType<string, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  subscription_id: string | null;
  subject_id: string | null;
  feed_url: string | null;
  issuer_did: string | null;
  creator_did: string | null;
  /** The remote OB Achievement id (one version). */
  achievement_url: string | null;
  fetched_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface CatalogSearchVocabularyTable {
  word: string;
}

/** One row: the index's version, raised by every committed change to catalog_search (migration 0016). */
export interface CatalogSearchStateTable {
  singleton: ColumnType<boolean, never, never>;
  version: ColumnType<number, never, never>;
}

/** The words of each entry, narrow, for matching and ranking (migration 0022); written by triggers on catalog_search only. */
export interface CatalogSearchMatchTable {
  entry_no: ColumnType<number, never, never>;
  entry_key: ColumnType<string, never, never>;
  title: ColumnType<string, never, never>;
  search_vector: ColumnType<string, never, never>;
}

export interface CatalogSearchTables {
  catalog_search: CatalogSearchTable;
  catalog_search_match: CatalogSearchMatchTable;
  catalog_search_vocabulary: CatalogSearchVocabularyTable;
  catalog_search_state: CatalogSearchStateTable;
}
