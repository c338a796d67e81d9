import { AppError, conflict, notFound } from '../errors.js';

// The earning capability's failures, each with a stable code (the state machine's own is in enrolment-state.ts).

export const enrolmentNotFound = (): AppError => notFound('assessment.enrolment_not_found', 'There is no such enrolment, or it is not yours to see.');

export const evidenceNotFound = (): AppError => notFound('assessment.evidence_not_found', 'There is no such evidence in this enrolment.');

export const notEnrollable = (): AppError =>
  new AppError({ code: 'assessment.not_enrollable', status: 422, title: 'Not open for enrolment', detail: 'This micro-credential has no published version with a rubric, so it cannot be assessed yet.' });

export const routeNotOffered = (): AppError =>
  new AppError({ code: 'assessment.route_not_offered', status: 422, title: 'Route not offered', detail: 'This micro-credential does not offer an assessment-only route; enrol on the course route.' });

export const cohortInvalid = (detail: string): AppError => new AppError({ code: 'assessment.cohort_invalid', status: 422, title: 'No such cohort', detail });

export const alreadyEnrolled = (enrolmentId: string): AppError =>
  conflict('assessment.already_enrolled', 'You already have an active enrolment in this micro-credential.', { enrolmentId });

export const alreadyPassed = (enrolmentId: string): AppError => conflict('assessment.already_passed', 'You have already passed this micro-credential.', { enrolmentId });

export const enrolmentClosed = (reason: string): AppError => conflict('assessment.enrolment_closed', `This enrolment takes no more submissions: ${reason}.`);

export const nothingToSubmit = (): AppError =>
  new AppError({ code: 'assessment.no_evidence', status: 422, title: 'No evidence', detail: 'Add at least one piece of evidence before submitting.' });

export const scoresInvalid = (issues: string[]): AppError =>
  new AppError({ code: 'assessment.scores_invalid', status: 422, title: 'The scores do not fit the rubric', detail: issues.join('; '), extensions: { issues } });

export const alreadyClaimed = (): AppError => conflict('assessment.already_claimed', 'Enough assessors have already claimed this submission, or you reviewed it before.');

export const notClaimed = (): AppError => conflict('assessment.not_claimed', 'Claim this submission before deciding on it.');

export const decisionContradictsRubric = (detail: string): AppError =>
  new AppError({ code: 'assessment.decision_contradicts_rubric', status: 422, title: 'The decision does not follow from the scores', detail });

export const underAssessment = (): AppError => conflict('assessment.under_assessment', 'This submission has been handed in and is being assessed; wait for the decision.');

export const notPassed = (): AppError => conflict('assessment.not_passed', 'Only a passed enrolment has a credential to issue.');
