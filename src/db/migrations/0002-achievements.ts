import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Micro-credential definitions: an achievement and its versions. A published version is immutable
// (enforced by a trigger, so no code path can rewrite what credentials were issued against).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table achievements (
          id uuid primary key default gen_random_uuid(),
          organisation_id uuid not null references organisations (id) on delete restrict,
          slug text not null check (slug ~ '^[a-z0-9]([a-z0-9-]{0,78}[a-z0-9])?$'),
          created_at timestamptz not null default now(),
          unique (organisation_id, slug)
        )`,
    `create table achievement_versions (
          achievement_id uuid not null references achievements (id) on delete cascade,
          version integer not null check (version >= 1),
          status text not null check (status in ('draft', 'published', 'retired')),
          definition jsonb not null,
          created_by uuid references people (id) on delete set null,
          created_at timestamptz not null default now(),
          published_at timestamptz,
          primary key (achievement_id, version)
        )`,
    `create function achievement_versions_immutable() returns trigger language plpgsql as $$
        begin
          if old.status <> 'draft' and (new.definition is distinct from old.definition or new.version <> old.version) then
            raise exception 'published achievement versions are immutable' using errcode = 'P0001';
          end if;
          return new;
        end $$`,
    `create trigger achievement_versions_immutable before update on achievement_versions
          for each row execute function achievement_versions_immutable()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table achievement_versions, achievements', 'drop function achievement_versions_immutable()']);
}
