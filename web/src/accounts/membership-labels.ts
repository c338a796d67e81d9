import type { MembershipRole, OrganisationKind } from './session.js';

// How roles and kinds of organisation read in the interface; DOMAIN.md names them, this words them.
export const roleLabels: Record<MembershipRole, string> = {
  admin: 'Administrator',
  assessor: 'Assessor',
  endorser: 'Endorser',
};

export const organisationKindLabels: Record<OrganisationKind, string> = {
  issuer: 'Issuer',
  industry_partner: 'Industry partner',
  employer: 'Employer',
};
