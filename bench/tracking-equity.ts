import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/tables.js';
import { EQUITY_FIELDS } from '../src/tracking/equity/equity-fields.js';
import { createEquityRepository } from '../src/tracking/equity/equity.repository.js';

/**
 * The people behind the tracking bench's synthetic lives, so the equity breakdown has something to break
 * down: a learner per five lives (life g belongs to learner g mod people, so a learner's lives fall on
 * several achievements and organisations), the enrolment row of every life and the credential row of
 * every passing one (the rows the fold finds a person through), three collected fields at every
 * organisation, and answers from 40% of the learners to each organisation they enrolled with.
 * Rows are written by generate_series, as the events are; ids follow the event generator's.
 */
export const COLLECTED = ['gender_identity', 'age_band', 'disability'] as const;

export async function loadEquityPeople(db: Kysely<Database>, lives: number, organisations: string[], achievements: number): Promise<{ people: number; enrolments: number; credentials: number; declarations: number }> {
  const people = Math.max(1, Math.floor(lives / 5));
  const personOf = (g: string) => sql.raw(`md5('p' || (${g} % ${people}))::uuid`);
  await sql`
    insert into people (id, email, display_name)
    select md5('p' || n)::uuid, 'bench-learner-' || n || '@bench.test', 'Bench learner ' || n from generate_series(0, ${people - 1}) n`.execute(db);
  await sql`
    insert into enrolments (id, person_id, organisation_id, achievement_id, achievement_version, route, state, max_resubmissions, created_at)
    select md5('e' || g)::uuid, ${personOf('g')}, (${organisations}::uuid[])[(g % ${achievements}) % ${organisations.length} + 1],
           md5('a' || (g % ${achievements}))::uuid, 1, 'assessment-only', case when g % 5 <> 4 then 'passed' else 'withdrawn' end, 1, now()
    from generate_series(0, ${lives - 1}) g`.execute(db);
  await sql`
    insert into issued_credentials (id, organisation_id, kind, achievement_id, achievement_version, recipient_person_id, recipient_identifier, credential, issued_at)
    select md5('c' || g)::uuid, (${organisations}::uuid[])[(g % ${achievements}) % ${organisations.length} + 1], 'OpenBadgeCredential',
           md5('a' || (g % ${achievements}))::uuid, 1, ${personOf('g')}, 'mailto:bench-learner-' || (g % ${people}) || '@bench.test', '{}'::jsonb, now()
    from generate_series(0, ${lives - 1}) g where g % 5 <> 4`.execute(db);
  await sql`
    insert into equity_field_settings (organisation_id, field)
    select o, f from unnest(${organisations}::uuid[]) o, unnest(${[...COLLECTED]}::text[]) f`.execute(db);
  for (const key of COLLECTED) {
    const options = EQUITY_FIELDS.find((f) => f.key === key)!.options.map((o) => o.key);
    await sql`
      insert into equity_declarations (organisation_id, person_id, field, answer)
      select organisation_id, person_id, ${key}, (${options}::text[])[1 + abs(hashtext(person_id::text || ${key})) % ${options.length}]
      from (select distinct organisation_id, person_id from enrolments where abs(hashtext(person_id::text)) % 10 < 4) pairs`.execute(db);
  }
  const count = async (table: 'enrolments' | 'issued_credentials' | 'equity_declarations') => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  return { people, enrolments: await count('enrolments'), credentials: await count('issued_credentials'), declarations: await count('equity_declarations') };
}

/**
 * Learner `person` changes their answer to the organisation of their first life, through the repository the
 * declaration route uses: the declaration triggers move their folded figures in the same transaction.
 */
export async function changeAnswers(db: Kysely<Database>, organisations: string[], achievements: number, person: number, round: number): Promise<void> {
  const organisationId = organisations[(person % achievements) % organisations.length]!;
  const personId = (await sql<{ id: string }>`select md5('p' || ${person})::uuid::text as id`.execute(db)).rows[0]!.id;
  const options = EQUITY_FIELDS.find((f) => f.key === 'gender_identity')!.options.map((o) => o.key);
  await db.transaction().execute((trx) => createEquityRepository(db).replaceDeclaration(trx, organisationId, personId, [['gender_identity', options[round % options.length]!]], new Date()));
}

/**
 * `count` enrolments in the organisation's achievement on the last day of the bench's two years, as events
 * (placeholder hashes, as the generator writes them): new activity in the last month of a breakdown's range.
 */
export async function newEnrolments(db: Kysely<Database>, organisationId: string, achievementId: string, count: number): Promise<void> {
  await sql`
    insert into events (occurred_at, type, organisation_id, subject_type, subject_id, payload, previous_hash, hash)
    select '2025-12-30T12:00:00Z'::timestamptz, 'enrolment.enrolled', ${organisationId}::uuid, 'enrolment', gen_random_uuid()::text,
           jsonb_build_object('to', 'enrolled', 'achievementId', ${achievementId}::text), repeat('0', 64), md5(random()::text) || md5(random()::text)
    from generate_series(1, ${count})`.execute(db);
}
