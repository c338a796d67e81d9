import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser.js';
import { templateBuilt } from './test-database.js';
import { startTestServer } from './test-server.js';

// Every browser test starts from the demo image: wait for it while the file loads (no time limit), not in
// the set-up hook (180 s), since the first browser files may start before the run's build has finished.
await templateBuilt('demo');

export interface E2eSession {
  readonly server: Awaited<ReturnType<typeof startTestServer>>;
  readonly browser: TestBrowser;
}

/**
 * The real server on a fresh seeded embedded database and a browser pointed at it, for one test file:
 * started before its tests (then `setup`, if given), closed after them.
 */
export function useServerAndBrowser(setup?: (session: E2eSession) => Promise<void>): E2eSession {
  let server: E2eSession['server'] | undefined;
  let browser: TestBrowser | undefined;
  const session: E2eSession = {
    get server() {
      if (!server) throw new Error('The test server is not started yet (use it inside tests or hooks).');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('The browser is not launched yet (use it inside tests or hooks).');
      return browser;
    },
  };
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser({ baseUrl: server.baseUrl });
    await setup?.(session);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return session;
}
