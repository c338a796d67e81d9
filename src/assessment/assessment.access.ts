import { authorizeWith } from '../accounts/access.js';
import { hasRole, type PersonPrincipal, type Principal } from '../accounts/principal.js';
import { isAppError } from '../errors.js';

const organisationAdmin = (p: PersonPrincipal, r: { organisationId: string }): boolean => hasRole(p, r.organisationId, 'admin') || p.person.isPlatformAdmin;
const reviewer = (p: PersonPrincipal, r: { organisationId: string }): boolean => hasRole(p, r.organisationId, 'assessor') || organisationAdmin(p, r);

/**
 * Who may do what in earning. A learner acts on their own enrolments in a signed-in session (there is no
 * learner token scope yet); an organisation's assessors and admins review its enrolments (tokens with
 * `assessments:review`); moderation is for admins or an assessor who has not reviewed that submission.
 */
export const assessmentPolicies = {
  'enrolment.own': { scope: 'session', allow: (p: PersonPrincipal, r: { personId: string }) => p.person.id === r.personId },
  'enrolment.review': { scope: 'assessments:review', allow: reviewer },
  'settings.write': { scope: 'organisations:write', allow: organisationAdmin },
} as const;

export const authorizeAssessment = <Action extends keyof typeof assessmentPolicies>(principal: Principal, action: Action, resource: Parameters<(typeof assessmentPolicies)[Action]['allow']>[1]): PersonPrincipal =>
  authorizeWith(assessmentPolicies, principal, action, resource);

/** The same decision as a yes/no: reads try the learner's view, then the reviewer's. */
export const mayAssessment = <Action extends keyof typeof assessmentPolicies>(principal: Principal, action: Action, resource: Parameters<(typeof assessmentPolicies)[Action]['allow']>[1]): boolean => {
  try {
    authorizeAssessment(principal, action, resource);
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
};

export const isOrganisationAdmin = organisationAdmin;
