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

/**
 * The roles worth giving in each kind of organisation: those that open areas there (see
 * navigation/navigation.ts). Issuers assess, industry partners endorse, employers only administer.
 */
export const rolesByKind: Record<OrganisationKind, readonly MembershipRole[]> = {
  issuer: ['admin', 'assessor'],
  industry_partner: ['admin', 'endorser'],
  employer: ['admin'],
};
