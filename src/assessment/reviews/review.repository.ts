import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { CriterionScoreRow, EnrolmentState } from '../assessment.tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ReviewRecord {
  id: string;
  submissionId: string;
  assessorId: string;
  assessorName: string;
  role: 'assessor' | 'moderator';
  decision: 'pass' | 'return' | null;
  scores: CriterionScoreRow[];
  feedback: string | null;
  claimedAt: Date;
  decidedAt: Date | null;
}

export interface QueueRow {
  enrolmentId: string;
  state: EnrolmentState;
  learnerName: string;
  achievementId: string;
  achievementVersion: number;
  achievementTitle: string;
  route: string;
  attempts: number;
  submittedAt: Date | null;
}

const reviewQuery = (db: Executor) =>
  db
    .selectFrom('reviews as r')
    .innerJoin('people as p', 'p.id', 'r.assessor_id')
    .select(['r.id', 'r.submission_id', 'r.assessor_id', 'p.display_name', 'r.role', 'r.decision', 'r.scores', 'r.feedback', 'r.claimed_at', 'r.decided_at']);

type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewQuery>['executeTakeFirstOrThrow']>>;
const toReview = (row: ReviewRow): ReviewRecord => ({
  id: row.id,
  submissionId: row.submission_id,
  assessorId: row.assessor_id,
  assessorName: row.display_name,
  role: row.role,
  decision: row.decision,
  scores: row.scores,
  feedback: row.feedback,
  claimedAt: row.claimed_at,
  decidedAt: row.decided_at,
});

/** Assessors' reviews of submissions, the organisation's review queue, and its review setting. */
export function createReviewRepository(db: Kysely<Database>) {
  return {
    async reviewsOf(submissionIds: readonly string[], executor: Executor = db): Promise<ReviewRecord[]> {
      if (submissionIds.length === 0) return [];
      const rows = await reviewQuery(executor).where('r.submission_id', 'in', submissionIds).orderBy('r.claimed_at').execute();
      return rows.map(toReview);
    },

    async insertClaim(trx: Transaction<Database>, values: { submissionId: string; assessorId: string; role: 'assessor' | 'moderator'; at: Date }): Promise<void> {
      await trx.insertInto('reviews').values({ submission_id: values.submissionId, assessor_id: values.assessorId, role: values.role, claimed_at: values.at }).execute();
    },

    async decide(trx: Transaction<Database>, reviewId: string, values: { decision: 'pass' | 'return'; scores: CriterionScoreRow[]; feedback: string | null; at: Date }): Promise<void> {
      await trx
        .updateTable('reviews')
        .set({ decision: values.decision, scores: JSON.stringify(values.scores), feedback: values.feedback, decided_at: values.at })
        .where('id', '=', reviewId)
        .execute();
    },

    /** Enrolments of an organisation waiting for or under review, oldest submission first. */
    async queue(organisationId: string): Promise<QueueRow[]> {
      const rows = await db
        .selectFrom('enrolments as e')
        .innerJoin('people as p', 'p.id', 'e.person_id')
        .innerJoin('achievement_versions as v', (join) => join.onRef('v.achievement_id', '=', 'e.achievement_id').onRef('v.version', '=', 'e.achievement_version'))
        .leftJoin('submissions as s', (join) => join.onRef('s.enrolment_id', '=', 'e.id').onRef('s.attempt', '=', 'e.attempts'))
        .select(['e.id', 'e.state', 'p.display_name', 'e.achievement_id', 'e.achievement_version', 'e.route', 'e.attempts', 's.submitted_at', sql<string>`v.definition->>'title'`.as('title')])
        .where('e.organisation_id', '=', organisationId)
        .where('e.state', 'in', ['submitted', 'under_review', 'in_moderation'])
        .orderBy('s.submitted_at')
        .orderBy('e.id')
        .limit(500)
        .execute();
      return rows.map((row) => ({
        enrolmentId: row.id,
        state: row.state,
        learnerName: row.display_name,
        achievementId: row.achievement_id,
        achievementVersion: row.achievement_version,
        achievementTitle: row.title,
        route: row.route,
        attempts: row.attempts,
        submittedAt: row.submitted_at,
      }));
    },

    /** Reviews each submission needs: 1 unless the organisation asked for two assessors. */
    async requiredReviews(organisationId: string, executor: Executor = db): Promise<number> {
      const row = await executor.selectFrom('assessment_settings').select('required_reviews').where('organisation_id', '=', organisationId).executeTakeFirst();
      return row?.required_reviews ?? 1;
    },

    async setRequiredReviews(trx: Transaction<Database>, organisationId: string, requiredReviews: number, at: Date): Promise<void> {
      await trx
        .insertInto('assessment_settings')
        .values({ organisation_id: organisationId, required_reviews: requiredReviews, updated_at: at })
        .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ required_reviews: requiredReviews, updated_at: at }))
        .execute();
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
