import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/principal.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../db/keyset-cursor.js';
import type { Database } from '../db/tables.js';
import { authorizeNotifications } from './notifications.access.js';
import { notificationNotFound } from './notifications.errors.js';
import type { NotificationRecord, NotificationsRepository } from './notifications.repository.js';

/** What happened, in a person's own words: an in-app notification and the email that goes with it. */
export interface NewNotification {
  personId: string;
  /** Stable, dotted: 'credential.issued', 'credential.revoked', 'review.decided'. */
  kind: string;
  title: string;
  body: string;
  /** A path inside the web app ('/wallet/…'), made absolute with the public URL in the email. */
  link?: string;
}

export interface NotificationPage {
  items: NotificationRecord[];
  unreadCount: number;
  /** Pass as `before` for the next page; absent on the last one. */
  next?: string;
}

const KIND = /^[a-z_]+(\.[a-z_]+)+$/;

/** In-app notifications with their email; the outbox is delivered by the mail deliverer. */
export function createNotificationsService(deps: {
  notifications: NotificationsRepository;
  publicUrl: string;
  clock: () => Date;
  /** Called after a mail is queued, so the deliverer looks soon (the row shows once the caller commits). */
  onQueued?: () => void;
}) {
  const { notifications, clock } = deps;

  async function queue(trx: Transaction<Database>, mail: { notificationId: string | null; toAddress: string; subject: string; body: string; link: string | null }) {
    const textBody = mail.link ? `${mail.body}\n\n${deps.publicUrl}${mail.link}\n` : `${mail.body}\n`;
    await notifications.enqueueMail(trx, { notificationId: mail.notificationId, toAddress: mail.toAddress, subject: mail.subject, textBody, createdAt: clock() });
    deps.onQueued?.();
  }

  return {
    /** Writes the in-app row and the email outbox row inside the caller's transaction, so a notification exists iff the
     *  change it reports committed. The deliverer sends the email after commit. */
    async notify(trx: Transaction<Database>, notification: NewNotification): Promise<void> {
      // Misuse by a caller in this code base, not user input: fail loudly before anything is written.
      if (!KIND.test(notification.kind)) throw new TypeError(`notification kind must be dotted lower case: ${notification.kind}`);
      if (notification.link !== undefined && !/^\/[^/]/.test(notification.link)) throw new TypeError(`notification link must be an app path: ${notification.link}`);
      const now = clock();
      const title = notification.title.slice(0, 200);
      const body = notification.body.slice(0, 4000);
      const link = notification.link ?? null;
      const id = await notifications.insert(trx, { personId: notification.personId, kind: notification.kind, title, body, link, createdAt: now });
      const toAddress = await notifications.emailOf(trx, notification.personId);
      if (toAddress) await queue(trx, { notificationId: id, toAddress, subject: title, body, link });
    },

    /** An email with no in-app notification beside it (an address confirmation), queued inside the caller's transaction. */
    async mail(trx: Transaction<Database>, mail: { to: string; subject: string; body: string; link: string }): Promise<void> {
      if (!/^\/[^/]/.test(mail.link)) throw new TypeError(`mail link must be an app path: ${mail.link}`);
      await queue(trx, { notificationId: null, toAddress: mail.to, subject: mail.subject, body: mail.body, link: mail.link });
    },

    async list(principal: Principal, options: { limit?: number; before?: string } = {}): Promise<NotificationPage> {
      const person = authorizeNotifications(principal, 'notifications.read', { personId: principal.kind === 'person' ? principal.person.id : '' });
      const limit = options.limit ?? 20;
      const items = await notifications.ofPerson(person.person.id, { limit: limit + 1, ...(options.before ? { before: toCreated(decodeKeysetCursor(options.before)) } : {}) });
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page,
        unreadCount: await notifications.unreadCount(person.person.id),
        ...(items.length > limit && last ? { next: encodeKeysetCursor({ at: last.createdAt, id: last.id }) } : {}),
      };
    },

    async markRead(principal: Principal, id: string): Promise<void> {
      const found = await notifications.find(id);
      // Someone else's notification looks like an absent one.
      const person = authorizeNotifications(principal, 'notifications.mark_read', { personId: principal.kind === 'person' ? principal.person.id : '' });
      if (!found || found.personId !== person.person.id) throw notificationNotFound();
      await notifications.markRead(person.person.id, clock(), id);
    },

    async markAllRead(principal: Principal): Promise<{ marked: number }> {
      const person = authorizeNotifications(principal, 'notifications.mark_read', { personId: principal.kind === 'person' ? principal.person.id : '' });
      return { marked: await notifications.markRead(person.person.id, clock()) };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

const toCreated = ({ at, id }: { at: Date; id: string }) => ({ createdAt: at, id });
