import { sql, type Kysely } from 'kysely';

/**
 * Runs DDL statements one at a time: PGlite (like any extended-protocol client) refuses several
 * commands in one prepared statement. The migrator already wraps each migration in a transaction.
 */
export async function runStatements(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
