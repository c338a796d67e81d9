import { sql, type Kysely } from 'kysely';
import type { Principal } from '../accounts/principal.js';
import type { Database } from '../db/tables.js';
import { authorizePathways } from '../pathways/pathway.access.js';
import type { PathwayProgressService } from '../pathways/pathway-progress.service.js';
import type { MyProgress } from './dashboard.schema.js';

/**
 * A learner's own progress: enrolments, credentials and pathways. It reads the person's own rows (a
 * handful) rather than the rollups, which hold no person; the pathway part is the pathways capability's
 * own progress (the same standings as GET /api/v1/me/pathways), so the rules are evaluated in one place.
 */
export function createLearnerProgress(deps: { db: Kysely<Database>; pathways: Pick<PathwayProgressService, 'mine'> }) {
  const { db } = deps;
  return {
    async mine(principal: Principal): Promise<MyProgress> {
      // A person's own learning, like their wallet: the pathways' `read_own` policy (scope wallet:read).
      const personId = authorizePathways(principal, 'pathways.read_own', {}).person.id;
      const [standings, enrolments, credentials] = await Promise.all([
        deps.pathways.mine(principal),
        db
          .selectFrom('enrolments as e')
          .innerJoin('achievements as a', 'a.id', 'e.achievement_id')
          .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
          .innerJoin('achievement_versions as v', (join) => join.onRef('v.achievement_id', '=', 'e.achievement_id').onRef('v.version', '=', 'e.achievement_version'))
          .select(['e.id', 'e.achievement_id', 'a.slug', 'o.slug as organisation', 'e.route', 'e.state', 'e.attempts', 'e.created_at', 'e.credential_id', sql<string>`v.definition->>'title'`.as('title')])
          .where('e.person_id', '=', personId)
          .orderBy('e.created_at', 'desc')
          .execute(),
        db
          .selectFrom('issued_credentials as c')
          .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
          .select(['c.id', 'c.achievement_id', 'c.issued_at', 'c.status', 'o.slug as organisation', sql<string | null>`c.credential->'credentialSubject'->'achievement'->>'name'`.as('title')])
          .where('c.recipient_person_id', '=', personId)
          .where('c.kind', '=', 'OpenBadgeCredential')
          .orderBy('c.issued_at', 'desc')
          .execute(),
      ]);
      const inProgress = enrolments.filter((e) => !['passed', 'withdrawn'].includes(e.state)).length;
      return {
        enrolments: enrolments.map((e) => ({
          id: String(e.id),
          achievement: { id: String(e.achievement_id), title: e.title ?? e.slug, slug: e.slug, organisation: e.organisation },
          route: e.route,
          state: e.state,
          attempts: Number(e.attempts),
          enrolledAt: new Date(e.created_at).toISOString(),
          credentialId: e.credential_id,
        })),
        credentials: credentials.map((c) => ({
          id: c.id,
          achievementId: c.achievement_id,
          title: c.title ?? 'Credential',
          organisation: c.organisation,
          issuedAt: new Date(c.issued_at).toISOString(),
          status: c.status,
        })),
        pathways: standings.map((s) => ({
          pathwayId: s.pathway.id,
          title: s.version.definition.title,
          organisation: s.pathway.organisation.slug,
          done: s.evaluation.done,
          needed: s.evaluation.needed,
          satisfied: s.evaluation.satisfied,
          summary: s.evaluation.summary,
          awardedAt: s.award ? s.award.awardedAt.toISOString() : null,
        })),
        totals: {
          enrolments: enrolments.length,
          inProgress,
          passed: enrolments.filter((e) => e.state === 'passed').length,
          credentials: credentials.length,
          pathwaysCompleted: standings.filter((s) => s.award !== null).length,
        },
      };
    },
  };
}

export type LearnerProgress = ReturnType<typeof createLearnerProgress>;
