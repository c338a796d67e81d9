import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, pgliteDirFor } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { seedDemoData } from '../../src/demo/demo-data.js';
import { freePort } from './free-port.js';
import { demoImageForEmbeddedServer } from './test-database.js';

/**
 * The real server, listening on a free local port, on a fresh embedded database in a temporary data
 * directory, seeded with the demo data and serving the built web app (web/dist): what a person gets
 * from `npm start`. For browser tests.
 */
export async function startTestServer(): Promise<{ baseUrl: string; dataDir: string; stop(): Promise<void>; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
  // The port is chosen before start-up because the public URL (and so every DID and credential URL) names it.
  const port = await freePort();
  const config = loadConfig({ TESSERA_LOG_LEVEL: 'warn', TESSERA_RATE_LIMIT_PER_MINUTE: '100000', PORT: String(port) }, { dataDir });
  // The run's seeded demo image, when it built one, saves the half minute seeding takes; the app owns and
  // closes the database either way (it is opened here only to load the image into the empty folder).
  const image = await demoImageForEmbeddedServer();
  const database = image ? await openDatabase({ pgliteDir: pgliteDirFor(config), statementTimeoutMs: config.statementTimeoutMs, initialImage: image }) : undefined;
  const app = await createApp(config, database ? { database } : {});
  await seedDemoData(app.database.db);
  await app.listen();
  const baseUrl = config.publicUrl;
  let stopped = false;
  // `stop` ends the server but keeps its data directory, for a test that then opens the embedded database
  // itself (a CLI command, a deliberate corruption); `close` also removes it.
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await database?.close();
  };
  return {
    baseUrl,
    dataDir,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
