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
  /** The learner, from the enrolment row (null for an enrolment event without one). */
  person_id: string | null;
}

export interface TrackingCredentialsTable {
  credential_id: string;
  organisation_id: string;
  achievement_id: string;
  /** The state the fold has reached: a revocation or suspension leaves "active" only from the state it finds. */
  status: ColumnType<'active' | 'suspended' | 'revoked', 'active' | 'suspended' | 'revoked' | undefined, 'active' | 'suspended' | 'revoked'>;
  /** The recipient, from the issued credential (null when it has none here). */
  person_id: string | null;
}

/**
 * Every figure the rollups keep, a column each at every level (achievement, organisation, platform).
 * revoked / suspended / reinstated count a credential's transitions (a second revocation, or reinstating a
 * credential that is not suspended, changes nothing); `deactivated` counts the moves out of "active" (a
 * suspension, or the revocation of a credential that was not suspended), so active = issued + reinstated − deactivated.
 */
export const ROLLUP_FIGURES = [
  'issued', 'revoked', 'suspended', 'reinstated', 'deactivated',
  'enrolments', 'submissions', 'resubmissions', 'passed', 'returned', 'withdrawn', 'completions',
  'pathway_completions', 'endorsements', 'verifications',
] as const;
export type RollupFigure = (typeof ROLLUP_FIGURES)[number];
/** A set of the figures as read back: sums over some rows. */
export type Figures = Record<RollupFigure, number>;

/** A bigint count: node-postgres reads it as a string, PGlite as a number. */
type Count = ColumnType<string | number, number | undefined, number>;
type FigureColumns = Record<RollupFigure, Count>;

export interface TrackingAchievementMonthlyTable extends FigureColumns {
  organisation_id: string;
  achievement_id: string;
  /** First day of the month, `YYYY-MM-01`. */
  month: DateColumn;
}

export interface TrackingOrganisationMonthlyTable extends FigureColumns {
  organisation_id: string;
  month: DateColumn;
}

export interface TrackingPlatformMonthlyTable extends FigureColumns {
  month: DateColumn;
}

export interface TrackingTimeToCredentialTable {
  organisation_id: string;
  achievement_id: string;
  month: DateColumn;
  days: number;
  count: number;
}

export interface TrackingOrganisationTimeToCredentialTable {
  organisation_id: string;
  month: DateColumn;
  days: number;
  count: number;
}

export interface TrackingPlatformTimeToCredentialTable {
  month: DateColumn;
  days: number;
  count: number;
}

/** The figures the equity aggregates break down (src/tracking/equity). */
interface EquityFigureColumns {
  enrolments: Count;
  passes: Count;
  credentials: Count;
}

/** One person's equity figures per organisation, achievement and month: what a change of answers moves. */
export interface TrackingPersonMonthlyTable extends EquityFigureColumns {
  organisation_id: string;
  person_id: string;
  achievement_id: string;
  month: DateColumn;
}

/** The equity figures of the people holding each declared answer (kept by the fold and by triggers on the declarations). */
export interface TrackingEquityMonthlyTable extends EquityFigureColumns {
  organisation_id: string;
  achievement_id: string;
  month: DateColumn;
  field: string;
  answer: string;
}

/** Moved whenever an organisation × month's equity cells or totals change (by the fold and the declaration triggers). */
export interface TrackingEquityMonthVersionsTable {
  organisation_id: string;
  month: DateColumn;
  version: Count;
}

export interface SearchTermDemandMonthlyTable {
  /** First day of the month, `YYYY-MM-01`. */
  month: DateColumn;
  kind: 'catalogue' | 'occupation';
  term: string;
  searches: number;
  without_results: number;
}

/** The tables folded from the events: emptied, with the watermark set back to 0, they are folded again from the first event. */
export const EVENT_ROLLUP_TABLES = [
  'tracking_achievement_monthly', 'tracking_organisation_monthly', 'tracking_platform_monthly',
  'tracking_time_to_credential', 'tracking_organisation_time_to_credential', 'tracking_platform_time_to_credential',
  'tracking_enrolments', 'tracking_credentials', 'tracking_person_monthly', 'tracking_equity_monthly',
] as const;

export interface TrackingRollupTables {
  tracking_rollup_state: TrackingRollupStateTable;
  tracking_enrolments: TrackingEnrolmentsTable;
  tracking_credentials: TrackingCredentialsTable;
  tracking_achievement_monthly: TrackingAchievementMonthlyTable;
  tracking_organisation_monthly: TrackingOrganisationMonthlyTable;
  tracking_platform_monthly: TrackingPlatformMonthlyTable;
  tracking_time_to_credential: TrackingTimeToCredentialTable;
  tracking_organisation_time_to_credential: TrackingOrganisationTimeToCredentialTable;
  tracking_platform_time_to_credential: TrackingPlatformTimeToCredentialTable;
  search_term_demand_monthly: SearchTermDemandMonthlyTable;
  tracking_person_monthly: TrackingPersonMonthlyTable;
  tracking_equity_monthly: TrackingEquityMonthlyTable;
  tracking_equity_month_versions: TrackingEquityMonthVersionsTable;
}
