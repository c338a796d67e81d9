import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Equity fields (#7, item 3). Which of the fixed equity fields (src/tracking/equity/equity-fields.ts) an
// organisation collects, and the answers learners chose to declare to it. Declarations live in a table of
// their own, apart from the profile, and hang off the person with ON DELETE CASCADE, so account deletion
// (which deletes every such row) removes them; off the organisation too. Keys are checked by the service
// against the fixed set; the database only keeps one answer per person, organisation and field.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table equity_field_settings (
      organisation_id uuid not null references organisations (id) on delete cascade,
      field text not null,
      enabled_by uuid references people (id) on delete set null,
      enabled_at timestamptz not null default now(),
      primary key (organisation_id, field)
    )`,
    `create table equity_declarations (
      organisation_id uuid not null references organisations (id) on delete cascade,
      person_id uuid not null references people (id) on delete cascade,
      field text not null,
      answer text not null,
      declared_at timestamptz not null default now(),
      primary key (organisation_id, person_id, field),
      foreign key (organisation_id, field) references equity_field_settings (organisation_id, field) on delete cascade
    )`,
    `create index equity_declarations_person on equity_declarations (person_id)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table equity_declarations, equity_field_settings']);
}
