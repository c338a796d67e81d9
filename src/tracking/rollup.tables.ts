import type { ColumnType } from 'kysely';

type DateColumn = ColumnType<string, string, string>;

export interface TrackingRollupStateTable {
  name: string;
  last_event_id: number;
  refreshed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TrackingEnrolmentsTable {
  enrolment_id: string;
  organisation_id: string;
  achievement_id: string;
  started_at: ColumnType<Date, Date | string, Date | string>;
}

export interface TrackingCredentialsTable {
  credential_id: string;
  organisation_id: string;
  achievement_id: string;
}

export interface TrackingMonthlyTable {
  organisation_id: string;
  achievement_id: string;
  /** First day of the month, `YYYY-MM-01`. */
  month: DateColumn;
  metric: string;
  count: number;
}

export interface TrackingTimeToCredentialTable {
  organisation_id: string;
  achievement_id: string;
  month: DateColumn;
  days: number;
  count: number;
}

export interface SearchTermDemandTable {
  day: DateColumn;
  kind: 'catalogue' | 'occupation';
  term: string;
  searches: number;
  without_results: number;
}

export interface TrackingRollupTables {
  tracking_rollup_state: TrackingRollupStateTable;
  tracking_enrolments: TrackingEnrolmentsTable;
  tracking_credentials: TrackingCredentialsTable;
  tracking_monthly: TrackingMonthlyTable;
  tracking_time_to_credential: TrackingTimeToCredentialTable;
  search_term_demand: SearchTermDemandTable;
}
