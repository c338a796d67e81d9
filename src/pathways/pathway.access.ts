import { authorizeWith } from '../accounts/access.js';
import { hasRole, type PersonPrincipal, type Principal } from '../accounts/principal.js';

const organisationAdmin = (p: PersonPrincipal, r: { organisationId: string }): boolean => hasRole(p, r.organisationId, 'admin') || p.person.isPlatformAdmin;

/** Who may define pathways and read progress: the pathways capability's access table. */
export const pathwayPolicies = {
  // Pathways are catalogue definitions: the same scope as micro-credentials.
  'pathways.manage': { scope: 'catalog:write', allow: organisationAdmin },
  'pathways.read_drafts': { scope: 'catalog:write', allow: organisationAdmin },
  // A learner's progress and awards are their own, like their wallet.
  'pathways.read_own': { scope: 'wallet:read', allow: (_p: PersonPrincipal, _r: Record<string, never>) => true },
} as const;

export const authorizePathways = <Action extends keyof typeof pathwayPolicies>(
  principal: Principal,
  action: Action,
  resource: Parameters<(typeof pathwayPolicies)[Action]['allow']>[1],
): PersonPrincipal => authorizeWith(pathwayPolicies, principal, action, resource);

/** Whether the caller may see an organisation's drafts (without throwing for everyone else). */
export const canReadDrafts = (principal: Principal, organisationId: string): boolean =>
  principal.kind === 'person' && (principal.via === 'session' || principal.scopes === 'all' || principal.scopes.includes('catalog:write')) && organisationAdmin(principal, { organisationId });
