import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Tracking (#7): rollups folded incrementally from the events table, so dashboards and open data read a
// few thousand rows instead of scanning every event. Empty strings stand for "no organisation" (a
// verification of another issuer's credential) and "no achievement", so keys can be primary keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // How far the rollups have folded the chain: the id of the last event counted.
    `create table tracking_rollup_state (
      name text primary key,
      last_event_id bigint not null default 0 check (last_event_id >= 0),
      refreshed_at timestamptz
    )`,
    `insert into tracking_rollup_state (name, last_event_id) values ('rollups', 0)`,
    // Which achievement and organisation each enrolment and credential belongs to, and when an enrolment
    // started, learnt from their first events: later events of the same subject carry only its id.
    `create table tracking_enrolments (
      enrolment_id text primary key,
      organisation_id text not null,
      achievement_id text not null,
      started_at timestamptz not null
    )`,
    `create table tracking_credentials (
      credential_id text primary key,
      organisation_id text not null,
      achievement_id text not null
    )`,
    `create table tracking_monthly (
      organisation_id text not null,
      achievement_id text not null,
      month date not null,
      metric text not null,
      count bigint not null check (count >= 0),
      primary key (organisation_id, achievement_id, month, metric)
    )`,
    `create index tracking_monthly_month on tracking_monthly (month, metric)`,
    // Days from enrolment to credential, as a histogram per completion month: medians over any range
    // without keeping one row per learner.
    `create table tracking_time_to_credential (
      organisation_id text not null,
      achievement_id text not null,
      month date not null,
      days integer not null check (days >= 0),
      count bigint not null check (count > 0),
      primary key (organisation_id, achievement_id, month, days)
    )`,
    // Catalogue search demand: counts per day and normalised term, never tied to a person or a session.
    `create table search_term_demand (
      day date not null,
      kind text not null check (kind in ('catalogue', 'occupation')),
      term text not null check (length(term) between 1 and 100),
      searches bigint not null check (searches > 0),
      without_results bigint not null check (without_results >= 0),
      primary key (day, kind, term)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table search_term_demand, tracking_time_to_credential, tracking_monthly, tracking_credentials, tracking_enrolments, tracking_rollup_state']);
}
