import type { DatabaseConnection, Driver } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { AppError } from '../errors.js';

export const connectionWaitTimeout = (waitedMs: number): AppError =>
  new AppError({
    code: 'db.connection_wait_timeout',
    status: 503,
    title: 'The database is busy',
    detail: `Waited ${waitedMs} ms for the embedded database's only connection. If this repeats, code is querying outside an open transaction (the embedded database has one connection, so that waits forever).`,
    reportable: true,
  });

/**
 * PGlite has a single connection. A query made through the pool while a transaction holds it waits for
 * the transaction, and if the transaction itself awaits that query, both wait forever (PostgreSQL, with
 * a pool, would not notice). This dialect turns such a wait into a clear error after `maxWaitMs`, so the
 * bug surfaces as a failing request or test instead of a hang.
 */
export class GuardedPGliteDialect extends PGliteDialect {
  constructor(
    client: ConstructorParameters<typeof PGliteDialect>[0],
    private readonly maxWaitMs: number,
  ) {
    super(client);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = () => {
      const pending = acquire();
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(connectionWaitTimeout(this.maxWaitMs));
        }, this.maxWaitMs);
      });
      // A connection handed over after we gave up goes straight back, so the queue keeps moving.
      void pending.then((connection: DatabaseConnection) => {
        if (timedOut) void driver.releaseConnection(connection);
      });
      return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
    };
    return driver;
  }
}
