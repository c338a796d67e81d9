import path from 'node:path';

/** Which template a test file's database starts from. */
export type TemplateStart = 'migrated' | 'demo';

/**
 * Where the run's database templates live (test/support/database-templates.ts builds them, in the background,
 * and test/support/test-database.ts waits for them): the PGlite images and the marker files in one directory,
 * and the PostgreSQL template databases' names.
 */
export function templateLayout(dir: string, postgresPrefix: string) {
  return {
    pgliteImage: (start: TemplateStart) => path.join(dir, `${start}.tar`),
    postgresDatabase: (start: TemplateStart) => `${postgresPrefix}_${start}`,
    /** Written once the template can be copied. */
    ready: (kind: 'pglite' | 'postgres', start: TemplateStart) => path.join(dir, `${kind}-${start}.ready`),
    /** Written, with the error, when a kind's build fails. */
    failed: (kind: 'pglite' | 'postgres') => path.join(dir, `${kind}.failed`),
  };
}
