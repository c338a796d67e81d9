import type { Kysely, Transaction } from 'kysely';
import { organisationNotFound } from '../../accounts/accounts.errors.js';
import type { OrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { PersonPrincipal, Principal } from '../../accounts/principal.js';
import type { Database } from '../../db/tables.js';
import { forbidden, invalidInput } from '../../errors.js';
import type { NotificationsService } from '../../notifications/notifications.service.js';
import { recordEvent } from '../../tracking/event-log.js';
import { authorizeAssessment } from '../assessment.access.js';
import { alreadyClaimed, decisionContradictsRubric, enrolmentNotFound, notClaimed, notPassed, scoresInvalid } from '../assessment.errors.js';
import { assessmentSettingsInput, decisionInput, type DecisionInput } from '../assessment.schema.js';
import { transition } from '../enrolments/enrolment-state.js';
import type { EnrolmentRecord, EnrolmentRepository } from '../enrolments/enrolment.repository.js';
import type { EnrolmentDetail, EnrolmentService, Loaded } from '../enrolments/enrolment.service.js';
import { evaluateRubric, scoreIssues } from '../rubrics/rubric.js';
import type { QueueRow, ReviewRecord, ReviewRepository } from './review.repository.js';

export interface ReviewServiceDeps {
  db: Kysely<Database>;
  enrolments: EnrolmentRepository;
  enrolmentService: EnrolmentService;
  reviews: ReviewRepository;
  organisations: Pick<OrganisationsRepository, 'findBySlug'>;
  notifications: NotificationsService | null;
  /** Issues the credential of a passed enrolment (credential-on-pass.ts); runs after the pass commits. */
  issueForPass: (enrolment: EnrolmentRecord, actorId: string | null) => Promise<string>;
  clock: () => Date;
}

export interface QueueItem extends QueueRow {
  reviewsNeeded: number;
  claimedByMe: boolean;
  decidedByMe: boolean;
  claims: number;
}

/**
 * Reviews: the organisation's queue, claiming, scoring each rubric criterion and deciding (pass or return
 * with feedback). With two assessors required, the second decision settles it when they agree, and sends
 * the enrolment to moderation when they do not; a moderator's decision is final.
 */
export function createReviewService(deps: ReviewServiceDeps) {
  const { db, enrolments, enrolmentService, reviews, clock } = deps;

  /** Decides access before revealing whether the enrolment exists (unknown and foreign ids look alike). */
  async function reviewable(principal: Principal, enrolmentId: string): Promise<{ actor: PersonPrincipal; enrolment: EnrolmentRecord }> {
    const enrolment = await enrolments.findById(enrolmentId);
    const actor = authorizeAssessment(principal, 'enrolment.review', { organisationId: enrolment?.organisationId ?? '' });
    if (!enrolment) throw enrolmentNotFound();
    if (enrolment.personId === actor.person.id) throw forbidden('You cannot review your own submission.');
    return { actor, enrolment };
  }

  async function claimIn(trx: Transaction<Database>, actor: PersonPrincipal, locked: EnrolmentRecord): Promise<EnrolmentRecord> {
    const submission = (await enrolments.currentSubmission(trx, locked.id))!;
    const existing = await reviews.reviewsOf([submission.id], trx);
    if (existing.some((r) => r.assessorId === actor.person.id)) throw alreadyClaimed();
    const at = clock();
    if (locked.state === 'in_moderation') {
      if (existing.some((r) => r.role === 'moderator')) throw alreadyClaimed();
      await reviews.insertClaim(trx, { submissionId: submission.id, assessorId: actor.person.id, role: 'moderator', at });
      await recordEvent(trx, { type: 'enrolment.moderation_claimed', actorId: actor.person.id, organisationId: locked.organisationId, subjectType: 'enrolment', subjectId: locked.id, payload: { attempt: submission.attempt } });
      return locked;
    }
    transition(locked.state, 'claim');
    if (existing.length >= (await reviews.requiredReviews(locked.organisationId, trx))) throw alreadyClaimed();
    await reviews.insertClaim(trx, { submissionId: submission.id, assessorId: actor.person.id, role: 'assessor', at });
    return enrolmentService.move(trx, locked, 'claim', actor.person.id, { payload: { attempt: submission.attempt, reviewer: existing.length + 1 } });
  }

  /** Records the decision and moves the enrolment when it is settled; returns the enrolment after the move. */
  async function decideIn(trx: Transaction<Database>, actor: PersonPrincipal, locked: EnrolmentRecord, input: DecisionInput, version: Loaded['version']): Promise<EnrolmentRecord> {
    const rubric = version.definition.rubric!;
    const submission = (await enrolments.currentSubmission(trx, locked.id))!;
    const all = await reviews.reviewsOf([submission.id], trx);
    const mine = all.find((r) => r.assessorId === actor.person.id && r.decision === null);
    if (!mine || (locked.state !== 'under_review' && locked.state !== 'in_moderation')) throw notClaimed();
    if (locked.state === 'in_moderation' && mine.role !== 'moderator') throw notClaimed();
    const issues = scoreIssues(rubric, input.scores);
    if (issues.length > 0) throw scoresInvalid(issues);
    const outcome = evaluateRubric(rubric, input.scores);
    if (input.decision === 'pass' && !outcome.passed) throw decisionContradictsRubric(`The pass rule is not met: ${outcome.unmet.join('; ')}.`);
    await reviews.decide(trx, mine.id, { decision: input.decision, scores: input.scores, feedback: input.feedback ?? null, at: clock() });
    const payload = { attempt: submission.attempt, decision: input.decision, totalPoints: outcome.totalPoints, role: mine.role };
    await recordEvent(trx, { type: 'review.decided', actorId: actor.person.id, organisationId: locked.organisationId, subjectType: 'enrolment', subjectId: locked.id, payload });
    const settled = mine.role === 'moderator' ? input.decision : settledDecision(all, mine, input.decision, await reviews.requiredReviews(locked.organisationId, trx));
    if (settled === null) return locked;
    const moved = await enrolmentService.move(trx, locked, settled, actor.person.id, { payload: { attempt: submission.attempt } });
    if (settled === 'return') {
      await deps.notifications?.notify(trx, {
        personId: locked.personId,
        kind: 'enrolment.returned',
        title: `Not yet passed: ${version.definition.title}`,
        body: `Your assessor returned your submission with feedback. ${moved.maxResubmissions + 1 - moved.attempts > 0 ? 'You can resubmit.' : 'No resubmission is left.'}`,
        link: `/learning/${locked.id}`,
      });
    }
    return moved;
  }

  return {
    async queue(principal: Principal, organisationSlug: string): Promise<{ items: QueueItem[] }> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      const actor = authorizeAssessment(principal, 'enrolment.review', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      const rows = await reviews.queue(organisation.id);
      const required = await reviews.requiredReviews(organisation.id);
      const items = await Promise.all(
        rows.map(async (row): Promise<QueueItem> => {
          const submission = await enrolments.currentSubmission(db, row.enrolmentId);
          const theirs: ReviewRecord[] = submission ? await reviews.reviewsOf([submission.id]) : [];
          const mine = theirs.find((r) => r.assessorId === actor.person.id);
          return { ...row, reviewsNeeded: required, claims: theirs.length, claimedByMe: mine !== undefined && mine.decision === null, decidedByMe: mine?.decision != null };
        }),
      );
      return { items };
    },

    async claim(principal: Principal, enrolmentId: string): Promise<EnrolmentDetail> {
      const { actor, enrolment } = await reviewable(principal, enrolmentId);
      // Moderation is for an organisation admin or an assessor who did not review this submission (claimIn checks the latter).
      const updated = await db.transaction().execute(async (trx) => claimIn(trx, actor, (await enrolments.findById(enrolment.id, trx, { lock: true }))!));
      return enrolmentService.detail(updated, 'reviewer');
    },

    async decide(principal: Principal, enrolmentId: string, raw: unknown): Promise<EnrolmentDetail> {
      const { actor, enrolment } = await reviewable(principal, enrolmentId);
      const parsed = decisionInput.safeParse(raw);
      if (!parsed.success) throw invalidInput('The decision is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      // Read before the transaction: on the embedded database a query outside it would wait for its connection.
      const { version } = await enrolmentService.load(enrolment);
      let updated = await db.transaction().execute(async (trx) => decideIn(trx, actor, (await enrolments.findById(enrolment.id, trx, { lock: true }))!, parsed.data, version));
      // After the pass commits: issuing signs and takes its own transaction. A failure leaves a passed
      // enrolment without a credential, which `issueCredential` retries under the same idempotency key.
      if (updated.state === 'passed') {
        await deps.issueForPass(updated, actor.person.id);
        updated = (await enrolments.findById(enrolmentId))!;
      }
      return enrolmentService.detail(updated, 'reviewer');
    },

    /** Retries issuing for a passed enrolment whose credential is missing (issuing failed after the pass). */
    async issueCredential(principal: Principal, enrolmentId: string): Promise<EnrolmentDetail> {
      const { actor, enrolment } = await reviewable(principal, enrolmentId);
      if (enrolment.state !== 'passed') throw notPassed();
      await deps.issueForPass(enrolment, actor.person.id);
      return enrolmentService.detail((await enrolments.findById(enrolmentId))!, 'reviewer');
    },

    async settings(principal: Principal, organisationSlug: string): Promise<{ requiredReviews: number }> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      authorizeAssessment(principal, 'enrolment.review', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      return { requiredReviews: await reviews.requiredReviews(organisation.id) };
    },

    async updateSettings(principal: Principal, organisationSlug: string, raw: unknown): Promise<{ requiredReviews: number }> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      const actor = authorizeAssessment(principal, 'settings.write', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      const parsed = assessmentSettingsInput.safeParse(raw);
      if (!parsed.success) throw invalidInput('requiredReviews must be 1 or 2.');
      await db.transaction().execute(async (trx) => {
        await reviews.setRequiredReviews(trx, organisation.id, parsed.data.requiredReviews, clock());
        await recordEvent(trx, { type: 'assessment.settings_changed', actorId: actor.person.id, organisationId: organisation.id, subjectType: 'organisation', subjectId: organisation.id, payload: { requiredReviews: parsed.data.requiredReviews } });
      });
      return { requiredReviews: parsed.data.requiredReviews };
    },
  };
}

/**
 * With this decision, is the submission settled? Not until as many assessors as required have decided;
 * then their common decision, or `disagree` (moderation) when they differ.
 */
export function settledDecision(all: readonly ReviewRecord[], mine: ReviewRecord, decision: 'pass' | 'return', required: number): 'pass' | 'return' | 'disagree' | null {
  const decisions = all.filter((r) => r.role === 'assessor' && r.id !== mine.id && r.decision !== null).map((r) => r.decision!);
  decisions.push(decision);
  if (decisions.length < required) return null;
  return decisions.every((d) => d === decision) ? decision : 'disagree';
}

export type ReviewService = ReturnType<typeof createReviewService>;
