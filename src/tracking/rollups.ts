import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { committedEventHorizon } from './event-log.js';
import { EVENT_COUNTED_FIGURES, EVENT_TYPES } from './event-types.js';
import { ROLLUP_FIGURES } from './rollup.tables.js';

/** Events folded per transaction: bounded so a first refresh over millions of events neither holds locks long nor runs out of memory. */
const DEFAULT_BATCH = 250_000;
const STATE = 'rollups';

export interface RefreshResult {
  /** How far this call moved the watermark (event ids, including ids of events that no longer exist in a test's reset table). */
  folded: number;
  /** The watermark after it: the id of the last event counted. */
  lastEventId: number;
}

// Which figure each counted event type feeds (resubmissions are a second row of `enrolment.submit`).
const FIGURE_OF_TYPE = Object.entries(EVENT_COUNTED_FIGURES).filter(([figure]) => figure !== 'resubmissions');
const COUNTED_TYPES = [...new Set(FIGURE_OF_TYPE.map(([, type]) => type))];
const figureCase = sql.join(FIGURE_OF_TYPE.map(([figure, type]) => sql`when ${type}::text then ${figure}::text`), sql` `);

/**
 * Folds the events after the watermark into the rollup tables: one transaction per batch that moves the
 * watermark with the counts, so a crash or a concurrent refresh never counts an event twice or skips one
 * (the watermark row is locked; a second refresher waits, then sees the new watermark).
 */
export function createRollups(deps: { db: Kysely<Database>; clock: () => Date; batchSize?: number }) {
  const { db } = deps;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;

  async function foldBatch(horizon: number): Promise<{ from: number; to: number }> {
    return db.transaction().execute(async (trx) => {
      const state = await trx.selectFrom('tracking_rollup_state').select('last_event_id').where('name', '=', STATE).forUpdate().executeTakeFirstOrThrow();
      const from = Number(state.last_event_id);
      const to = Math.min(horizon, from + batchSize);
      if (to <= from) return { from, to: from };
      await foldRange(trx, from, to);
      await trx.updateTable('tracking_rollup_state').set({ last_event_id: to, refreshed_at: deps.clock().toISOString() }).where('name', '=', STATE).execute();
      return { from, to };
    });
  }

  return {
    /** Folds every event committed so far; cheap when nothing is new (two small reads). */
    async refresh(): Promise<RefreshResult> {
      const horizon = await committedEventHorizon(db);
      let folded = 0;
      for (;;) {
        const { from, to } = await foldBatch(horizon);
        folded += to - from;
        if (to >= horizon || to === from) return { folded, lastEventId: to };
      }
    },

    async watermark(): Promise<number> {
      const state = await db.selectFrom('tracking_rollup_state').select('last_event_id').where('name', '=', STATE).executeTakeFirstOrThrow();
      return Number(state.last_event_id);
    },
  };
}

export type Rollups = ReturnType<typeof createRollups>;

const figure = (name: string) => sql.ref(name);
/** `sum(x) as x` for every figure, from rows already pivoted into figure columns. */
const summedFigures = sql.join(ROLLUP_FIGURES.map((f) => sql`sum(${figure(f)}) as ${figure(f)}`));
const figureList = sql.join(ROLLUP_FIGURES.map(figure));
/** The upsert of a batch's counts: added to what the row held. */
const addedFigures = (table: string) => sql.join(ROLLUP_FIGURES.map((f) => sql`${figure(f)} = ${sql.ref(`${table}.${f}`)} + excluded.${figure(f)}`));

/**
 * A text id as a uuid, or null when it is not one: joins on the uuid key use its index (a cast of the key to
 * text would read the whole table for each batch), and an odd subject id never fails the fold.
 */
const asUuid = (text: ReturnType<typeof sql.ref>) => sql`case when ${text} ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then ${text}::uuid end`;

/** Counts the events with ids in (from, to] into the rollups, in the caller's transaction. */
async function foldRange(trx: Transaction<Database>, from: number, to: number): Promise<void> {
  const inRange = sql`e.id > ${from} and e.id <= ${to}`;
  // First the subjects' maps, so later events in the same batch find their enrolment or credential.
  // Older enrolment events (the demo's) lack `achievementId`: the enrolment row still knows it.
  await sql`
    insert into tracking_enrolments (enrolment_id, organisation_id, achievement_id, started_at, person_id)
    select e.subject_id, coalesce(e.organisation_id::text, ''), coalesce(e.payload->>'achievementId', en.achievement_id::text, ''), e.occurred_at, en.person_id::text
    from events e
    left join enrolments en on en.id = ${asUuid(sql.ref('e.subject_id'))}
    where ${inRange} and e.type = ${EVENT_TYPES.enrolmentEnrolled} and e.subject_id is not null
    on conflict (enrolment_id) do nothing`.execute(trx);
  await sql`
    insert into tracking_credentials (credential_id, organisation_id, achievement_id, person_id)
    select e.subject_id, coalesce(e.organisation_id::text, ''), coalesce(e.payload->>'achievementId', ''), ic.recipient_person_id::text
    from events e
    left join issued_credentials ic on ic.id = ${asUuid(sql.ref('e.subject_id'))}
    where ${inRange} and e.type = ${EVENT_TYPES.credentialIssued} and e.subject_id is not null
    on conflict (credential_id) do nothing`.execute(trx);
  await foldEquityFacts(trx, inRange);

  // One statement: the batch's figures per achievement and month, added to the achievement, organisation
  // and platform rows (each level is the sum of the one below, so they always agree), and the credentials'
  // states moved on. Every part reads the snapshot from before the statement, states included.
  await sql`
    with mapped as (
      select
        -- An endorsement counts for the endorsed achievement's organisation, not the partner's.
        coalesce(e.payload->>'endorsedOrganisationId', te.organisation_id, tc.organisation_id, e.organisation_id::text, '') as organisation_id,
        case when e.type in (${EVENT_TYPES.pathwayCompleted}, ${EVENT_TYPES.endorsementIssued}) then coalesce(e.subject_id, '')
             else coalesce(e.payload->>'achievementId', te.achievement_id, tc.achievement_id, '') end as achievement_id,
        date_trunc('month', e.occurred_at at time zone 'UTC')::date as month,
        e.type,
        e.payload->>'from' as moved_from
      from events e
      left join tracking_enrolments te on e.subject_type = 'enrolment' and te.enrolment_id = e.subject_id
      left join tracking_credentials tc on e.subject_type = 'credential' and tc.credential_id = e.subject_id
      where ${inRange} and e.type in (${sql.join(COUNTED_TYPES)})
    ),
    ${credentialTransitions(inRange)},
    counted as (
      select organisation_id, achievement_id, month, case type ${figureCase} end as figure from mapped
      union all
      select organisation_id, achievement_id, month, 'resubmissions'::text from mapped
      where type = ${EVENT_TYPES.enrolmentSubmitted} and moved_from = 'not_yet_passed'
      union all
      select organisation_id, achievement_id, month, figure from transitions cross join lateral unnest(figures) figure
    ),
    batch as (
      select organisation_id, achievement_id, month,
             ${sql.join(ROLLUP_FIGURES.map((f) => sql`count(*) filter (where figure = ${f}) as ${figure(f)}`))}
      from counted group by organisation_id, achievement_id, month
    ),
    achievement_level as (
      insert into tracking_achievement_monthly (organisation_id, achievement_id, month, ${figureList})
      select * from batch
      on conflict (organisation_id, achievement_id, month) do update set ${addedFigures('tracking_achievement_monthly')}
    ),
    organisation_level as (
      insert into tracking_organisation_monthly (organisation_id, month, ${figureList})
      select organisation_id, month, ${summedFigures} from batch group by organisation_id, month
      on conflict (organisation_id, month) do update set ${addedFigures('tracking_organisation_monthly')}
    ),
    states as (
      update tracking_credentials tc set status = last.status_after
      from (select distinct on (credential_id) credential_id, status_after from transitions order by credential_id, id desc) last
      where tc.credential_id = last.credential_id and tc.status <> last.status_after
    )
    insert into tracking_platform_monthly (month, ${figureList})
    select month, ${summedFigures} from batch group by month
    on conflict (month) do update set ${addedFigures('tracking_platform_monthly')}`.execute(trx);

  await sql`
    with batch as (
      select te.organisation_id, te.achievement_id, date_trunc('month', e.occurred_at at time zone 'UTC')::date as month,
             greatest(0, floor(extract(epoch from (e.occurred_at - te.started_at)) / 86400))::integer as days, count(*) as count
      from events e
      join tracking_enrolments te on te.enrolment_id = e.subject_id
      where ${inRange} and e.type = ${EVENT_TYPES.enrolmentCredentialIssued}
      group by 1, 2, 3, 4
    ),
    achievement_level as (
      insert into tracking_time_to_credential (organisation_id, achievement_id, month, days, count)
      select * from batch
      on conflict (organisation_id, achievement_id, month, days) do update set count = tracking_time_to_credential.count + excluded.count
    ),
    organisation_level as (
      insert into tracking_organisation_time_to_credential (organisation_id, month, days, count)
      select organisation_id, month, days, sum(count) from batch group by 1, 2, 3
      on conflict (organisation_id, month, days) do update set count = tracking_organisation_time_to_credential.count + excluded.count
    )
    insert into tracking_platform_time_to_credential (month, days, count)
    select month, days, sum(count) from batch group by 1, 2
    on conflict (month, days) do update set count = tracking_platform_time_to_credential.count + excluded.count`.execute(trx);
}

const EQUITY_FIGURES = ['enrolments', 'passes', 'credentials'] as const;
const EQUITY_EVENTS = { enrolments: EVENT_TYPES.enrolmentEnrolled, passes: EVENT_TYPES.enrolmentPassed, credentials: EVENT_TYPES.credentialIssued } as const;
const addedEquityFigures = (table: string) => sql.join(EQUITY_FIGURES.map((f) => sql`${figure(f)} = ${sql.ref(`${table}.${f}`)} + excluded.${figure(f)}`));

/**
 * The batch's enrolments, passes and credentials per person (found through the maps), added to the person
 * rollup and, under every answer the person has declared to the organisation, to the equity rollup. The
 * organisation and achievement are found as the main fold finds them, so declared cells and the totals
 * they are taken from agree. Answers changed later move these facts (triggers of migration 0026).
 */
async function foldEquityFacts(trx: Transaction<Database>, inRange: ReturnType<typeof sql>): Promise<void> {
  await sql`
    with equity_events as (
      select coalesce(te.organisation_id, tc.organisation_id, e.organisation_id::text, '') as organisation_id,
             coalesce(te.person_id, tc.person_id) as person_id,
             coalesce(e.payload->>'achievementId', te.achievement_id, tc.achievement_id, '') as achievement_id,
             date_trunc('month', e.occurred_at at time zone 'UTC')::date as month,
             e.type
      from events e
      left join tracking_enrolments te on e.subject_type = 'enrolment' and te.enrolment_id = e.subject_id
      left join tracking_credentials tc on e.subject_type = 'credential' and tc.credential_id = e.subject_id
      where ${inRange} and e.type in (${sql.join(Object.values(EQUITY_EVENTS))})
    ),
    facts as (
      select organisation_id, person_id, achievement_id, month,
             ${sql.join(EQUITY_FIGURES.map((f) => sql`count(*) filter (where type = ${EQUITY_EVENTS[f]}) as ${figure(f)}`))}
      from equity_events where person_id is not null
      group by 1, 2, 3, 4
    ),
    -- Every month whose totals or cells this batch changes, with or without a person.
    touched as (
      insert into tracking_equity_month_versions (organisation_id, month, version)
      select distinct organisation_id, month, 1 from equity_events
      on conflict (organisation_id, month) do update set version = tracking_equity_month_versions.version + 1
    ),
    people as (
      insert into tracking_person_monthly (organisation_id, person_id, achievement_id, month, ${sql.join(EQUITY_FIGURES.map(figure))})
      select * from facts
      on conflict (organisation_id, person_id, achievement_id, month) do update set ${addedEquityFigures('tracking_person_monthly')}
    )
    insert into tracking_equity_monthly (organisation_id, achievement_id, month, field, answer, ${sql.join(EQUITY_FIGURES.map(figure))})
    select f.organisation_id, f.achievement_id, f.month, d.field, d.answer, ${sql.join(EQUITY_FIGURES.map((f) => sql`sum(${sql.ref(`f.${f}`)})`))}
    from facts f
    join equity_declarations d on d.organisation_id = ${asUuid(sql.ref('f.organisation_id'))} and d.person_id = ${asUuid(sql.ref('f.person_id'))}
    group by 1, 2, 3, 4, 5
    on conflict (organisation_id, month, achievement_id, field, answer) do update set ${addedEquityFigures('tracking_equity_monthly')}`.execute(trx);
}

/**
 * The batch's suspensions, reinstatements and revocations, each with the state its credential was in
 * before it (the stored state moved on by the credential's earlier events in the batch) and the figures
 * it changes: a revocation is final, so a second one counts nothing, and revoking a suspended credential
 * counts `revoked` but not `deactivated` (it had left "active" when it was suspended).
 * The state before an event: revoked if it or any earlier event was a revocation; else what the last
 * earlier suspension (suspended) or reinstatement (active) left; else the stored state. (`2·id + 1` marks a
 * suspension, `2·id` a reinstatement, so the latest of either is one running max.)
 */
function credentialTransitions(inRange: ReturnType<typeof sql>) {
  const [suspended, reinstated, revoked] = [EVENT_TYPES.credentialSuspended, EVENT_TYPES.credentialReinstated, EVENT_TYPES.credentialRevoked];
  return sql`
    status_events as (
      select e.id, e.subject_id as credential_id, e.type,
             coalesce(e.payload->>'achievementId', tc.achievement_id, '') as achievement_id,
             coalesce(tc.organisation_id, e.organisation_id::text, '') as organisation_id,
             date_trunc('month', e.occurred_at at time zone 'UTC')::date as month,
             coalesce(tc.status, 'active') as stored,
             bool_or(e.type = ${revoked}) over earlier as revoked_earlier,
             max(case e.type when ${suspended} then 2 * e.id + 1 when ${reinstated} then 2 * e.id end) over earlier as last_move
      from events e
      left join tracking_credentials tc on tc.credential_id = e.subject_id
      where ${inRange} and e.type in (${suspended}, ${reinstated}, ${revoked}) and e.subject_type = 'credential' and e.subject_id is not null
      window earlier as (partition by e.subject_id order by e.id rows between unbounded preceding and 1 preceding)
    ),
    with_before as (
      select *, case when stored = 'revoked' or coalesce(revoked_earlier, false) then 'revoked'
                     when last_move is null then stored
                     when last_move % 2 = 1 then 'suspended'
                     else 'active' end as before
      from status_events
    ),
    transitions as (
      select id, credential_id, organisation_id, achievement_id, month,
             case when before = 'revoked' or type = ${revoked} then 'revoked'
                  when type = ${suspended} then 'suspended'
                  else 'active' end as status_after,
             case when type = ${revoked} and before = 'active' then array['revoked', 'deactivated']
                  when type = ${revoked} and before = 'suspended' then array['revoked']
                  when type = ${suspended} and before = 'active' then array['suspended', 'deactivated']
                  when type = ${reinstated} and before = 'suspended' then array['reinstated']
                  else array[]::text[] end as figures
      from with_before
    )`;
}
