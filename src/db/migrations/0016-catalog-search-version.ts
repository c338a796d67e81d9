import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// A version number of the catalogue's search index (0006, 0009) that every committed change to it raises,
// whoever writes it (publish, endorsement, harvest, rebuild, a hand-made delete). Search keeps the narrow
// columns of every entry in memory, for filters, facet counts, sorting and paging (at 100,000 entries
// PostgreSQL spent about a second per search re-reading them: src/catalog/search/search-snapshot.ts),
// and reads this number first to know whether its copy is still the committed index.
//
// The trigger is a deferred constraint trigger, so the one row is updated at commit, after the writing
// transaction took every other lock it needs: two writers then wait for each other only while one of them
// commits, and never in a cycle with the event log's chain lock or the harvests' advisory lock. It fires
// per changed row but raises the version once per transaction (the flag is local to the transaction).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table catalog_search_state (
          singleton boolean primary key default true check (singleton),
          version bigint not null default 0
        )`,
    `insert into catalog_search_state default values`,
    `create function catalog_search_changed() returns trigger language plpgsql as $$
        begin
          if coalesce(current_setting('tessera.catalog_search_changed', true), '') <> txid_current()::text then
            perform set_config('tessera.catalog_search_changed', txid_current()::text, true);
            update catalog_search_state set version = version + 1;
          end if;
          return null;
        end $$`,
    `create constraint trigger catalog_search_changed after insert or update or delete on catalog_search
        deferrable initially deferred for each row execute function catalog_search_changed()`,
    // A constraint trigger cannot watch truncate; an ordinary statement trigger can.
    `create trigger catalog_search_truncated after truncate on catalog_search for each statement execute function catalog_search_changed()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `drop trigger catalog_search_truncated on catalog_search`,
    `drop trigger catalog_search_changed on catalog_search`,
    `drop function catalog_search_changed()`,
    `drop table catalog_search_state`,
  ]);
}
