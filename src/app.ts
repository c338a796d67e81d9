import path from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createAuthRepository } from './accounts/auth.repository.js';
import { createAuthService } from './accounts/auth.service.js';
import { createOrganisationsRepository } from './accounts/organisations.repository.js';
import { createOrganisationsService } from './accounts/organisations.service.js';
import { createPeopleRepository } from './accounts/people.repository.js';
import { createPeopleService } from './accounts/people.service.js';
import { createTokensService } from './accounts/tokens.service.js';
import { accountsRoutes } from './api/routes/accounts.routes.js';
import { healthRoutes } from './api/routes/health.routes.js';
import { buildServer } from './api/server.js';
import type { Config } from './config/config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { packageRoot, packageVersion } from './package-root.js';

export interface AppOptions {
  /** An already open database (tests share one per file); otherwise opened from the configuration. */
  database?: DatabaseHandle;
  logStream?: Writable;
  clock?: () => Date;
  webDistDir?: string;
}

export interface App {
  config: Config;
  database: DatabaseHandle;
  server: FastifyInstance;
  services: ReturnType<typeof createServices>;
  /** Starts listening; resolves with the address. */
  listen(): Promise<string>;
  /** Stops taking requests, lets in-flight ones finish, then closes the database (if the app opened it). */
  close(): Promise<void>;
}

/** Where the embedded database lives inside the data directory. */
export const pgliteDirFor = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'pglite');

export const openConfiguredDatabase = (config: Config): Promise<DatabaseHandle> =>
  openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: pgliteDirFor(config), statementTimeoutMs: config.statementTimeoutMs });

function createServices(config: Config, database: DatabaseHandle, clock: () => Date) {
  const { db } = database;
  const people = createPeopleRepository(db);
  const organisations = createOrganisationsRepository(db);
  const auth = createAuthRepository(db);
  return {
    auth: createAuthService({
      db,
      people,
      auth,
      clock,
      settings: { sessionTtlHours: config.sessionTtlHours, loginMaxFailures: config.loginMaxFailures, loginLockMinutes: config.loginLockMinutes },
    }),
    people: createPeopleService({ people }),
    organisations: createOrganisationsService({ db, organisations, people }),
    tokens: createTokensService({ db, auth, clock }),
  };
}

/** The composition root: the one place that wires configuration, database, services and HTTP. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    await migrateToLatest(database.db);
    const services = createServices(config, database, options.clock ?? (() => new Date()));
    const server = await buildServer({
      config,
      version: packageVersion(),
      auth: services.auth,
      webDistDir: options.webDistDir ?? path.join(packageRoot(), 'web', 'dist'),
      ...(options.logStream ? { logStream: options.logStream } : {}),
      routes: [
        healthRoutes({ ping: database.ping }),
        accountsRoutes({ ...services, sessionCookie: { secure: config.publicUrl.startsWith('https://'), maxAgeSeconds: config.sessionTtlHours * 3600 } }),
      ],
    });
    await server.ready();
    return {
      config,
      database,
      server,
      services,
      listen: () => server.listen({ port: config.port, host: config.host }),
      close: async () => {
        await server.close();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
