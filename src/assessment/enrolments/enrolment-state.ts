import { AppError } from '../../errors.js';
import type { EnrolmentState } from '../assessment.tables.js';

/**
 * The enrolment state machine, pure. Every change of state goes through `transition`, which refuses an
 * illegal move with 409 `assessment.illegal_transition` (naming the state and the action), so the
 * services never set a state by hand. `in_moderation` is "under review" when two assessors disagreed.
 */
export const ENROLMENT_ACTIONS = ['submit', 'claim', 'pass', 'return', 'disagree', 'withdraw'] as const;
export type EnrolmentAction = (typeof ENROLMENT_ACTIONS)[number];

const TRANSITIONS: Record<EnrolmentState, Partial<Record<EnrolmentAction, EnrolmentState>>> = {
  enrolled: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { claim: 'under_review', withdraw: 'withdrawn' },
  // A second assessor may claim a submission already under review (organisations requiring two).
  under_review: { claim: 'under_review', pass: 'passed', return: 'not_yet_passed', disagree: 'in_moderation' },
  in_moderation: { pass: 'passed', return: 'not_yet_passed' },
  // Resubmitting is a new attempt; whether one is left is `attemptsLeft`'s question, asked before.
  not_yet_passed: { submit: 'submitted', withdraw: 'withdrawn' },
  passed: {},
  withdrawn: {},
};

export const ILLEGAL_TRANSITION = 'assessment.illegal_transition';

export const illegalTransition = (from: EnrolmentState, action: EnrolmentAction): AppError =>
  new AppError({
    code: ILLEGAL_TRANSITION,
    status: 409,
    title: 'Not possible in this state',
    detail: `An enrolment that is ${from.replace('_', ' ')} cannot be ${PAST[action]}.`,
    extensions: { state: from, action, allowed: allowedActions(from) },
  });

const PAST: Record<EnrolmentAction, string> = { submit: 'submitted', claim: 'claimed for review', pass: 'passed', return: 'returned', disagree: 'sent to moderation', withdraw: 'withdrawn' };

/** The state an action leads to, or a 409 when it is not allowed from `from`. */
export function transition(from: EnrolmentState, action: EnrolmentAction): EnrolmentState {
  const to = TRANSITIONS[from][action];
  if (to === undefined) throw illegalTransition(from, action);
  return to;
}

export const allowedActions = (from: EnrolmentState): EnrolmentAction[] => Object.keys(TRANSITIONS[from]) as EnrolmentAction[];

/** Closed enrolments take no more evidence: passed, withdrawn, or returned with no resubmission left. */
export const isClosed = (state: EnrolmentState, attempts: number, maxResubmissions: number): boolean =>
  state === 'passed' || state === 'withdrawn' || (state === 'not_yet_passed' && attemptsLeft(attempts, maxResubmissions) === 0);

/** Submissions still allowed: the first one plus `maxResubmissions` resubmissions. */
export const attemptsLeft = (attempts: number, maxResubmissions: number): number => Math.max(0, 1 + maxResubmissions - attempts);

/** States in which a learner's enrolment counts as active (one per achievement; matches the database's index). */
export const ACTIVE_STATES: readonly EnrolmentState[] = ['enrolled', 'submitted', 'under_review', 'in_moderation', 'not_yet_passed'];
