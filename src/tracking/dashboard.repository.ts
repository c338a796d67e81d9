import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { firstDay } from './dashboard-range.js';
import type { DashboardRange, Month } from './dashboard.schema.js';
import { ROLLUP_FIGURES, type Figures } from './rollup.tables.js';

/**
 * The dashboards' SQL. Every figure reads the rollups, never the events: months and totals the level the
 * dashboard is about (the platform's or an organisation's rows: one per month), the per-achievement and
 * per-organisation tables the rows of that level for the range (one per achievement or organisation and
 * month), search demand its daily terms. Names and skills come from the achievements' stored versions;
 * pathway funnels from the pathways' own state (constituents, enrolments, credentials, awards).
 */

/** Which slice of the rollups: one organisation (or all, `null`), optionally one achievement. */
export interface Slice {
  organisationId: string | null;
  achievementId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const summed = sql.join(ROLLUP_FIGURES.map((f) => sql`sum(${sql.ref(f)}) as ${sql.ref(f)}`));
const figuresOf = (row: Record<string, unknown>, prefix = ''): Figures =>
  Object.fromEntries(ROLLUP_FIGURES.map((f) => [f, Number(row[`${prefix}${f}`] ?? 0)])) as Figures;

export function createDashboardRepository(db: Kysely<Database>) {
  const sliceWhere = (slice: Slice) =>
    sql.join(
      [
        ...(slice.organisationId !== null ? [sql`organisation_id = ${slice.organisationId}`] : []),
        ...(slice.achievementId !== null ? [sql`achievement_id = ${slice.achievementId}`] : []),
        sql`true`,
      ],
      sql` and `,
    );

  /** The smallest rollup that holds a slice's months: the platform's, one organisation's, or the achievements'. */
  const monthlySource = (slice: Slice) =>
    slice.achievementId !== null ? sql`tracking_achievement_monthly where ${sliceWhere(slice)}`
    : slice.organisationId !== null ? sql`tracking_organisation_monthly where organisation_id = ${slice.organisationId}`
    : sql`tracking_platform_monthly where true`;

  const histogramSource = (slice: Slice) =>
    slice.achievementId !== null ? sql`tracking_time_to_credential where ${sliceWhere(slice)}`
    : slice.organisationId !== null ? sql`tracking_organisation_time_to_credential where organisation_id = ${slice.organisationId}`
    : sql`tracking_platform_time_to_credential where true`;

  const inRange = (range: DashboardRange) => sql`month between ${firstDay(range.from)}::date and ${firstDay(range.to)}::date`;

  return {
    /**
     * The slice's figures per month of the range, and everything before the range in one sum (where
     * "active" starts from): a row per month of its history up to the range's end.
     */
    async monthly(slice: Slice, range: DashboardRange): Promise<{ before: Figures; months: Map<Month, Figures> }> {
      const result = await sql<Record<string, unknown> & { month: Month | null }>`
        select case when month < ${firstDay(range.from)}::date then null else to_char(month, 'YYYY-MM') end as month, ${summed}
        from ${monthlySource(slice)} and month <= ${firstDay(range.to)}::date
        group by 1`.execute(db);
      const months = new Map<Month, Figures>();
      let before = figuresOf({});
      for (const row of result.rows) {
        if (row.month === null) before = figuresOf(row);
        else months.set(row.month, figuresOf(row));
      }
      return { before, months };
    },

    /** The slice's figures in the range per achievement (the achievements with a rollup row in it). */
    async byAchievement(slice: Slice, range: DashboardRange): Promise<Map<string, Figures>> {
      const result = await sql<Record<string, unknown> & { achievement_id: string }>`
        select achievement_id, ${summed} from tracking_achievement_monthly
        where ${sliceWhere(slice)} and ${inRange(range)}
        group by achievement_id`.execute(db);
      return new Map(result.rows.map((row) => [row.achievement_id, figuresOf(row)]));
    },

    /** Per organisation (of one achievement, when given): its figures in the range, and up to the range's end. */
    async byOrganisation(achievementId: string | null, range: DashboardRange): Promise<Map<string, { inRange: Figures; toDate: Figures }>> {
      const source = achievementId !== null ? sql`tracking_achievement_monthly where achievement_id = ${achievementId}` : sql`tracking_organisation_monthly where true`;
      const result = await sql<Record<string, unknown> & { organisation_id: string }>`
        select organisation_id,
               ${sql.join(ROLLUP_FIGURES.map((f) => sql`sum(${sql.ref(f)}) filter (where month >= ${firstDay(range.from)}::date) as ${sql.ref(f)}`))},
               ${sql.join(ROLLUP_FIGURES.map((f) => sql`sum(${sql.ref(f)}) as ${sql.ref(`to_date_${f}`)}`))}
        from ${source} and month <= ${firstDay(range.to)}::date
        group by organisation_id`.execute(db);
      return new Map(result.rows.map((row) => [row.organisation_id, { inRange: figuresOf(row), toDate: figuresOf(row, 'to_date_') }]));
    },

    /** The days-to-credential histogram of the slice's completions in the range. */
    async timeToCredential(slice: Slice, range: DashboardRange): Promise<Array<{ days: number; count: number }>> {
      const result = await sql<{ days: number; count: string }>`
        select days, sum(count) as count from ${histogramSource(slice)} and ${inRange(range)} group by days`.execute(db);
      return result.rows.map((r) => ({ days: Number(r.days), count: Number(r.count) }));
    },

    /** The days-to-credential histograms of completions in the range, per achievement. */
    async timeToCredentialByAchievement(slice: Slice, range: DashboardRange): Promise<Map<string, Array<{ days: number; count: number }>>> {
      const result = await sql<{ achievement_id: string; days: number; count: string }>`
        select achievement_id, days, sum(count) as count
        from tracking_time_to_credential
        where ${sliceWhere(slice)} and ${inRange(range)}
        group by 1, 2`.execute(db);
      const histograms = new Map<string, Array<{ days: number; count: number }>>();
      for (const r of result.rows) {
        const histogram = histograms.get(r.achievement_id) ?? [];
        histogram.push({ days: Number(r.days), count: Number(r.count) });
        histograms.set(r.achievement_id, histogram);
      }
      return histograms;
    },

    /** Titles, slugs and organisations of achievements by id (ids that are not achievements here are left out). */
    async achievementNames(ids: string[]): Promise<Map<string, { title: string; slug: string; organisation: string; organisationId: string }>> {
      const uuids = ids.filter((id) => UUID.test(id));
      if (uuids.length === 0) return new Map();
      const rows = await db
        .selectFrom('achievements as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select((eb) => [
          'a.id',
          'a.slug',
          'a.organisation_id',
          'o.slug as organisation',
          eb
            .selectFrom('achievement_versions as v')
            .select(sql<string>`v.definition->>'title'`.as('title'))
            .whereRef('v.achievement_id', '=', 'a.id')
            .orderBy('v.version', 'desc')
            .limit(1)
            .as('title'),
        ])
        .where('a.id', 'in', uuids)
        .execute();
      return new Map(rows.map((r) => [String(r.id), { title: r.title ?? r.slug, slug: r.slug, organisation: r.organisation, organisationId: r.organisation_id }]));
    },

    /** Whether an achievement exists (of the organisation, when given). */
    async achievementExists(id: string, organisationId: string | null): Promise<boolean> {
      if (!UUID.test(id)) return false;
      let query = db.selectFrom('achievements').select('id').where('id', '=', id);
      if (organisationId !== null) query = query.where('organisation_id', '=', organisationId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    /** The ESCO skills each achievement's newest non-draft version aligns its outcomes to (each skill once). */
    async skillsOf(ids: string[]): Promise<Map<string, Array<{ uri: string; label: string }>>> {
      const uuids = ids.filter((id) => UUID.test(id));
      if (uuids.length === 0) return new Map();
      const result = await sql<{ achievement_id: string; uri: string; label: string }>`
        select distinct latest.achievement_id::text as achievement_id, s->>'uri' as uri, s->>'label' as label
        from (
          select distinct on (v.achievement_id) v.achievement_id, v.definition from achievement_versions v
          where v.achievement_id in (${sql.join(uuids)}) and v.status <> 'draft'
          order by v.achievement_id, v.version desc
        ) latest
        cross join lateral jsonb_array_elements(coalesce(latest.definition->'outcomes', '[]'::jsonb)) o
        cross join lateral jsonb_array_elements(coalesce(o->'escoSkills', '[]'::jsonb)) s
        where s->>'uri' is not null`.execute(db);
      const skills = new Map<string, Array<{ uri: string; label: string }>>();
      for (const r of result.rows) skills.set(r.achievement_id, [...(skills.get(r.achievement_id) ?? []), { uri: r.uri, label: r.label }]);
      return skills;
    },

    /**
     * Per published pathway (newest published version) and number of its local parts a learner holds: how
     * many learners, and how many of them completed. The range picks a cohort: the learners whose first
     * step on the pathway (an enrolment in a part, a part's credential, or the award) falls in it, each
     * with their progress as at the range's end (credentials issued and awards made by then; a credential
     * revoked since does not count).
     */
    async pathwayFunnelCounts(organisationId: string | null, range: DashboardRange, limit: number): Promise<{
      pathways: Array<{ pathwayId: string; slug: string; title: string; parts: number }>;
      counts: Array<{ pathwayId: string; earned: number; completed: boolean; learners: number }>;
    }> {
      const orgFilter = organisationId === null ? sql`true` : sql`pw.organisation_id = ${organisationId}`;
      const pathways = await sql<{ pathway_id: string; version_id: string; slug: string; title: string; parts: string }>`
        select p.pathway_id, p.version_id, p.slug, p.title,
               (select count(distinct pc.achievement_id) from pathway_constituents pc where pc.pathway_version_id = p.version_id and pc.achievement_id is not null) as parts
        from (
          select distinct on (pv.pathway_id) pv.pathway_id, pv.id as version_id, pw.slug, pv.definition->>'title' as title
          from pathway_versions pv join pathways pw on pw.id = pv.pathway_id
          where pv.status = 'published' and ${orgFilter}
          order by pv.pathway_id, pv.version desc
        ) p
        order by p.slug limit ${limit}`.execute(db);
      if (pathways.rows.length === 0) return { pathways: [], counts: [] };
      const versionIds = pathways.rows.map((p) => p.version_id);
      const starts = sql`${firstDay(range.from)}::timestamp at time zone 'UTC'`;
      const ends = sql`(${firstDay(range.to)}::timestamp + interval '1 month') at time zone 'UTC'`;
      const counts = await sql<{ pathway_id: string; earned: string; completed: boolean; learners: string }>`
        with parts as (
          select pv.pathway_id, pc.achievement_id from pathway_constituents pc
          join pathway_versions pv on pv.id = pc.pathway_version_id
          where pc.pathway_version_id in (${sql.join(versionIds)}) and pc.achievement_id is not null
        ),
        enrolled as (
          select parts.pathway_id, e.person_id, min(e.created_at) as first_at
          from parts join enrolments e on e.achievement_id = parts.achievement_id
          where e.created_at < ${ends}
          group by 1, 2
        ),
        earned as (
          select parts.pathway_id, c.recipient_person_id as person_id, count(distinct c.achievement_id) as n, min(c.issued_at) as first_at
          from parts join issued_credentials c on c.achievement_id = parts.achievement_id
          where c.recipient_person_id is not null and c.status <> 'revoked' and c.issued_at < ${ends}
          group by 1, 2
        ),
        completed as (
          select pv.pathway_id, a.person_id, min(a.awarded_at) as first_at
          from pathway_awards a join pathway_versions pv on pv.id = a.pathway_version_id
          where pv.pathway_id in (select pathway_id from parts union select pathway_id from pathway_versions where id in (${sql.join(versionIds)}))
            and a.awarded_at < ${ends}
          group by 1, 2
        ),
        learners as (
          select pathway_id, person_id from (
            select pathway_id, person_id, first_at from enrolled
            union all select pathway_id, person_id, first_at from earned
            union all select pathway_id, person_id, first_at from completed
          ) steps
          group by 1, 2
          having min(first_at) >= ${starts}
        )
        select l.pathway_id, coalesce(er.n, 0) as earned, (c.person_id is not null) as completed, count(*) as learners
        from learners l
        left join earned er on er.pathway_id = l.pathway_id and er.person_id = l.person_id
        left join completed c on c.pathway_id = l.pathway_id and c.person_id = l.person_id
        group by 1, 2, 3`.execute(db);
      return {
        pathways: pathways.rows.map((p) => ({ pathwayId: String(p.pathway_id), slug: p.slug, title: p.title ?? p.slug, parts: Number(p.parts) })),
        counts: counts.rows.map((c) => ({ pathwayId: String(c.pathway_id), earned: Number(c.earned), completed: Boolean(c.completed), learners: Number(c.learners) })),
      };
    },

    async refreshedAt(): Promise<Date | null> {
      const row = await db.selectFrom('tracking_rollup_state').select('refreshed_at').where('name', '=', 'rollups').executeTakeFirst();
      return row?.refreshed_at ? new Date(row.refreshed_at) : null;
    },

    async organisationNames(): Promise<Map<string, { slug: string; name: string }>> {
      const rows = await db.selectFrom('organisations').select(['id', 'slug', 'name']).execute();
      return new Map(rows.map((r) => [String(r.id), { slug: r.slug, name: r.name }]));
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
