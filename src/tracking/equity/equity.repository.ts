import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import { firstDay } from '../dashboard-range.js';
import type { Month } from '../dashboard.schema.js';
import type { RollupFigure } from '../rollup.tables.js';
import { NOT_DECLARED } from './equity-fields.js';
import { EQUITY_FIGURES, type EquityFigure } from './equity.schema.js';

/** The figures of the aggregates for one achievement, month, field and answer: people's events, by their current answer. */
export type EquityCount = { achievementId: string; month: string; field: string; answer: string } & Record<EquityFigure, number>;

export interface Declaration {
  organisationId: string;
  field: string;
  answer: string;
  declaredAt: Date;
}

// The achievement rollup's figure each equity figure is a breakdown of.
const TOTAL_OF = { enrolments: 'enrolments', passes: 'passed', credentials: 'issued' } as const satisfies Record<EquityFigure, RollupFigure>;

/** The SQL of equity fields: settings, declarations and the counts behind the aggregates. */
export function createEquityRepository(db: Kysely<Database>) {
  async function collectedFields(organisationId: string, executor: Kysely<Database> | Transaction<Database> = db): Promise<string[]> {
    const rows = await executor.selectFrom('equity_field_settings').select('field').where('organisation_id', '=', organisationId).execute();
    return rows.map((r) => r.field);
  }

  return {
    collectedFields,

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

    /** The version of each of the organisation's months that has one (`YYYY-MM` → version); a month without one has no figures yet. */
    async monthVersions(organisationId: string, months: readonly Month[]): Promise<Map<Month, number>> {
      if (months.length === 0) return new Map();
      const { rows } = await sql<{ month: Month; version: string | number }>`
        select to_char(month, 'YYYY-MM') as month, version from tracking_equity_month_versions
        where organisation_id = ${organisationId} and month = any(${months.map(firstDay)}::date[])`.execute(db);
      return new Map(rows.map((r) => [r.month, Number(r.version)]));
    },

    async organisationsCollecting(): Promise<string[]> {
      const rows = await db.selectFrom('equity_field_settings').select('organisation_id').distinct().execute();
      return rows.map((r) => r.organisation_id);
    },

    /**
     * The organisation's enrolments, passes and credentials in the range, per achievement, month, collected
     * field and the person's answer to it now (`not_declared` without one), from the rollups: the declared
     * answers' cells (tracking_equity_monthly, which a change of answers updates in its own transaction, so a
     * withdrawn or deleted answer leaves every figure at once) and, for `not_declared`, the achievement's
     * total less its declared answers, for the given months (`YYYY-MM`). Always the whole organisation:
     * suppression works on all its achievements together. The caller refreshes the rollups first.
     */
    async counts(organisationId: string, months: readonly Month[]): Promise<EquityCount[]> {
      const fields = await collectedFields(organisationId);
      if (fields.length === 0 || months.length === 0) return [];
      const inRange = (month: string) => sql`${sql.ref(month)} = any(${months.map(firstDay)}::date[])`;
      const figures = sql.join(EQUITY_FIGURES.map((f) => sql.ref(f)));
      const anyFigure = (of: (f: EquityFigure) => string) => sql.join(EQUITY_FIGURES.map((f) => sql`${sql.ref(of(f))} > 0`), sql` or `);
      const result = await sql<{ achievement_id: string; month: string; field: string; answer: string } & Record<EquityFigure, string | number>>`
        with declared as (
          select achievement_id, month, field, answer, ${figures}
          from tracking_equity_monthly
          where organisation_id = ${organisationId} and ${inRange('month')} and field in (${sql.join(fields)}) and (${anyFigure((f) => f)})
        ),
        accounted as (
          select achievement_id, month, field, ${sql.join(EQUITY_FIGURES.map((f) => sql`sum(${sql.ref(f)}) as ${sql.ref(f)}`))}
          from declared group by 1, 2, 3
        ),
        undeclared as (
          select t.achievement_id, t.month, f.field, ${NOT_DECLARED}::text as answer,
                 ${sql.join(EQUITY_FIGURES.map((f) => sql`t.${sql.ref(TOTAL_OF[f])} - coalesce(a.${sql.ref(f)}, 0) as ${sql.ref(f)}`))}
          from tracking_achievement_monthly t
          cross join unnest(${fields}::text[]) f(field)
          left join accounted a on a.achievement_id = t.achievement_id and a.month = t.month and a.field = f.field
          where t.organisation_id = ${organisationId} and ${inRange('t.month')} and (${anyFigure((f) => `t.${TOTAL_OF[f]}`)})
        )
        select achievement_id, to_char(month, 'YYYY-MM') as month, field, answer, ${figures} from declared
        union all
        select achievement_id, to_char(month, 'YYYY-MM'), field, answer, ${figures} from undeclared where ${anyFigure((f) => f)}`.execute(db);
      return result.rows.map((r) => ({ achievementId: r.achievement_id, month: r.month, field: r.field, answer: r.answer, enrolments: Number(r.enrolments), passes: Number(r.passes), credentials: Number(r.credentials) }));
    },
  };
}

export type EquityRepository = ReturnType<typeof createEquityRepository>;
