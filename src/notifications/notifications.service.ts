import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

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

export interface NotificationsService {
  /** Writes the in-app row and the email outbox row inside the caller's transaction, so a notification exists iff the
   *  change it reports committed. Call `deliverer.kick()` (or rely on its polling) after commit to send the email. */
  notify(trx: Transaction<Database>, notification: NewNotification): Promise<void>;
}
