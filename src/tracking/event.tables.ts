import type { ColumnType, Generated } from 'kysely';

export interface EventsTable {
  /** Position in the hash chain. */
  id: Generated<number>;
  occurred_at: ColumnType<Date, Date | string, never>;
  type: string;
  actor_id: string | null;
  organisation_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  payload: ColumnType<Record<string, unknown>, string, never>;
  /** Hash of the previous event (or the genesis value), so removing or editing any event breaks the chain. */
  previous_hash: string;
  hash: string;
}

export interface TrackingTables {
  events: EventsTable;
}
