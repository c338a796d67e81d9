import { authorizeWith } from '../accounts/access.js';
import { hasRole, type PersonPrincipal, type Principal } from '../accounts/principal.js';
import { isAppError } from '../errors.js';

const platformAdmin = (p: PersonPrincipal): boolean => p.person.isPlatformAdmin;
const organisationAdmin = (p: PersonPrincipal, r: { organisationId: string }): boolean => hasRole(p, r.organisationId, 'admin') || platformAdmin(p);

/**
 * Who may do what with achievements. Published versions are public and need no policy; drafts are the
 * organisation's work in progress: its admins write them, its admins and assessors read them (assessors
 * prepare rubrics against the coming version). A token reads drafts with the same scope it writes them.
 */
export const catalogPolicies = {
  'achievement.write': { scope: 'catalog:write', allow: organisationAdmin },
  'achievement.read_drafts': {
    scope: 'catalog:write',
    allow: (p: PersonPrincipal, r: { organisationId: string }) => organisationAdmin(p, r) || hasRole(p, r.organisationId, 'assessor'),
  },
} as const;

export const authorizeCatalog = <Action extends keyof typeof catalogPolicies>(principal: Principal, action: Action, resource: { organisationId: string }): PersonPrincipal =>
  authorizeWith(catalogPolicies, principal, action, resource);

/**
 * The same decision as a yes/no, for reads where a refusal is not an error: a caller who may not see
 * drafts sees only what is published, and a draft-only achievement looks absent to them.
 */
export const mayCatalog = (principal: Principal, action: keyof typeof catalogPolicies, resource: { organisationId: string }): boolean => {
  try {
    authorizeCatalog(principal, action, resource);
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
};
