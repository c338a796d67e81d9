import { authorizeWith } from '../accounts/access.js';
import type { PersonPrincipal, Principal } from '../accounts/principal.js';

/** A person's notifications are theirs alone: not even platform admins read them. */
export const notificationPolicies = {
  'notifications.read': { scope: 'account:read', allow: (p: PersonPrincipal, r: { personId: string }) => p.person.id === r.personId },
  // Marking read changes only the caller's own view of their inbox, so the reading scope covers it (a mail client
  // or wallet app that shows notifications must be able to clear them).
  'notifications.mark_read': { scope: 'account:read', allow: (p: PersonPrincipal, r: { personId: string }) => p.person.id === r.personId },
} as const;

export const authorizeNotifications = <Action extends keyof typeof notificationPolicies>(
  principal: Principal,
  action: Action,
  resource: Parameters<(typeof notificationPolicies)[Action]['allow']>[1],
): PersonPrincipal => authorizeWith(notificationPolicies, principal, action, resource);
