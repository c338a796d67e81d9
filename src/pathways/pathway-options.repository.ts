import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

export interface PathwayOption {
  achievementId: string | null;
  achievementUrl: string | null;
  title: string;
  credits: number | null;
  organisation: string;
}

/**
 * What an issuer can build a pathway from: published micro-credentials here (its own as requirements,
 * other organisations' as equivalences) and active harvested offerings from other instances (by URL).
 */
export function createPathwayOptionsRepository(db: Kysely<Database>) {
  return {
    async published(): Promise<Array<PathwayOption & { organisationId: string }>> {
      const rows = await db
        .selectFrom('achievement_versions as v')
        .innerJoin('achievements as a', 'a.id', 'v.achievement_id')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select([
          'a.id as achievement_id',
          'o.id as organisation_id',
          'o.name as organisation_name',
          sql<string>`v.definition->>'title'`.as('title'),
          sql<string | null>`v.definition->'credit'->>'value'`.as('credits'),
          'v.version',
        ])
        .where('v.status', '=', 'published')
        .orderBy('o.name')
        .orderBy('a.id')
        .orderBy('v.version', 'desc')
        .execute();
      const newest = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (!newest.has(row.achievement_id)) newest.set(row.achievement_id, row);
      return [...newest.values()].map((r) => ({
        achievementId: r.achievement_id,
        achievementUrl: null,
        title: r.title,
        credits: r.credits === null ? null : Number(r.credits),
        organisation: r.organisation_name,
        organisationId: r.organisation_id,
      }));
    },

    async harvested(limit = 500): Promise<PathwayOption[]> {
      const rows = await db.selectFrom('harvested_offerings').select(['achievement_id', 'subject_id', 'title', 'issuer_did']).where('status', '=', 'active').orderBy('title').limit(limit).execute();
      return rows.map((r) => ({ achievementId: null, achievementUrl: r.achievement_id, title: r.title, credits: null, organisation: r.issuer_did }));
    },

    async harvestedTitle(url: string): Promise<string | undefined> {
      const row = await db.selectFrom('harvested_offerings').select('title').where((eb) => eb.or([eb('achievement_id', '=', url), eb('subject_id', '=', url)])).executeTakeFirst();
      return row?.title;
    },
  };
}

export type PathwayOptionsRepository = ReturnType<typeof createPathwayOptionsRepository>;
