import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Tracking at scale (#7). A dashboard read a row per figure per achievement per month (a third of a million
// rows for the platform over two years): now one row per organisation × achievement × month holds every
// figure as a column, and the same figures are kept per organisation × month and per month for the whole
// platform, with days-to-credential histograms at those two levels too, so a dashboard reads a few hundred
// rows. Search demand is kept per month (the dashboards' grain) instead of per day: a range reads a row
// per term and month, and a search is known to a coarser time. Credentials keep their state, so "active" counts each credential's transitions: one suspended and
// then revoked (or revoked twice) leaves the active count once. The figures are written here, not imported
// from the code, so this migration stays what it was when it landed.
const FIGURES = [
  'issued', 'revoked', 'suspended', 'reinstated',
  // Transitions out of "active" (a suspension, or a revocation of a credential that was not suspended).
  'deactivated',
  'enrolments', 'submissions', 'resubmissions', 'passed', 'returned', 'withdrawn', 'completions',
  'pathway_completions', 'endorsements', 'verifications',
];
const figureColumns = FIGURES.map((f) => `${f} bigint not null default 0 check (${f} >= 0)`).join(',\n      ');

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `drop table tracking_monthly`,
    `create table tracking_achievement_monthly (
      organisation_id text not null,
      achievement_id text not null,
      month date not null,
      ${figureColumns},
      primary key (organisation_id, achievement_id, month)
    )`,
    // The platform dashboard and open data read a range of months across organisations; the achievement
    // filter of the platform dashboard reads one achievement whatever its organisation.
    `create index tracking_achievement_monthly_month on tracking_achievement_monthly (month)`,
    `create index tracking_achievement_monthly_achievement on tracking_achievement_monthly (achievement_id, month)`,
    `create table tracking_organisation_monthly (
      organisation_id text not null,
      month date not null,
      ${figureColumns},
      primary key (organisation_id, month)
    )`,
    `create table tracking_platform_monthly (
      month date primary key,
      ${figureColumns}
    )`,
    `create table tracking_organisation_time_to_credential (
      organisation_id text not null,
      month date not null,
      days integer not null check (days >= 0),
      count bigint not null check (count > 0),
      primary key (organisation_id, month, days)
    )`,
    `create table tracking_platform_time_to_credential (
      month date not null,
      days integer not null check (days >= 0),
      count bigint not null check (count > 0),
      primary key (month, days)
    )`,
    `create table search_term_demand_monthly (
      month date not null,
      kind text not null check (kind in ('catalogue', 'occupation')),
      term text not null check (length(term) between 1 and 100),
      searches bigint not null check (searches > 0),
      without_results bigint not null check (without_results >= 0),
      primary key (month, kind, term)
    )`,
    `insert into search_term_demand_monthly (month, kind, term, searches, without_results)
      select date_trunc('month', day)::date, kind, term, sum(searches), sum(without_results) from search_term_demand group by 1, 2, 3`,
    `drop table search_term_demand`,
    // active | suspended | revoked: the state the fold has reached for each credential.
    `alter table tracking_credentials add column status text not null default 'active' check (status in ('active', 'suspended', 'revoked'))`,
    // The rollups are derived from the events: emptied and folded again from the first event under the new rules.
    `truncate tracking_enrolments, tracking_credentials, tracking_time_to_credential`,
    `update tracking_rollup_state set last_event_id = 0, refreshed_at = null where name = 'rollups'`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // The days of the monthly demand are lost: each month's counts come back on its first day.
    `create table search_term_demand (
      day date not null,
      kind text not null check (kind in ('catalogue', 'occupation')),
      term text not null check (length(term) between 1 and 100),
      searches bigint not null check (searches > 0),
      without_results bigint not null check (without_results >= 0),
      primary key (day, kind, term)
    )`,
    `insert into search_term_demand select month, kind, term, searches, without_results from search_term_demand_monthly`,
    `drop table search_term_demand_monthly`,
    `drop table tracking_platform_time_to_credential, tracking_organisation_time_to_credential, tracking_platform_monthly, tracking_organisation_monthly, tracking_achievement_monthly`,
    `alter table tracking_credentials drop column status`,
    `create table tracking_monthly (
      organisation_id text not null,
      achievement_id text not null,
      month date not null,
      metric text not null,
      count bigint not null check (count >= 0),
      primary key (organisation_id, achievement_id, month, metric)
    )`,
    `create index tracking_monthly_month on tracking_monthly (month, metric)`,
    `truncate tracking_enrolments, tracking_credentials, tracking_time_to_credential`,
    `update tracking_rollup_state set last_event_id = 0, refreshed_at = null where name = 'rollups'`,
  ]);
}
