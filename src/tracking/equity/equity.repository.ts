import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import { firstDay } from '../dashboard-range.js';
import type { DashboardRange } from '../dashboard.schema.js';
import { EVENT_TYPES } from '../event-types.js';
import { NOT_DECLARED } from './equity-fields.js';
import type { EquityFigure } from './equity.schema.js';

/** One count of the aggregates: people's events in a month, by their current answer to one field. */
export interface EquityCount {
  achievementId: string;
  month: string;
  figure: EquityFigure;
  field: string;
  answer: string;
  count: number;
}

export interface Declaration {
  organisationId: string;
  field: string;
  answer: string;
  declaredAt: Date;
}

// The events each figure counts: the same events the rollups count as enrolments, passed and issued.
const FIGURE_OF_EVENT = [
  [EVENT_TYPES.enrolmentEnrolled, 'enrolments'],
  [EVENT_TYPES.enrolmentPassed, 'passes'],
  [EVENT_TYPES.credentialIssued, 'credentials'],
] as const satisfies ReadonlyArray<readonly [string, EquityFigure]>;

const figureCase = sql.join(FIGURE_OF_EVENT.map(([type, figure]) => sql`when ${type}::text then ${figure}::text`), sql` `);

/** The SQL of equity fields: settings, declarations and the counts behind the aggregates. */
export function createEquityRepository(db: Kysely<Database>) {
  return {
    async collectedFields(organisationId: string, executor: Kysely<Database> | Transaction<Database> = db): Promise<string[]> {
      const rows = await executor.selectFrom('equity_field_settings').select('field').where('organisation_id', '=', organisationId).execute();
      return rows.map((r) => r.field);
    },

    /** Collects exactly `fields` from now on; a field turned off takes its answers with it (ON DELETE CASCADE). */
    async setCollectedFields(trx: Transaction<Database>, organisationId: string, fields: string[], actorId: string): Promise<void> {
      let removal = trx.deleteFrom('equity_field_settings').where('organisation_id', '=', organisationId);
      if (fields.length > 0) removal = removal.where('field', 'not in', fields);
      await removal.execute();
      if (fields.length === 0) return;
      await trx
        .insertInto('equity_field_settings')
        .values(fields.map((field) => ({ organisation_id: organisationId, field, enabled_by: actorId })))
        .onConflict((oc) => oc.columns(['organisation_id', 'field']).doNothing())
        .execute();
    },

    async declarationsOf(personId: string): Promise<Declaration[]> {
      const rows = await db.selectFrom('equity_declarations').select(['organisation_id', 'field', 'answer', 'declared_at']).where('person_id', '=', personId).execute();
      return rows.map((r) => ({ organisationId: r.organisation_id, field: r.field, answer: r.answer, declaredAt: new Date(r.declared_at) }));
    },

    /** Organisations that collect something and that the person enrolled with, holds a credential of, or declared to. */
    async organisationsFor(personId: string): Promise<Array<{ id: string; slug: string; name: string; fields: string[] }>> {
      const rows = await db
        .selectFrom('organisations as o')
        .innerJoin('equity_field_settings as s', 's.organisation_id', 'o.id')
        .select(['o.id', 'o.slug', 'o.name', 's.field'])
        .where((eb) => eb.or([
          eb.exists(eb.selectFrom('enrolments as e').select('e.id').whereRef('e.organisation_id', '=', 'o.id').where('e.person_id', '=', personId)),
          eb.exists(eb.selectFrom('issued_credentials as c').select('c.id').whereRef('c.organisation_id', '=', 'o.id').where('c.recipient_person_id', '=', personId)),
          eb.exists(eb.selectFrom('equity_declarations as d').select('d.field').whereRef('d.organisation_id', '=', 'o.id').where('d.person_id', '=', personId)),
        ]))
        .orderBy('o.name')
        .execute();
      const organisations = new Map<string, { id: string; slug: string; name: string; fields: string[] }>();
      for (const r of rows) {
        const entry = organisations.get(r.id) ?? { id: r.id, slug: r.slug, name: r.name, fields: [] };
        entry.fields.push(r.field);
        organisations.set(r.id, entry);
      }
      return [...organisations.values()];
    },

    /** Replaces the person's answers to the organisation: fields left out are withdrawn. */
    async replaceDeclaration(trx: Transaction<Database>, organisationId: string, personId: string, answers: Array<[string, string]>, now: Date): Promise<void> {
      await trx.deleteFrom('equity_declarations').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
      if (answers.length === 0) return;
      await trx
        .insertInto('equity_declarations')
        .values(answers.map(([field, answer]) => ({ organisation_id: organisationId, person_id: personId, field, answer, declared_at: now })))
        .execute();
    },

    async organisationsCollecting(): Promise<string[]> {
      const rows = await db.selectFrom('equity_field_settings').select('organisation_id').distinct().execute();
      return rows.map((r) => r.organisation_id);
    },

    /**
     * The organisation's enrolments, passes and credentials in the range, per achievement, month, collected
     * field and the person's answer to it now (`not_declared` without one). Read from the organisation's
     * events in the range (index events_organisation_time) joined to the enrolment or credential for its
     * person: answers count as they stand, so a withdrawn or deleted answer leaves every figure at once.
     * Always the whole organisation: suppression works on all its achievements together.
     */
    async counts(organisationId: string, range: DashboardRange): Promise<EquityCount[]> {
      const result = await sql<{ achievement_id: string; month: string; figure: EquityFigure; field: string; answer: string; count: string }>`
        with facts as (
          select coalesce(e.payload->>'achievementId', en.achievement_id::text, ic.achievement_id::text, '') as achievement_id,
                 to_char(date_trunc('month', e.occurred_at at time zone 'UTC'), 'YYYY-MM') as month,
                 case e.type ${figureCase} end as figure,
                 coalesce(en.person_id, ic.recipient_person_id) as person_id
          from events e
          left join enrolments en on e.subject_type = 'enrolment' and en.id::text = e.subject_id
          left join issued_credentials ic on e.subject_type = 'credential' and ic.id::text = e.subject_id
          where e.organisation_id = ${organisationId}
            and e.occurred_at >= ${firstDay(range.from)}::date
            and e.occurred_at < (${firstDay(range.to)}::date + interval '1 month')
            and e.type in (${sql.join(FIGURE_OF_EVENT.map(([type]) => type))})
        )
        select f.achievement_id, f.month, f.figure, s.field, coalesce(d.answer, ${NOT_DECLARED}) as answer, count(*) as count
        from facts f
        join equity_field_settings s on s.organisation_id = ${organisationId}
        left join equity_declarations d on d.organisation_id = ${organisationId} and d.person_id = f.person_id and d.field = s.field
        group by 1, 2, 3, 4, 5`.execute(db);
      return result.rows.map((r) => ({ achievementId: r.achievement_id, month: r.month, figure: r.figure, field: r.field, answer: r.answer, count: Number(r.count) }));
    },
  };
}

export type EquityRepository = ReturnType<typeof createEquityRepository>;
