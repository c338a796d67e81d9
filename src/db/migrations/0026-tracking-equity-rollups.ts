import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Equity aggregates from rollups (#7, item 4). The breakdown read every event of an organisation in the range
// on each request; it now reads two small rollups:
// - tracking_person_monthly: each person's enrolments, passes and credentials per organisation, achievement
//   and month, folded from the events with the other rollups (the fold finds the person through the
//   enrolment or credential map, which now keeps it);
// - tracking_equity_monthly: the same figures per answer that people declared: the person facts added under
//   each answer they hold. The fold adds new facts under the answers held when it folds them; a change of
//   answers moves the person's folded facts from the old answers to the new. Statement triggers on the
//   declarations do the moving, so every path that changes answers (the declaration form, a field turned off
//   by cascade, account deletion by cascade) keeps the cells right, in the change's own transaction. They
//   take the rollups' watermark lock first, so a fold and a change never interleave: each fact is added
//   under an answer exactly once, either by the fold or by the change that came after it.
// "Not declared" is not stored: it is the achievement rollup's total less the declared answers.
const FIGURES = ['enrolments', 'passes', 'credentials'];
const figureColumns = FIGURES.map((f) => `${f} bigint not null default 0 check (${f} >= 0)`).join(',\n      ');
const sums = (alias: string) => FIGURES.map((f) => `sum(${alias}.${f}) as ${f}`).join(', ');

/** The person facts of the declarations in `rows` (a transition table), summed per cell. */
const factsOf = (rows: string) => `
  select p.organisation_id, p.achievement_id, p.month, d.field, d.answer, ${sums('p')}
  from ${rows} d
  join tracking_person_monthly p on p.organisation_id = d.organisation_id::text and p.person_id = d.person_id::text
  group by 1, 2, 3, 4, 5`;

// Locks the watermark row, as a fold does: a change of answers and a fold never interleave.
const LOCK = `perform 1 from tracking_rollup_state where name = 'rollups' for update;`;
const SUBTRACT = `
  update tracking_equity_monthly c set ${FIGURES.map((f) => `${f} = c.${f} - moved.${f}`).join(', ')}
  from (${factsOf('old_rows')}) moved
  where c.organisation_id = moved.organisation_id and c.month = moved.month and c.achievement_id = moved.achievement_id
    and c.field = moved.field and c.answer = moved.answer;`;
const ADD = `
  insert into tracking_equity_monthly (organisation_id, achievement_id, month, field, answer, ${FIGURES.join(', ')})
  ${factsOf('new_rows')}
  on conflict (organisation_id, month, achievement_id, field, answer) do update set ${FIGURES.map((f) => `${f} = tracking_equity_monthly.${f} + excluded.${f}`).join(', ')};`;
/** Moves the version of every organisation and month whose cells the change touched. */
const touched = (rows: string) => `
  insert into tracking_equity_month_versions (organisation_id, month, version)
  select distinct p.organisation_id, p.month, 1
  from ${rows} d
  join tracking_person_monthly p on p.organisation_id = d.organisation_id::text and p.person_id = d.person_id::text
  on conflict (organisation_id, month) do update set version = tracking_equity_month_versions.version + 1;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table tracking_enrolments add column person_id text`,
    `alter table tracking_credentials add column person_id text`,
    `create table tracking_person_monthly (
      organisation_id text not null,
      person_id text not null,
      achievement_id text not null,
      month date not null,
      ${figureColumns},
      primary key (organisation_id, person_id, achievement_id, month)
    )`,
    `create table tracking_equity_monthly (
      organisation_id text not null,
      achievement_id text not null,
      month date not null,
      field text not null,
      answer text not null,
      ${figureColumns},
      primary key (organisation_id, month, achievement_id, field, answer)
    )`,
    // Each organisation × month's suppressed tables are computed from its cells alone (months are fixed
    // cells), so a computed month is kept until this version moves: the fold moves it for the months its
    // enrolments, passes and credentials fall in, the triggers for the months of the figures they move.
    `create table tracking_equity_month_versions (
      organisation_id text not null,
      month date not null,
      version bigint not null,
      primary key (organisation_id, month)
    )`,
    `create function tracking_equity_declarations_added() returns trigger language plpgsql as $$
      begin ${LOCK} ${ADD} ${touched('new_rows')} return null; end $$`,
    `create function tracking_equity_declarations_removed() returns trigger language plpgsql as $$
      begin ${LOCK} ${SUBTRACT} ${touched('old_rows')} return null; end $$`,
    `create function tracking_equity_declarations_changed() returns trigger language plpgsql as $$
      begin ${LOCK} ${SUBTRACT} ${ADD} ${touched('old_rows')} return null; end $$`,
    // A trigger with transition tables watches one kind of change.
    `create trigger tracking_equity_added after insert on equity_declarations
      referencing new table as new_rows for each statement execute function tracking_equity_declarations_added()`,
    `create trigger tracking_equity_removed after delete on equity_declarations
      referencing old table as old_rows for each statement execute function tracking_equity_declarations_removed()`,
    `create trigger tracking_equity_changed after update on equity_declarations
      referencing old table as old_rows new table as new_rows for each statement execute function tracking_equity_declarations_changed()`,
    // The maps gain the person, and the person rollup starts empty: every rollup is folded again from the first event.
    `truncate tracking_enrolments, tracking_credentials, tracking_achievement_monthly, tracking_organisation_monthly, tracking_platform_monthly,
      tracking_time_to_credential, tracking_organisation_time_to_credential, tracking_platform_time_to_credential`,
    `update tracking_rollup_state set last_event_id = 0, refreshed_at = null where name = 'rollups'`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `drop trigger tracking_equity_added on equity_declarations`,
    `drop trigger tracking_equity_removed on equity_declarations`,
    `drop trigger tracking_equity_changed on equity_declarations`,
    `drop function tracking_equity_declarations_added(), tracking_equity_declarations_removed(), tracking_equity_declarations_changed()`,
    `drop table tracking_equity_month_versions, tracking_equity_monthly, tracking_person_monthly`,
    `alter table tracking_enrolments drop column person_id`,
    `alter table tracking_credentials drop column person_id`,
  ]);
}
