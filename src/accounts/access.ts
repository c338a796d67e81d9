import { forbidden, unauthenticated } from '../errors.js';
import { sessionRequired, tokenScopeMissing } from './accounts.errors.js';
import { hasRole, type PersonPrincipal, type Principal } from './principal.js';

/**
 * Scopes an API token can carry. A session can do anything its person may; a token is limited to these.
 */
export const TOKEN_SCOPES = {
  'account:read': 'Read your own profile and memberships.',
  'organisations:read': 'Read organisations you belong to and their members.',
  'organisations:write': 'Create organisations (platform admins) and manage members (organisation admins).',
  'catalog:write': 'Create and publish micro-credentials for organisations you administer.',
  'credentials:issue': 'Issue credentials for organisations you administer.',
  'credentials:revoke': 'Revoke or suspend credentials of organisations you administer.',
  'assessments:review': 'Review submissions as an assessor.',
  'wallet:read': 'Read the credentials in your wallet.',
  'wallet:write': 'Import, hide and share credentials in your wallet.',
  'tracking:read': 'Read dashboards of organisations you administer.',
} as const;

export type TokenScope = keyof typeof TOKEN_SCOPES;

interface Policy<Resource> {
  /** The scope an API token needs; `session` means only a signed-in session may do this. */
  scope: TokenScope | 'session';
  allow(principal: PersonPrincipal, resource: Resource): boolean;
}

const platformAdmin = (p: PersonPrincipal): boolean => p.person.isPlatformAdmin;
const organisationAdmin = (p: PersonPrincipal, r: { organisationId: string }): boolean =>
  hasRole(p, r.organisationId, 'admin') || platformAdmin(p);

/**
 * Every action, who may do it, and the token scope it needs: the one place access is decided for the
 * accounts capability. Each service method calls `authorize` first thing. Later capabilities add their
 * own tables beside their services and reuse `authorizeWith`.
 */
export const accountPolicies = {
  'person.read': { scope: 'account:read', allow: (p, r: { personId: string }) => p.person.id === r.personId || platformAdmin(p) },
  'tokens.manage': { scope: 'session', allow: () => true },
  'email_confirmation.request': { scope: 'session', allow: () => true },
  'organisation.create': { scope: 'organisations:write', allow: (p) => platformAdmin(p) },
  'organisation.list_all': { scope: 'organisations:read', allow: (p) => platformAdmin(p) },
  'organisation.members.read': { scope: 'organisations:read', allow: organisationAdmin },
  'organisation.members.manage': { scope: 'organisations:write', allow: organisationAdmin },
} satisfies Record<string, Policy<never>>;

/** Throws 401 for anonymous callers and 403 for people (or tokens) not allowed; returns the person. */
export function authorizeWith<Policies extends Record<string, Policy<never>>, Action extends keyof Policies & string>(
  policies: Policies,
  principal: Principal,
  action: Action,
  resource: Parameters<Policies[Action]['allow']>[1],
): PersonPrincipal {
  if (principal.kind === 'anonymous') throw unauthenticated();
  const policy = policies[action] as unknown as Policy<typeof resource>;
  if (principal.via === 'token') {
    if (policy.scope === 'session') throw sessionRequired();
    if (principal.scopes !== 'all' && !principal.scopes.includes(policy.scope)) throw tokenScopeMissing(policy.scope);
  }
  if (!policy.allow(principal, resource)) throw forbidden();
  return principal;
}

export const authorize = <Action extends keyof typeof accountPolicies & string>(
  principal: Principal,
  action: Action,
  resource: Parameters<(typeof accountPolicies)[Action]['allow']>[1],
): PersonPrincipal => authorizeWith(accountPolicies, principal, action, resource);
