import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { generateMasterKey } from '../../src/credentials/keys/master-key.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseStart } from './test-database.js';

export interface TestApp extends App {
  /** Every JSON log line the server wrote, for assertions about what is (not) logged. */
  logs: string[];
  dispose(): Promise<void>;
}

/**
 * The real app on a throw-away database, not listening: drive it with `server.inject`. `start: 'demo'`
 * gives it the demo organisations, people, ESCO subset and micro-credentials, as `npm start` has.
 */
export async function createTestApp(overrides: Partial<Config> = {}, options: { database?: TestDatabase; start?: TestDatabaseStart; appOptions?: AppOptions } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase({ start: options.start ?? 'migrated' }));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const config = loadConfig({ TESSERA_LOG_LEVEL: 'info' }, { dataDir: '/nonexistent-test-data-dir', masterKey: generateMasterKey({ randomBytes }), ...overrides });
  const app = await createApp(config, { ...options.appOptions, database, logStream });
  return {
    ...app,
    logs,
    dispose: async () => {
      await app.close();
      if (!options.database) await database.dispose();
    },
  };
}
