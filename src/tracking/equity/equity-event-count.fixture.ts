import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { firstDay } from '../dashboard-range.js';
import type { DashboardRange } from '../dashboard.schema.js';
import { EVENT_TYPES } from '../event-types.js';
import { NOT_DECLARED } from './equity-fields.js';

/**
 * The reference for the equity rollups (the test's model and the bench's "before"): the breakdown counted
 * directly from the organisation's events in the range, each joined to its enrolment or credential for the
 * person and to the answers that person holds now. This is how the breakdown was read before the rollups.
 * Returns `achievement|YYYY-MM|figure|field|answer → count`.
 */
export async function countedFromEvents(db: Kysely<Database>, organisationId: string, range: DashboardRange): Promise<Map<string, number>> {
  const { rows } = await sql<{ key: string; count: string | number }>`
    with facts as (
      select coalesce(e.payload->>'achievementId', en.achievement_id::text, ic.achievement_id::text, '') as achievement_id,
             to_char(date_trunc('month', e.occurred_at at time zone 'UTC'), 'YYYY-MM') as month,
             case e.type when ${EVENT_TYPES.enrolmentEnrolled} then 'enrolments' when ${EVENT_TYPES.enrolmentPassed} then 'passes' else 'credentials' end as figure,
             coalesce(en.person_id, ic.recipient_person_id) as person_id
      from events e
      left join enrolments en on e.subject_type = 'enrolment' and en.id::text = e.subject_id
      left join issued_credentials ic on e.subject_type = 'credential' and ic.id::text = e.subject_id
      where e.organisation_id = ${organisationId}
        and e.occurred_at >= ${firstDay(range.from)}::date
        and e.occurred_at < (${firstDay(range.to)}::date + interval '1 month')
        and e.type in (${EVENT_TYPES.enrolmentEnrolled}, ${EVENT_TYPES.enrolmentPassed}, ${EVENT_TYPES.credentialIssued})
    )
    select concat_ws('|', f.achievement_id, f.month, f.figure, s.field, coalesce(d.answer, ${NOT_DECLARED})) as key, count(*) as count
    from facts f
    join equity_field_settings s on s.organisation_id = ${organisationId}
    left join equity_declarations d on d.organisation_id = ${organisationId} and d.person_id = f.person_id and d.field = s.field
    group by 1`.execute(db);
  return new Map(rows.map((r) => [r.key, Number(r.count)]));
}
