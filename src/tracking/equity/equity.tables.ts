import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A field an organisation collects (one row per enabled field of equity-fields.ts). */
export interface EquityFieldSettingsTable {
  organisation_id: string;
  field: string;
  enabled_by: string | null;
  enabled_at: Timestamp;
}

/** One learner's answer to one field, declared to one organisation. Never read except by that learner and the aggregates. */
export interface EquityDeclarationsTable {
  organisation_id: string;
  person_id: string;
  field: string;
  answer: string;
  declared_at: Timestamp;
}

export interface EquityTables {
  equity_field_settings: EquityFieldSettingsTable;
  equity_declarations: EquityDeclarationsTable;
}
