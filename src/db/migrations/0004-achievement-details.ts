import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Versioning rules the database holds itself to, whatever code runs against it:
// - at most one draft per achievement (two "new version" requests racing cannot both win);
// - a version's status only moves forward (draft → published → retired), so a
//   published version cannot be turned back into a draft and then rewritten, which 0002's trigger allowed;
// - what a non-draft version says (definition, number, achievement, publication date) never changes;
// - non-draft versions are never deleted: credentials point at them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table achievement_versions
          add column updated_at timestamptz not null default now(),
          add column retired_at timestamptz`,
    `create unique index achievement_versions_one_draft on achievement_versions (achievement_id) where status = 'draft'`,
    `create index achievement_versions_status on achievement_versions (achievement_id, status, version desc)`,
    `create or replace function achievement_versions_immutable() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then
            if old.status <> 'draft' then
              raise exception 'published achievement versions cannot be deleted' using errcode = 'P0001';
            end if;
            return old;
          end if;
          if new.achievement_id <> old.achievement_id or new.version <> old.version then
            raise exception 'achievement versions cannot be renumbered or moved' using errcode = 'P0001';
          end if;
          if not ((old.status = new.status) or (old.status = 'draft' and new.status = 'published') or (old.status = 'published' and new.status = 'retired')) then
            raise exception 'achievement version status cannot go from % to %', old.status, new.status using errcode = 'P0001';
          end if;
          if old.status <> 'draft' and (new.definition is distinct from old.definition or new.published_at is distinct from old.published_at
              or new.created_at is distinct from old.created_at) then
            raise exception 'published achievement versions are immutable' using errcode = 'P0001';
          end if;
          return new;
        end $$`,
    `create trigger achievement_versions_no_delete before delete on achievement_versions
          for each row execute function achievement_versions_immutable()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop trigger achievement_versions_no_delete on achievement_versions',
    `create or replace function achievement_versions_immutable() returns trigger language plpgsql as $$
        begin
          if old.status <> 'draft' and (new.definition is distinct from old.definition or new.version <> old.version) then
            raise exception 'published achievement versions are immutable' using errcode = 'P0001';
          end if;
          return new;
        end $$`,
    'drop index achievement_versions_status',
    'drop index achievement_versions_one_draft',
    'alter table achievement_versions drop column retired_at, drop column updated_at',
  ]);
}
