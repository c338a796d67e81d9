import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

export interface NotificationRecord {
  id: string;
  personId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface OutboxMail {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  attempts: number;
}

const columns = ['id', 'person_id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'] as const;

type Row = { id: string; person_id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };

const toRecord = (row: Row): NotificationRecord => ({
  id: row.id,
  personId: row.person_id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export function createNotificationsRepository(db: Kysely<Database>) {
  return {
    async insert(trx: Transaction<Database>, n: { personId: string; kind: string; title: string; body: string; link: string | null; createdAt: Date }): Promise<string> {
      const row = await trx
        .insertInto('notifications')
        .values({ person_id: n.personId, kind: n.kind, title: n.title, body: n.body, link: n.link, created_at: n.createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The recipient's address as it is when the change commits; people without one (deleted) get no mail. */
    async emailOf(trx: Transaction<Database>, personId: string): Promise<string | undefined> {
      const row = await trx.selectFrom('people').select('email').where('id', '=', personId).where('deleted_at', 'is', null).executeTakeFirst();
      return row?.email;
    },

    async enqueueMail(trx: Transaction<Database>, mail: { notificationId: string | null; toAddress: string; subject: string; textBody: string; createdAt: Date }): Promise<void> {
      await trx
        .insertInto('mail_outbox')
        .values({ notification_id: mail.notificationId, to_address: mail.toAddress, subject: mail.subject, text_body: mail.textBody, created_at: mail.createdAt, next_attempt_at: mail.createdAt })
        .execute();
    },

    /** Newest first; `before` is the cursor (created, id) of the last item of the previous page. */
    async ofPerson(personId: string, page: { limit: number; before?: { createdAt: Date; id: string } }): Promise<NotificationRecord[]> {
      let query = db.selectFrom('notifications').select(columns).where('person_id', '=', personId);
      if (page.before) {
        const { createdAt, id } = page.before;
        query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
      return rows.map(toRecord);
    },

    async find(id: string): Promise<NotificationRecord | undefined> {
      const row = await db.selectFrom('notifications').select(columns).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async unreadCount(personId: string): Promise<number> {
      const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async markRead(personId: string, at: Date, id?: string): Promise<number> {
      let query = db.updateTable('notifications').set({ read_at: at }).where('person_id', '=', personId).where('read_at', 'is', null);
      if (id) query = query.where('id', '=', id);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /**
     * Takes up to `limit` due mails and leases them until `leaseUntil`: a second deliverer (another process, or
     * this one's next tick) skips them meanwhile, and if this process dies mid-send they fall due again.
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<OutboxMail[]> {
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('mail_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return [];
        const rows = await trx
          .updateTable('mail_outbox')
          .set({ next_attempt_at: leaseUntil, attempts: sql`attempts + 1` })
          .where('id', 'in', due.map((d) => d.id))
          .returning(['id', 'to_address', 'subject', 'text_body', 'attempts'])
          .execute();
        return rows.map((r) => ({ id: r.id, toAddress: r.to_address, subject: r.subject, textBody: r.text_body, attempts: r.attempts }));
      });
    },

    async markSent(id: string, at: Date): Promise<void> {
      await db.updateTable('mail_outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
    },

    async markFailed(id: string, retryAt: Date, error: string): Promise<void> {
      await db.updateTable('mail_outbox').set({ next_attempt_at: retryAt, last_error: error.slice(0, 500) }).where('id', '=', id).execute();
    },

    async pendingMail(): Promise<Array<{ id: string; toAddress: string; attempts: number; sentAt: Date | null; lastError: string | null; nextAttemptAt: Date }>> {
      const rows = await db.selectFrom('mail_outbox').select(['id', 'to_address', 'attempts', 'sent_at', 'last_error', 'next_attempt_at']).orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, toAddress: r.to_address, attempts: r.attempts, sentAt: r.sent_at, lastError: r.last_error, nextAttemptAt: r.next_attempt_at }));
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
