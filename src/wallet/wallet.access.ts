import { authorizeWith } from '../accounts/access.js';
import type { PersonPrincipal, Principal } from '../accounts/principal.js';

/**
 * The wallet's access table: a person reads and changes only their own wallet (ownership of each
 * credential or share is checked against `person.id` by the services, and "not yours" reads as "not found").
 */
export const walletPolicies = {
  'wallet.read': { scope: 'wallet:read', allow: () => true },
  'wallet.write': { scope: 'wallet:write', allow: () => true },
} as const;

export const authorizeWallet = (principal: Principal, action: keyof typeof walletPolicies): PersonPrincipal =>
  authorizeWith(walletPolicies, principal, action, {} as never);
