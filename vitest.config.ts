import { defineConfig } from 'vitest/config';
import TesseraSequencer from './test/support/sequencer.js';

// Every test runs on the embedded database (PGlite). When DATABASE_URL is set (CI does), the tests that
// touch a database run a second time against that PostgreSQL server; each test file gets its own
// throw-away database there (see test/support/test-database.ts).
const onPostgres = Boolean(process.env.DATABASE_URL);
const unitFiles = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const browserFiles = ['test/e2e/**/*.test.ts'];
// Pure code has no database, so a second run would only repeat the first.
const pureFiles = ['src/credentials/**', 'src/config/**'];
// Builds each database kind's migrated and demo templates once per run; test files start from copies.
const globalSetup = ['./test/support/database-templates.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Generous limits: two files share the two cores, and a file's set-up (a whole ESCO import, the demo
    // data) then takes about twice as long as alone. They catch hangs; speed is measured by `npm run bench`.
    // A set-up hook may also wait for the run's demo template, still being built when the first files start.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Vitest's default in a run is one worker fewer than the cores: one on CI's 2-core machine, so the
    // suite ran file after file with a core idle. Each file has its own database, so two run side by side.
    maxWorkers: 2,
    minWorkers: 1,
    // Files needing no database first (while the templates build), then the slowest first, browser files
    // spread among the others (test/support/sequencer.ts).
    sequence: { sequencer: TesseraSequencer },
    projects: [
      {
        test: {
          name: 'pglite',
          include: unitFiles,
          exclude: [...browserFiles, 'node_modules/**'],
          env: { TESSERA_TEST_DB: 'pglite' },
          globalSetup,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      ...(onPostgres
        ? [
            {
              test: {
                name: 'postgres',
                include: unitFiles,
                exclude: [...browserFiles, ...pureFiles, 'node_modules/**'],
                env: { TESSERA_TEST_DB: 'postgres' },
                globalSetup,
                testTimeout: 60_000,
                hookTimeout: 300_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: browserFiles,
          env: { TESSERA_TEST_DB: 'pglite' },
          globalSetup,
          // In the same two workers as the other files (each browser file has its own server, port, database
          // and Chromium profile), not one after another in a single fork once every other file is done:
          // a browser test keeps about one core busy, so the other core ran idle for all of them.
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
