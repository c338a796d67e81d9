import type { ColumnType, Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<string>;
  person_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  notification_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: string | null;
}

export interface NotificationsTables {
  notifications: NotificationsTable;
  mail_outbox: MailOutboxTable;
}
