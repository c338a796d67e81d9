import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { templateLayout } from './template-layout.js';

/**
 * Vitest global set-up: builds, once per run, the two databases most test files start from (migrated, and
 * migrated with the demo data), so that each file copies one instead of initialising, migrating and seeding
 * its own. On PGlite that took 10 s (migrated) and 35–50 s (demo) per file on CI's two cores; loading an
 * image takes 1.5 s and 6 s. On PostgreSQL a file's database is `CREATE DATABASE … TEMPLATE`.
 *
 * The builds run in the background, each kind in a process of its own (test/support/template-builder.ts):
 * the set-up returns at once, the files that need no database run meanwhile (test/support/sequencer.ts puts
 * them first), and a file that needs a template waits for it (test/support/test-database.ts). Before, the
 * whole run waited about 2.5 minutes on CI for both builds, sharing this process's one thread.
 *
 * Test files still get a database of their own each; only the starting point is shared.
 */
export type DatabaseTemplates = { kind: 'pglite' | 'postgres'; dir: string; postgresPrefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates | null;
  }
}

// Vitest runs the projects' set-ups one after another in this one process. The first call starts the builds
// every project of the run needs, side by side, and each project is told where its kind's templates will be;
// the PGlite images serve two projects (unit and browser tests).
type Build = { child: ChildProcess; done: Promise<void> };
type Builds = { dir: string; postgresPrefix: string; pglite?: Build; postgres?: Build; users: number };
const shared = globalThis as typeof globalThis & { tesseraTemplateBuilds?: Builds };

const kindOf = (project: TestProject): 'pglite' | 'postgres' => (project.config.env?.TESSERA_TEST_DB === 'postgres' ? 'postgres' : 'pglite');
const builder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'template-builder.ts');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const builds = (shared.tesseraTemplateBuilds ??= startBuilds(new Set(project.vitest.projects.map(kindOf))));
  builds.users += 1;
  const kind = kindOf(project);
  if (kind === 'postgres' && !process.env.DATABASE_URL) throw new Error('The postgres test project needs DATABASE_URL');
  project.provide('databaseTemplates', { kind, dir: builds.dir, postgresPrefix: builds.postgresPrefix });
  return async () => {
    builds.users -= 1;
    if (builds.users > 0) return;
    // A run whose files needed no template (or not all of them) need not wait for the rest of a build.
    for (const build of [builds.pglite, builds.postgres]) if (build && build.child.exitCode === null) build.child.kill();
    await Promise.allSettled([builds.pglite?.done, builds.postgres?.done]);
    rmSync(builds.dir, { recursive: true, force: true });
    if (builds.postgres) await dropPostgresTemplates(builds.postgresPrefix);
  };
}

function startBuilds(kinds: Set<'pglite' | 'postgres'>): Builds {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-test-images-'));
  const postgresPrefix = `tessera_template_${randomBytes(4).toString('hex')}`;
  const builds: Builds = { dir, postgresPrefix, users: 0 };
  if (kinds.has('postgres') && process.env.DATABASE_URL) builds.postgres = startBuild('postgres', dir, postgresPrefix);
  if (kinds.has('pglite')) builds.pglite = startBuild('pglite', dir, postgresPrefix);
  return builds;
}

function startBuild(kind: 'pglite' | 'postgres', dir: string, postgresPrefix: string): Build {
  const child = spawn(process.execPath, ['--import', 'tsx', builder, kind, dir, postgresPrefix], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  const failed = templateLayout(dir, postgresPrefix).failed(kind);
  const done = new Promise<void>((resolve) => {
    const fail = (reason: string) => {
      // The builder writes its own error; this covers a builder that could not start or was killed.
      if (!existsSync(failed)) writeFileSync(failed, reason);
      resolve();
    };
    child.on('error', (error) => fail(`The ${kind} template builder did not start: ${error.message}`));
    child.on('exit', (code, signal) => (code === 0 ? resolve() : fail(`The ${kind} template builder ended with ${signal ?? `exit code ${code}`}`)));
  });
  return { child, done };
}

async function dropPostgresTemplates(prefix: string): Promise<void> {
  const layout = templateLayout('', prefix);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (const start of ['demo', 'migrated'] as const) await client.query(`drop database if exists ${layout.postgresDatabase(start)} with (force)`);
  } finally {
    await client.end();
  }
}
