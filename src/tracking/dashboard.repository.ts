import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { firstDay } from './dashboard-range.js';
import type { DashboardRange } from './dashboard.schema.js';

/**
 * The dashboards' SQL. Every figure reads the rollups (tracking_monthly, tracking_time_to_credential,
 * search_term_demand), a few thousand rows per organisation, never the events. Names and skills come from
 * the achievements' stored versions; pathway funnels from the pathways' own state (constituents,
 * enrolments, credentials, awards), which is per person by nature and bounded by the pathways' parts.
 */

/** Which slice of the rollups: one organisation (or all, `null`), optionally one achievement. */
export interface Slice {
  organisationId: string | null;
  achievementId: string | null;
}

export interface MetricSums {
  key: string;
  metric: string;
  /** Sum over the range. */
  inRange: number;
  /** Sum from the beginning up to the end of the range (for "active"). */
  toDate: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  /**
   * Sums per month, per achievement and (when asked) per organisation, each per metric, in the range and
   * up to its end, in one pass over the slice's rollup rows (grouping sets) rather than one pass each.
   */
  async function sums(slice: Slice, range: DashboardRange, by: ReadonlyArray<'month' | 'achievement' | 'organisation'>, metrics: readonly string[]): Promise<Record<'month' | 'achievement' | 'organisation', MetricSums[]>> {
    const column = { month: sql`month`, achievement: sql`achievement_id`, organisation: sql`organisation_id` };
    const result = await sql<{ by: 'month' | 'achievement' | 'organisation'; key: string; metric: string; in_range: string | null; to_date: string | null }>`
      select case ${sql.join(by.map((b) => sql`when grouping(${column[b]}) = 0 then ${b}::text`), sql` `)} end as by,
             coalesce(${sql.join(by.map((b) => (b === 'month' ? sql`to_char(month, 'YYYY-MM')` : column[b])))}) as key, metric,
             sum(count) filter (where month >= ${firstDay(range.from)}::date) as in_range,
             sum(count) as to_date
      from tracking_monthly
      where ${sliceWhere(slice)} and month <= ${firstDay(range.to)}::date and metric in (${sql.join(metrics)})
      group by grouping sets (${sql.join(by.map((b) => sql`(${column[b]}, metric)`))})`.execute(db);
    const grouped: Record<'month' | 'achievement' | 'organisation', MetricSums[]> = { month: [], achievement: [], organisation: [] };
    for (const r of result.rows) grouped[r.by].push({ key: r.key, metric: r.metric, inRange: Number(r.in_range ?? 0), toDate: Number(r.to_date ?? 0) });
    return grouped;
  }

  return {
    sums,

    /** The days-to-credential histogram of completions in the range, per achievement. */
    async timeToCredential(slice: Slice, range: DashboardRange): Promise<Array<{ achievementId: string; days: number; count: number }>> {
      const result = await sql<{ achievement_id: string; days: number; count: string }>`
        select achievement_id, days, sum(count) as count
        from tracking_time_to_credential
        where ${sliceWhere(slice)} and month between ${firstDay(range.from)}::date and ${firstDay(range.to)}::date
        group by 1, 2`.execute(db);
      return result.rows.map((r) => ({ achievementId: r.achievement_id, days: Number(r.days), count: Number(r.count) }));
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
     * many learners, and how many of them completed. Learners are those enrolled in, or holding a credential
     * for, at least one part, or awarded the pathway.
     */
    async pathwayFunnelCounts(organisationId: string | null, limit: number): Promise<{
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
      const counts = await sql<{ pathway_id: string; earned: string; completed: boolean; learners: string }>`
        with parts as (
          select pv.pathway_id, pc.achievement_id from pathway_constituents pc
          join pathway_versions pv on pv.id = pc.pathway_version_id
          where pc.pathway_version_id in (${sql.join(versionIds)}) and pc.achievement_id is not null
        ),
        enrolled as (
          select distinct parts.pathway_id, e.person_id from parts join enrolments e on e.achievement_id = parts.achievement_id
        ),
        earned as (
          select parts.pathway_id, c.recipient_person_id as person_id, count(distinct c.achievement_id) as n
          from parts join issued_credentials c on c.achievement_id = parts.achievement_id
          where c.recipient_person_id is not null and c.status <> 'revoked'
          group by 1, 2
        ),
        completed as (
          select distinct pv.pathway_id, a.person_id from pathway_awards a join pathway_versions pv on pv.id = a.pathway_version_id
          where pv.pathway_id in (select pathway_id from parts union select pathway_id from pathway_versions where id in (${sql.join(versionIds)}))
        ),
        learners as (
          select pathway_id, person_id from enrolled union select pathway_id, person_id from earned union select pathway_id, person_id from completed
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
