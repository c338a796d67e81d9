import { Migrator, type Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { migrationProvider, migrations } from './migrations/index.js';
import type { Database } from './tables.js';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export const migrationFailed = (name: string | undefined, cause: unknown): AppError =>
  new AppError({
    code: 'db.migration_failed',
    status: 500,
    title: 'A database migration failed',
    detail: `Migration ${name ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}. Nothing of it was applied.`,
    cause,
  });

// Capabilities add migrations in parallel branches of work, so a database may have run 0005 before 0003
// arrives; Kysely then applies 0003 rather than refusing. Each migration touches only its own tables.
const migratorFor = (db: Kysely<Database>): Migrator => new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });

/** Applies every pending migration, each in its own transaction, under PostgreSQL's migration lock. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw migrationFailed(failed?.migrationName, error);
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const all = await migratorFor(db).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}

export const knownMigrations = (): string[] => Object.keys(migrations);
