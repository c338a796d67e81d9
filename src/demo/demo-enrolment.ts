import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { recordEvent } from '../tracking/event-log.js';

const NARRATIVE =
  'During my shift on line 3 I walked the floor with the team lead and listed eleven hazards: two unguarded conveyor nips, a blocked eyewash station, forklift crossings without mirrors and more. I rated each with the plant matrix and started the register attached.';

/**
 * The demo learner's enrolment in progress, so their learning page and the assessor's pages are not empty:
 * the course route into the first cohort of the safety micro-credential, with a narrative drafted and not
 * yet submitted. Written in the demo seed's transaction, through the same events the service records.
 */
export async function seedDemoEnrolment(trx: Transaction<Database>, learnerEmail: string): Promise<void> {
  const learner = await trx.selectFrom('people').select('id').where('email', '=', learnerEmail).executeTakeFirstOrThrow();
  const achievement = await trx
    .selectFrom('achievements as a')
    .innerJoin('achievement_versions as v', 'v.achievement_id', 'a.id')
    .select(['a.id', 'a.organisation_id', 'v.version', 'v.definition'])
    .where('a.slug', '=', 'workplace-health-and-safety')
    .executeTakeFirstOrThrow();
  const definition = achievement.definition as { startDates: { kind: string; cohorts?: Array<{ startsOn: string }> }; maxResubmissions?: number };
  const enrolment = await trx
    .insertInto('enrolments')
    .values({
      person_id: learner.id,
      organisation_id: achievement.organisation_id,
      achievement_id: achievement.id,
      achievement_version: achievement.version,
      route: 'course',
      cohort_starts_on: definition.startDates.cohorts?.[0]?.startsOn ?? null,
      state: 'enrolled',
      max_resubmissions: definition.maxResubmissions ?? 2,
    })
    .returning(['id', 'organisation_id'])
    .executeTakeFirstOrThrow();
  await recordEvent(trx, { type: 'enrolment.enrolled', actorId: learner.id, organisationId: enrolment.organisation_id, subjectType: 'enrolment', subjectId: enrolment.id, payload: { to: 'enrolled', route: 'course', demo: true } });
  const submission = await trx.insertInto('submissions').values({ enrolment_id: enrolment.id, attempt: 1 }).returning('id').executeTakeFirstOrThrow();
  const item = await trx
    .insertInto('evidence_items')
    .values({ submission_id: submission.id, kind: 'narrative', name: 'Hazard walk-through on line 3', narrative: NARRATIVE, content_sha256: createHash('sha256').update(NARRATIVE, 'utf8').digest('hex') })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, { type: 'evidence.added', actorId: learner.id, organisationId: enrolment.organisation_id, subjectType: 'enrolment', subjectId: enrolment.id, payload: { evidenceId: item.id, kind: 'narrative', attempt: 1, demo: true } });
}
