import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// A narrow copy of each search entry's words (0006, 0009): its key, a small number for it, its title and its
// vector, with its own full-text index. Matching a broad word ("management", a third of 100,000 entries)
// through catalog_search's index meant visiting nearly every page of that wide table (about 180 MB, most of
// it texts and skills) to read each match's key: a quarter of a second. Here the vector is pushed out of
// line (toast_tuple_target 128, stored uncompressed: ranking then reads it without inflating it), so the
// table proper is a few megabytes and the same match reads it in milliseconds. Ranking reads the vector and
// the title (ts_rank, word_similarity) from here too.
//
// Statement triggers on catalog_search keep it in step, whoever writes the index (publish, endorsement,
// harvest, rebuild); a deleted entry takes its row with it through the foreign key. entry_no is what search
// passes around (integers travel and parse faster than keys); it is kept when an entry is rewritten.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table catalog_search_match (
          entry_no integer generated always as identity primary key,
          entry_key text not null unique references catalog_search (entry_key) on delete cascade,
          title text not null,
          search_vector tsvector not null
        ) with (toast_tuple_target = 128)`,
    `alter table catalog_search_match alter column search_vector set storage external`,
    `create function catalog_search_match_written() returns trigger language plpgsql as $$
        begin
          insert into catalog_search_match (entry_key, title, search_vector)
            select w.entry_key, w.title, w.search_vector from written w
            on conflict (entry_key) do update set title = excluded.title, search_vector = excluded.search_vector
            where (catalog_search_match.title, catalog_search_match.search_vector) is distinct from (excluded.title, excluded.search_vector);
          return null;
        end $$`,
    // A trigger with transition tables serves one event, so inserts and updates have one each.
    `create trigger catalog_search_match_inserted after insert on catalog_search
        referencing new table as written for each statement execute function catalog_search_match_written()`,
    `create trigger catalog_search_match_updated after update on catalog_search
        referencing new table as written for each statement execute function catalog_search_match_written()`,
    `insert into catalog_search_match (entry_key, title, search_vector) select entry_key, title, search_vector from catalog_search order by lower(title), entry_key`,
    `create index catalog_search_match_vector on catalog_search_match using gin (search_vector)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `drop trigger catalog_search_match_updated on catalog_search`,
    `drop trigger catalog_search_match_inserted on catalog_search`,
    `drop function catalog_search_match_written()`,
    `drop table catalog_search_match`,
  ]);
}
