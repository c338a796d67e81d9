import { authorizeWith } from '../accounts/access.js';
import { hasRole, type PersonPrincipal, type Principal } from '../accounts/principal.js';

const organisationAdmin = (p: PersonPrincipal, r: { organisationId: string }): boolean =>
  hasRole(p, r.organisationId, 'admin') || p.person.isPlatformAdmin;

/** Who may manage keys, issue and revoke: the issuing capability's access table. */
export const issuingPolicies = {
  'keys.read': { scope: 'credentials:issue', allow: organisationAdmin },
  'keys.manage': { scope: 'credentials:issue', allow: organisationAdmin },
  'credentials.issue': { scope: 'credentials:issue', allow: organisationAdmin },
  'credentials.revoke': { scope: 'credentials:revoke', allow: organisationAdmin },
  // Endorsers speak for an industry partner; its admins may too.
  'endorsements.issue': {
    scope: 'credentials:issue',
    allow: (p: PersonPrincipal, r: { organisationId: string }) => hasRole(p, r.organisationId, 'endorser') || hasRole(p, r.organisationId, 'admin'),
  },
  'credentials.read_issued': { scope: 'credentials:issue', allow: organisationAdmin },
  'credentials.read_own': {
    scope: 'wallet:read',
    allow: (p: PersonPrincipal, r: { organisationId: string; recipientPersonId: string | null }) =>
      p.person.id === r.recipientPersonId || organisationAdmin(p, r),
  },
} as const;

export const authorizeIssuing = <Action extends keyof typeof issuingPolicies>(
  principal: Principal,
  action: Action,
  resource: Parameters<(typeof issuingPolicies)[Action]['allow']>[1],
): PersonPrincipal => authorizeWith(issuingPolicies, principal, action, resource);
