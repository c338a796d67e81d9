import type { Kysely } from 'kysely';
import { createSearchIndex } from '../../catalog/search/search-index.js';
import { runStatements } from '../run-statements.js';
import type { Database } from '../tables.js';

// Harvested offerings join the catalogue's search index (0006): the same table, so one query, one set of
// GIN indexes and one ranking serve local and federated entries alike (a UNION over a second table would
// scan twice and rank two ways). A harvested entry is keyed by subscription + subject (the remote
// achievement across its versions) and hangs off its harvested_offerings row: when the offering or its
// subscription goes, the entry goes with it even if a caller forgot to tell the index. One offering
// relayed by two subscriptions (a feed under two addresses, a mirror) is shown once: at most one entry
// per creator + subject, from the newest statement (see harvested-search-index.ts). The columns a
// remote instance may leave out (price, credit, language, version) become nullable; local entries still
// always fill them, as the check constraint below insists.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table catalog_search drop constraint catalog_search_pkey`,
    `alter table catalog_search
        alter column achievement_id drop not null,
        alter column version drop not null,
        alter column achievement_slug drop not null,
        alter column organisation_id drop not null,
        alter column language drop not null,
        alter column price_amount drop not null,
        alter column price_currency drop not null,
        alter column price_band drop not null,
        alter column credit_value drop not null,
        alter column credit_system drop not null`,
    `alter table catalog_search add constraint catalog_search_achievement unique (achievement_id)`,
    `alter table catalog_search
        add column subscription_id uuid,
        add column subject_id text,
        add column feed_url text,
        add column issuer_did text,
        add column creator_did text,
        add column achievement_url text,
        add column fetched_at timestamptz`,
    `alter table catalog_search add constraint catalog_search_harvested unique (subscription_id, subject_id)`,
    `alter table catalog_search add constraint catalog_search_harvested_offering
        foreign key (subscription_id, subject_id) references harvested_offerings (subscription_id, subject_id) on delete cascade`,
    `alter table catalog_search add constraint catalog_search_one_source check (
        (achievement_id is not null and subscription_id is null and organisation_id is not null and version is not null
          and achievement_slug is not null and language is not null and price_amount is not null and credit_value is not null)
        or (achievement_id is null and subscription_id is not null and subject_id is not null and feed_url is not null
          and issuer_did is not null and creator_did is not null and achievement_url is not null and fetched_at is not null))`,
    `create unique index catalog_search_harvested_offering_once on catalog_search (creator_did, subject_id) where subscription_id is not null`,
    // One key for every entry, for stable ordering and paging: the achievement id for local entries (so
    // their order is what it was), subscription and subject for harvested ones.
    `alter table catalog_search add column entry_key text generated always as (coalesce(achievement_id::text, subscription_id::text || ' ' || subject_id)) stored`,
    `alter table catalog_search add primary key (entry_key)`,
  ]);
  // Installations that harvested before this migration: put what they hold into search.
  const trx = db as unknown as Kysely<Database>;
  await createSearchIndex({ clock: () => new Date() }).indexHarvested(trx);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `delete from catalog_search where achievement_id is null`,
    `alter table catalog_search drop constraint catalog_search_pkey`,
    `alter table catalog_search drop column entry_key`,
    `alter table catalog_search drop constraint catalog_search_one_source`,
    `drop index catalog_search_harvested_offering_once`,
    `alter table catalog_search drop constraint catalog_search_harvested_offering`,
    `alter table catalog_search drop constraint catalog_search_harvested`,
    `alter table catalog_search drop column subscription_id, drop column subject_id, drop column feed_url, drop column issuer_did, drop column creator_did, drop column achievement_url, drop column fetched_at`,
    `alter table catalog_search drop constraint catalog_search_achievement`,
    `alter table catalog_search
        alter column achievement_id set not null, alter column version set not null, alter column achievement_slug set not null,
        alter column organisation_id set not null, alter column language set not null, alter column price_amount set not null,
        alter column price_currency set not null, alter column price_band set not null, alter column credit_value set not null,
        alter column credit_system set not null`,
    `alter table catalog_search add primary key (achievement_id)`,
  ]);
}
