import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type Numeric = ColumnType<string, number | string, number | string>;
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

/** One row per achievement with a published version: what search, filters and facets read (migration 0006). */
export interface CatalogSearchTable {
  achievement_id: string;
  version: number;
  achievement_slug: string;
  organisation_id: string;
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
  language: string;
  price_amount: Numeric;
  price_currency: string;
  price_band: string;
  credit_value: Numeric;
  credit_system: string;
  on_demand: boolean;
  cohort_starts: ColumnType<Array<Date | string>, string[], string[]>;
  /** The first cohort start on the day the row was built; search recomputes it from cohort_starts against its clock. */
  next_cohort_on: DateOnly;
  endorsement_count: number;
  published_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  search_vector: ColumnType<string, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CatalogSearchVocabularyTable {
  word: string;
}

export interface CatalogSearchTables {
  catalog_search: CatalogSearchTable;
  catalog_search_vocabulary: CatalogSearchVocabularyTable;
}
