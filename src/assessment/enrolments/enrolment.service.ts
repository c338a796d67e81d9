import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../../accounts/principal.js';
import { achievementUrl } from '../../catalog/achievement.document.js';
import type { AchievementRecord, AchievementRepository, AchievementVersionRecord } from '../../catalog/achievement.repository.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/tables.js';
import { forbidden, invalidInput, unauthenticated } from '../../errors.js';
import { recordEvent } from '../../tracking/event-log.js';
import { authorizeAssessment, mayAssessment } from '../assessment.access.js';
import { alreadyEnrolled, alreadyPassed, cohortInvalid, enrolmentNotFound, notEnrollable, routeNotOffered } from '../assessment.errors.js';
import { enrolInput } from '../assessment.schema.js';
import type { EnrolmentState } from '../assessment.tables.js';
import type { Rubric } from '../rubrics/rubric.schema.js';
import type { ReviewRecord, ReviewRepository } from '../reviews/review.repository.js';
import { allowedActions, attemptsLeft, isClosed, transition, type EnrolmentAction } from './enrolment-state.js';
import type { EnrolmentRecord, EnrolmentRepository, EvidenceItemRecord, SubmissionRecord } from './enrolment.repository.js';

/** When a definition does not say, a learner may resubmit twice after "not yet passed". */
export const DEFAULT_MAX_RESUBMISSIONS = 2;

export interface EnrolmentServiceDeps {
  db: Kysely<Database>;
  enrolments: EnrolmentRepository;
  reviews: ReviewRepository;
  achievements: Pick<AchievementRepository, 'findById' | 'versions' | 'version'>;
  clock: () => Date;
  publicUrl: string;
}

/** An enrolment with what its pages show: the achievement version, its rubric, the current submission and the decisions. */
export interface EnrolmentDetail {
  enrolment: EnrolmentRecord;
  achievement: { id: string; slug: string; title: string; version: number; documentUrl: string; organisation: { id: string; slug: string; name: string } };
  rubric: Rubric | null;
  attemptsLeft: number;
  closed: boolean;
  allowedActions: EnrolmentAction[];
  submission: (SubmissionRecord & { evidence: EvidenceItemRecord[] }) | null;
  /** Decided reviews of the current submission (a learner sees their scores and feedback); reviewers also see open claims. */
  reviews: ReviewRecord[];
  requiredReviews: number;
  viewer: 'learner' | 'reviewer';
}

export type Loaded = { enrolment: EnrolmentRecord; achievement: AchievementRecord; version: AchievementVersionRecord };

/** Enrolling (on demand or into a cohort, by either route), reading one's enrolments, withdrawing. */
export function createEnrolmentService(deps: EnrolmentServiceDeps) {
  const { db, enrolments, clock } = deps;

  const load = async (enrolment: EnrolmentRecord): Promise<Loaded> => {
    const achievement = (await deps.achievements.findById(enrolment.achievementId))!;
    const version = (await deps.achievements.version(enrolment.achievementId, enrolment.achievementVersion, 'public'))!;
    return { enrolment, achievement, version };
  };

  /**
   * The enrolment if the caller may see it: its learner (in a session), or an assessor or admin of its
   * organisation. Anyone else finds nothing, as if it did not exist.
   */
  async function readable(principal: Principal, id: string): Promise<{ enrolment: EnrolmentRecord; viewer: 'learner' | 'reviewer' }> {
    if (principal.kind === 'anonymous') throw unauthenticated();
    const enrolment = await enrolments.findById(id);
    if (enrolment && enrolment.personId === principal.person.id) {
      authorizeAssessment(principal, 'enrolment.own', { personId: enrolment.personId });
      return { enrolment, viewer: 'learner' };
    }
    if (enrolment && mayAssessment(principal, 'enrolment.review', { organisationId: enrolment.organisationId })) return { enrolment, viewer: 'reviewer' };
    throw enrolmentNotFound();
  }

  async function detail(enrolment: EnrolmentRecord, viewer: 'learner' | 'reviewer'): Promise<EnrolmentDetail> {
    const { achievement, version } = await load(enrolment);
    const submission = await enrolments.currentSubmission(db, enrolment.id);
    const evidence = submission ? await enrolments.evidenceOf([submission.id]) : [];
    const reviews = submission ? await deps.reviews.reviewsOf([submission.id]) : [];
    return {
      enrolment,
      achievement: {
        id: achievement.id,
        slug: achievement.slug,
        title: version.definition.title,
        version: version.version,
        documentUrl: achievementUrl(deps.publicUrl, achievement.organisation.slug, achievement.slug, version.version),
        organisation: { id: achievement.organisation.id, slug: achievement.organisation.slug, name: achievement.organisation.name },
      },
      rubric: version.definition.rubric ?? null,
      attemptsLeft: attemptsLeft(enrolment.attempts, enrolment.maxResubmissions),
      closed: isClosed(enrolment.state, enrolment.attempts, enrolment.maxResubmissions),
      allowedActions: allowedActions(enrolment.state),
      submission: submission ? { ...submission, evidence } : null,
      reviews: viewer === 'learner' ? reviews.filter((r) => r.decidedAt !== null) : reviews,
      requiredReviews: await deps.reviews.requiredReviews(enrolment.organisationId),
      viewer,
    };
  }

  /** Moves an enrolment through the state machine and records the event, in the caller's transaction. */
  async function move(trx: Transaction<Database>, enrolment: EnrolmentRecord, action: EnrolmentAction, actorId: string, extra: { attempts?: number; payload?: Record<string, unknown> } = {}): Promise<EnrolmentRecord> {
    const to: EnrolmentState = transition(enrolment.state, action);
    const updated = await enrolments.update(trx, enrolment.id, { state: to, ...(extra.attempts !== undefined ? { attempts: extra.attempts } : {}) }, clock());
    await recordEvent(trx, {
      type: `enrolment.${action}`,
      actorId,
      organisationId: enrolment.organisationId,
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      payload: { from: enrolment.state, to, achievementId: enrolment.achievementId, version: enrolment.achievementVersion, ...extra.payload },
    });
    return updated;
  }

  /** The newest published version, if it has a rubric: what a learner enrols under. */
  async function enrollableVersion(achievementId: string): Promise<Loaded['version'] & { achievement: AchievementRecord }> {
    const achievement = await deps.achievements.findById(achievementId);
    const newest = achievement ? (await deps.achievements.versions(achievementId, 'public')).find((v) => v.status === 'published') : undefined;
    if (!achievement || !newest) throw notEnrollable();
    if (!newest.definition.rubric) throw notEnrollable();
    return { ...newest, achievement };
  }

  function checkCohort(version: AchievementVersionRecord, cohortStartsOn: string | undefined): string | null {
    const { startDates } = version.definition;
    if (startDates.kind === 'on-demand') {
      if (cohortStartsOn !== undefined) throw cohortInvalid('This micro-credential is on demand: start any day, without a cohort.');
      return null;
    }
    if (cohortStartsOn === undefined) throw cohortInvalid(`Choose a cohort: ${startDates.cohorts.map((c) => c.startsOn).join(', ')}.`);
    if (!startDates.cohorts.some((c) => c.startsOn === cohortStartsOn)) throw cohortInvalid(`There is no cohort starting ${cohortStartsOn} (cohorts: ${startDates.cohorts.map((c) => c.startsOn).join(', ')}).`);
    if (cohortStartsOn < clock().toISOString().slice(0, 10)) throw cohortInvalid(`The cohort of ${cohortStartsOn} has already started.`);
    return cohortStartsOn;
  }

  return {
    readable,
    detail,
    move,
    load,

    async enrol(principal: Principal, raw: unknown): Promise<EnrolmentDetail> {
      if (principal.kind === 'anonymous') throw unauthenticated();
      const actor = authorizeAssessment(principal, 'enrolment.own', { personId: principal.person.id });
      const parsed = enrolInput.safeParse(raw);
      if (!parsed.success) throw invalidInput('The enrolment is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const input = parsed.data;
      const version = await enrollableVersion(input.achievementId);
      if (input.route === 'assessment-only' && !version.definition.assessmentOnlyRoute) throw routeNotOffered();
      const cohort = checkCohort(version, input.cohortStartsOn);
      try {
        const enrolment = await db.transaction().execute(async (trx) => {
          const earlier = await enrolments.latestForPerson(trx, actor.person.id, input.achievementId);
          const passed = earlier.find((e) => e.state === 'passed');
          if (passed) throw alreadyPassed(passed.id);
          const created = await enrolments.insert(trx, {
            personId: actor.person.id,
            organisationId: version.achievement.organisation.id,
            achievementId: input.achievementId,
            achievementVersion: version.version,
            route: input.route,
            cohortStartsOn: cohort,
            maxResubmissions: version.definition.maxResubmissions ?? DEFAULT_MAX_RESUBMISSIONS,
            at: clock(),
          });
          await recordEvent(trx, {
            type: 'enrolment.enrolled',
            actorId: actor.person.id,
            organisationId: created.organisationId,
            subjectType: 'enrolment',
            subjectId: created.id,
            payload: { to: 'enrolled', achievementId: created.achievementId, version: created.achievementVersion, route: created.route, cohortStartsOn: cohort },
          });
          return created;
        });
        return await detail(enrolment, 'learner');
      } catch (error) {
        if (isUniqueViolation(error)) {
          const active = (await enrolments.latestForPerson(db, actor.person.id, input.achievementId)).find((e) => e.state !== 'passed' && e.state !== 'withdrawn');
          throw alreadyEnrolled(active?.id ?? '');
        }
        throw error;
      }
    },

    async listOwn(principal: Principal): Promise<EnrolmentDetail[]> {
      if (principal.kind === 'anonymous') throw unauthenticated();
      const actor = authorizeAssessment(principal, 'enrolment.own', { personId: principal.person.id });
      return Promise.all((await enrolments.listForPerson(actor.person.id)).map((e) => detail(e, 'learner')));
    },

    async get(principal: Principal, id: string): Promise<EnrolmentDetail> {
      const { enrolment, viewer } = await readable(principal, id);
      return detail(enrolment, viewer);
    },

    async withdraw(principal: Principal, id: string): Promise<EnrolmentDetail> {
      const { enrolment, viewer } = await readable(principal, id);
      if (viewer !== 'learner') throw forbidden('Only the learner can withdraw from an enrolment.');
      const updated = await db.transaction().execute(async (trx) => move(trx, (await enrolments.findById(id, trx, { lock: true }))!, 'withdraw', enrolment.personId));
      return detail(updated, 'learner');
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
