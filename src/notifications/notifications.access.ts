import { authorizeWith } from '../accounts/access.js';
import type { PersonPrincipal, Principal } from '../accounts/principal.js';

/** A person's notifications are theirs alone: not even platform admins read them. */
export const notificationPolicies = {
  'notifications.read': { scope: 'account:read', allow: (p: PersonPrincipal, r: { personId: string }) => p.person.id === r.personId },
  // Marking read changes state, and no token scope covers one's own inbox: sessions only.
  'notifications.mark_read': { scope: 'session', allow: (p: PersonPrincipal, r: { personId: string }) => p.person.id === r.personId },
} as const;

export const authorizeNotifications = <Action extends keyof typeof notificationPolicies>(
  principal: Principal,
  action: Action,
  resource: Parameters<(typeof notificationPolicies)[Action]['allow']>[1],
): PersonPrincipal => authorizeWith(notificationPolicies, principal, action, resource);
