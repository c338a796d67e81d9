import { authorizeWith } from '../../accounts/access.js';
import type { PersonPrincipal, Principal } from '../../accounts/principal.js';

const self = (p: PersonPrincipal, r: { personId: string }): boolean => p.person.id === r.personId;

/** Who may export, present and delete: only the person themselves. Deletion needs a signed-in session, never a token. */
export const walletExportPolicies = {
  'exports.read': { scope: 'wallet:read', allow: self },
  'holder.manage': { scope: 'wallet:write', allow: self },
  'presentations.create': { scope: 'wallet:write', allow: self },
  'account.delete': { scope: 'session', allow: self },
} as const;

/** The calling person, when they may act on their own records; throws 401/403 otherwise. */
export const authorizeSelf = (principal: Principal, action: keyof typeof walletExportPolicies): PersonPrincipal =>
  authorizeWith(walletExportPolicies, principal, action, { personId: principal.kind === 'person' ? principal.person.id : '' });
