import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Earning (#5): at start-up Tessera issues the credential of every passed enrolment that has none (a
// process stopped between the pass and the issue). The partial index holds just those few rows, so the
// check costs nothing however many enrolments there are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`create index enrolments_passed_without_credential on enrolments (created_at) where state = 'passed' and credential_id is null`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`drop index enrolments_passed_without_credential`]);
}
