import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/demo/demo-data.js';

/**
 * Vitest global set-up: builds, once per run, the two databases most test files start from (migrated, and
 * migrated with the demo data), so that each file copies one instead of initialising, migrating and seeding
 * its own. On PGlite that took 10 s (migrated) and 35–50 s (demo) per file on CI's two cores; loading an
 * image takes 1.5 s and 6 s. On PostgreSQL a file's database is `CREATE DATABASE … TEMPLATE`.
 *
 * Test files still get a database of their own each; only the starting point is shared.
 */
export type DatabaseTemplates =
  | { kind: 'pglite'; migratedImage: string; demoImage: string }
  | { kind: 'postgres'; migratedDatabase: string; demoDatabase: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates | null;
  }
}

// Vitest runs the projects' set-ups one after another in this one process. The first call starts the builds
// every project of the run needs, side by side (PGlite works on this process's CPU, PostgreSQL in its server),
// and each project then waits for its own; the PGlite images serve two projects (unit and browser tests).
type Builds = { pglite?: Promise<{ dir: string; images: DatabaseTemplates }>; postgres?: Promise<{ templates: DatabaseTemplates; drop: () => Promise<void> }>; users: number };
const shared = globalThis as typeof globalThis & { tesseraTemplateBuilds?: Builds };

const kindOf = (project: TestProject): 'pglite' | 'postgres' => (project.config.env?.TESSERA_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const builds = (shared.tesseraTemplateBuilds ??= startBuilds(new Set(project.vitest.projects.map(kindOf))));
  builds.users += 1;
  if (kindOf(project) === 'postgres') {
    const { templates } = await (builds.postgres ??= buildPostgresTemplates());
    project.provide('databaseTemplates', templates);
  } else {
    const { images } = await (builds.pglite ??= buildPgliteImages());
    project.provide('databaseTemplates', images);
  }
  return async () => {
    builds.users -= 1;
    if (builds.users > 0) return;
    const [pglite, postgres] = await Promise.allSettled([builds.pglite, builds.postgres]);
    if (pglite.status === 'fulfilled' && pglite.value) rmSync(pglite.value.dir, { recursive: true, force: true });
    if (postgres.status === 'fulfilled' && postgres.value) await postgres.value.drop();
  };
}

function startBuilds(kinds: Set<'pglite' | 'postgres'>): Builds {
  const builds: Builds = { users: 0 };
  if (kinds.has('postgres')) builds.postgres = buildPostgresTemplates();
  if (kinds.has('pglite')) builds.pglite = buildPgliteImages();
  // Awaited by the projects; a failure is reported there, not as an unhandled rejection here.
  builds.postgres?.catch(() => undefined);
  builds.pglite?.catch(() => undefined);
  return builds;
}

async function buildPgliteImages(): Promise<{ dir: string; images: DatabaseTemplates }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-test-images-'));
  const handle = await openDatabase({ statementTimeoutMs: 120_000 });
  try {
    await migrateToLatest(handle.db);
    const migratedImage = path.join(dir, 'migrated.tar');
    writeFileSync(migratedImage, await imageOf(handle));
    await seedDemoData(handle.db);
    const demoImage = path.join(dir, 'demo.tar');
    writeFileSync(demoImage, await imageOf(handle));
    return { dir, images: { kind: 'pglite', migratedImage, demoImage } };
  } finally {
    await handle.close();
  }
}

// PGlite keeps no autovacuum: analyse after the bulk load so every copy plans its queries on real statistics.
async function imageOf(handle: DatabaseHandle): Promise<Buffer> {
  if (!handle.dumpImage) throw new Error('expected an embedded database');
  await sql`vacuum analyze`.execute(handle.db);
  return Buffer.from(await (await handle.dumpImage()).arrayBuffer());
}

async function buildPostgresTemplates(): Promise<{ templates: DatabaseTemplates; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('The postgres test project needs DATABASE_URL');
  const prefix = `tessera_template_${randomBytes(4).toString('hex')}`;
  const migratedDatabase = `${prefix}_migrated`;
  const demoDatabase = `${prefix}_demo`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const fill = async (name: string, work: (handle: DatabaseHandle) => Promise<unknown>) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2, statementTimeoutMs: 120_000 });
    try {
      await work(handle);
      await sql`analyze`.execute(handle.db);
    } finally {
      // A template can be copied only while nobody is connected to it.
      await handle.close();
    }
  };
  await admin(`create database ${migratedDatabase}`);
  await fill(migratedDatabase, (handle) => migrateToLatest(handle.db));
  await admin(`create database ${demoDatabase} template ${migratedDatabase}`);
  await fill(demoDatabase, (handle) => seedDemoData(handle.db));
  return {
    templates: { kind: 'postgres', migratedDatabase, demoDatabase },
    drop: async () => {
      await admin(`drop database if exists ${demoDatabase} with (force)`);
      await admin(`drop database if exists ${migratedDatabase} with (force)`);
    },
  };
}
