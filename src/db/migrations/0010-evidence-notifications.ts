import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// In-app notifications and the email outbox that goes with them. Both rows are written in the transaction
// of the change they report, so a notification exists exactly when the change committed; the outbox is then
// delivered after commit, retried with backoff, and never lost to a crash between commit and send.
// (Evidence file metadata lives with submissions, in 0011; the bytes live in the evidence store.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table notifications (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people (id) on delete cascade,
      kind text not null check (kind ~ '^[a-z_]+(\\.[a-z_]+)+$'),
      title text not null check (length(title) between 1 and 200),
      body text not null check (length(body) <= 4000),
      link text check (link is null or link ~ '^/[^/]'),
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`,
    `create index notifications_of_person on notifications (person_id, created_at desc, id desc)`,
    `create index notifications_unread on notifications (person_id) where read_at is null`,
    `create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid references notifications (id) on delete set null,
      to_address text not null,
      subject text not null,
      text_body text not null,
      created_at timestamptz not null default now(),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      last_error text
    )`,
    `create index mail_outbox_pending on mail_outbox (next_attempt_at) where sent_at is null`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table mail_outbox, notifications']);
}
