import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Catalogue federation: subscriptions to other instances' signed catalogue feeds, and the offerings
// harvested from them, each with its origin (feed, issuer DID, when fetched) and the signed item itself so
// it can be re-verified later. Harvested offerings are never mixed into `achievements`: they are another
// issuer's statements, not this instance's definitions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table catalogue_feed_subscriptions (
          id uuid primary key default gen_random_uuid(),
          feed_url text not null unique,
          refresh_minutes integer not null check (refresh_minutes between 5 and 10080),
          -- The scheduler claims a due row with "for update skip locked" and moves this forward before
          -- harvesting, so two processes never harvest the same feed at once.
          next_harvest_at timestamptz not null default now(),
          etag text,
          last_modified text,
          last_harvested_at timestamptz,
          last_succeeded_at timestamptz,
          last_error text,
          last_report jsonb,
          created_by uuid references people (id) on delete set null,
          created_at timestamptz not null default now()
        )`,
    `create index catalogue_feed_subscriptions_due on catalogue_feed_subscriptions (next_harvest_at)`,
    `create table harvested_offerings (
          id uuid primary key default gen_random_uuid(),
          subscription_id uuid not null references catalogue_feed_subscriptions (id) on delete cascade,
          subject_id text not null,
          achievement_id text not null,
          issuer_did text not null,
          feed_url text not null,
          status text not null check (status in ('active', 'withdrawn')),
          title text not null,
          achievement jsonb not null,
          offering jsonb not null,
          credential jsonb not null,
          source_updated_at timestamptz not null,
          fetched_at timestamptz not null,
          withdrawn_at timestamptz,
          unique (subscription_id, subject_id)
        )`,
    `create index harvested_offerings_active on harvested_offerings (status, source_updated_at desc)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table harvested_offerings, catalogue_feed_subscriptions']);
}
