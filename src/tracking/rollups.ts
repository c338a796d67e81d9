import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { committedEventHorizon } from './event-log.js';
import { EVENT_TYPES, ROLLUP_METRICS, type RollupMetric } from './event-types.js';

/** Events folded per transaction: bounded so a first refresh over millions of events neither holds locks long nor runs out of memory. */
const DEFAULT_BATCH = 250_000;
const STATE = 'rollups';

export interface RefreshResult {
  /** How far this call moved the watermark (event ids, including ids of events that no longer exist in a test's reset table). */
  folded: number;
  /** The watermark after it: the id of the last event counted. */
  lastEventId: number;
}

// Which metric each counted event type feeds (resubmissions are a second row of `enrolment.submit`).
const METRIC_OF_TYPE = Object.entries(ROLLUP_METRICS).filter(([metric]) => metric !== 'resubmissions') as Array<[RollupMetric, string]>;
const COUNTED_TYPES = [...new Set(METRIC_OF_TYPE.map(([, type]) => type))];

const metricCase = sql.join(
  METRIC_OF_TYPE.map(([metric, type]) => sql`when ${type}::text then ${metric}::text`),
  sql` `,
);

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

/** Counts the events with ids in (from, to] into the rollups, in the caller's transaction. */
async function foldRange(trx: Transaction<Database>, from: number, to: number): Promise<void> {
  const inRange = sql`e.id > ${from} and e.id <= ${to}`;
  // First the subjects' maps, so later events in the same batch find their enrolment or credential.
  // Older enrolment events (the demo's) lack `achievementId`: the enrolment row still knows it.
  await sql`
    insert into tracking_enrolments (enrolment_id, organisation_id, achievement_id, started_at)
    select e.subject_id, coalesce(e.organisation_id::text, ''),
           coalesce(e.payload->>'achievementId', (select en.achievement_id::text from enrolments en where en.id::text = e.subject_id), ''),
           e.occurred_at
    from events e
    where ${inRange} and e.type = ${EVENT_TYPES.enrolmentEnrolled} and e.subject_id is not null
    on conflict (enrolment_id) do nothing`.execute(trx);
  await sql`
    insert into tracking_credentials (credential_id, organisation_id, achievement_id)
    select e.subject_id, coalesce(e.organisation_id::text, ''), coalesce(e.payload->>'achievementId', '')
    from events e
    where ${inRange} and e.type = ${EVENT_TYPES.credentialIssued} and e.subject_id is not null
    on conflict (credential_id) do nothing`.execute(trx);

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
    counted as (
      select organisation_id, achievement_id, month, case type ${metricCase} end as metric from mapped
      union all
      select organisation_id, achievement_id, month, 'resubmissions'::text from mapped
      where type = ${EVENT_TYPES.enrolmentSubmitted} and moved_from = 'not_yet_passed'
    )
    insert into tracking_monthly (organisation_id, achievement_id, month, metric, count)
    select organisation_id, achievement_id, month, metric, count(*) from counted
    group by organisation_id, achievement_id, month, metric
    on conflict (organisation_id, achievement_id, month, metric) do update set count = tracking_monthly.count + excluded.count`.execute(trx);

  await sql`
    insert into tracking_time_to_credential (organisation_id, achievement_id, month, days, count)
    select te.organisation_id, te.achievement_id, date_trunc('month', e.occurred_at at time zone 'UTC')::date,
           greatest(0, floor(extract(epoch from (e.occurred_at - te.started_at)) / 86400))::integer as days, count(*)
    from events e
    join tracking_enrolments te on te.enrolment_id = e.subject_id
    where ${inRange} and e.type = ${EVENT_TYPES.enrolmentCredentialIssued}
    group by 1, 2, 3, 4
    on conflict (organisation_id, achievement_id, month, days) do update set count = tracking_time_to_credential.count + excluded.count`.execute(trx);
}
