import path from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createAuthRepository } from './accounts/auth.repository.js';
import { createAuthService } from './accounts/auth.service.js';
import { createEmailConfirmationRepository } from './accounts/email-confirmation.repository.js';
import { createEmailConfirmationService } from './accounts/email-confirmation.service.js';
import { createOrganisationsRepository } from './accounts/organisations.repository.js';
import { createOrganisationsService } from './accounts/organisations.service.js';
import { createPeopleRepository } from './accounts/people.repository.js';
import { createPeopleService } from './accounts/people.service.js';
import { createTokensService } from './accounts/tokens.service.js';
import { randomBytes } from 'node:crypto';
import { accountsRoutes } from './api/routes/accounts.routes.js';
import { bulkRoutes } from './api/routes/bulk.routes.js';
import { createBulkIssuanceService } from './assessment/bulk/bulk-issuance.service.js';
import { exclusiveOnPostgres, pgBossQueue } from './assessment/bulk/bulk-queue.js';
import { configuredEvidenceStore } from './assessment/evidence/configured-evidence-store.js';
import { createEvidenceFiles } from './assessment/evidence/evidence-files.js';
import { createMailDeliverer } from './notifications/mail-deliverer.js';
import { configuredMailer } from './notifications/mailer.js';
import { createNotificationsRepository } from './notifications/notifications.repository.js';
import { createNotificationsService } from './notifications/notifications.service.js';
import { createBulkJobsRepository } from './assessment/bulk/bulk-jobs.repository.js';
import { catalogRoutes } from './api/routes/catalog.routes.js';
import { catalogueSearchRoutes } from './api/routes/catalogue-search.routes.js';
import { escoRoutes } from './api/routes/esco.routes.js';
import { feedsRoutes } from './api/routes/feeds.routes.js';
import { notificationsRoutes } from './api/routes/notifications.routes.js';
import { walletRoutes } from './api/routes/wallet.routes.js';
import { walletExportsRoutes } from './api/routes/wallet-exports.routes.js';
import { createWalletExports } from './wallet/exports/wallet-exports.js';
import type { KnownHolder } from './wallet/holder-match.js';
import { createHolderDidRepository } from './wallet/holder/holder-did.repository.js';
import { shareRoutes } from './api/routes/share.routes.js';
import { createHoldingsRepository } from './wallet/holdings/holdings.repository.js';
import { createHoldingsService } from './wallet/holdings/holdings.service.js';
import { createSharesRepository } from './wallet/sharing/shares.repository.js';
import { createSharesService } from './wallet/sharing/shares.service.js';
import { createIssuedCredentialsListRepository } from './issuing/issued-credentials-list.repository.js';
import { createIssuedCredentialsListService } from './issuing/issued-credentials-list.service.js';
import { createWalletRepository } from './wallet/wallet.repository.js';
import { createWalletService } from './wallet/wallet.service.js';
import { credentialsRoutes } from './api/routes/credentials.routes.js';
import { issuingRoutes } from './api/routes/issuing.routes.js';
import { healthRoutes } from './api/routes/health.routes.js';
import { pathwaysRoutes } from './api/routes/pathways.routes.js';
import { assessmentRoutes } from './api/routes/assessment.routes.js';
import { createAssessment } from './assessment/assessment.js';
import { buildServer } from './api/server.js';
import { createAchievementRepository } from './catalog/achievement.repository.js';
import { escoUriLookup } from './catalog/achievement.esco-lookup.js';
import { issuableAchievementLookup } from './catalog/achievement.issuable.js';
import { createAchievementService } from './catalog/achievement.service.js';
import { createEscoRepository } from './catalog/esco/esco.repository.js';
import { createEscoService } from './catalog/esco/esco.service.js';
import { createFeeds } from './catalog/feeds/feeds.js';
import { createCatalogueSearchRepository } from './catalog/search/catalogue-search.repository.js';
import { createCatalogueSearchService } from './catalog/search/catalogue-search.service.js';
import { createSearchIndex } from './catalog/search/search-index.js';
import type { Config } from './config/config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createDocumentLoader } from './credentials/contexts/document-loader.js';
import type { FetchFunction } from './credentials/dids/did-resolver.js';
import { INPUT_LIMITS } from './credentials/verify/input-limits.js';
import { createIssuerKeysRepository } from './issuing/issuer-keys.repository.js';
import { createCredentialStatusService } from './issuing/credential-status.service.js';
import { createEndorsementService } from './issuing/endorsement.service.js';
import { createIssuanceService } from './issuing/issuance.service.js';
import { createIssuedCredentialsRepository } from './issuing/issued-credentials.repository.js';
import { createIssuerKeysService } from './issuing/issuer-keys.service.js';
import { loadMasterKey } from './issuing/master-key-source.js';
import { createStatusListsRepository } from './issuing/status-lists.repository.js';
import { createStatusListsService } from './issuing/status-lists.service.js';
import { createVerificationService } from './issuing/verification.service.js';
import { createVerifyBatchService } from './verifier/verify-batch.service.js';
import { verifyBatchRoutes } from './api/routes/verify-batch.routes.js';
import { registryRoutes } from './api/routes/registry.routes.js';
import { candidatesRoutes } from './api/routes/candidates.routes.js';
import { createCandidatesRepository } from './verifier/candidates.repository.js';
import { createCandidatesService } from './verifier/candidates.service.js';
import { createRegistryRepository } from './registry/registry.repository.js';
import { createRegistryService } from './registry/registry.service.js';
import { packageRoot, packageVersion } from './package-root.js';
import { createPathways } from './pathways/pathways.js';
import { trackingRoutes } from './api/routes/tracking.routes.js';
import { createTracking } from './tracking/tracking.js';
import { createEquity } from './tracking/equity/equity.js';
import { equityRoutes } from './api/routes/equity.routes.js';

export interface AppOptions {
  /** An already open database (tests share one per file); otherwise opened from the configuration. */
  database?: DatabaseHandle;
  logStream?: Writable;
  clock?: () => Date;
  webDistDir?: string;
  /** How the verifier reaches other issuers' DIDs and status lists (tests point it at local servers). */
  verification?: { fetch?: FetchFunction; allowHttpFor?: readonly string[]; minimumStatusListEntries?: number };
  /** Catalogue feed harvesting reaches other instances through `verification`'s fetch and allow-list. */
  feeds?: { timeoutMs?: number; maxBytes?: number; schedulerIntervalMs?: number; pageSize?: number };
}

export interface App {
  config: Config;
  database: DatabaseHandle;
  server: FastifyInstance;
  services: Services;
  /** Starts listening; resolves with the address. */
  listen(): Promise<string>;
  /** Stops taking requests, lets in-flight ones finish, then closes the database (if the app opened it). */
  close(): Promise<void>;
}

/** Where the embedded database lives inside the data directory. */
export const pgliteDirFor = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'pglite');

export const openConfiguredDatabase = (config: Config): Promise<DatabaseHandle> =>
  openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: pgliteDirFor(config), statementTimeoutMs: config.statementTimeoutMs });

export function createServices(config: Config, database: DatabaseHandle, clock: () => Date, options: AppOptions = {}) {
  const { db } = database;
  const people = createPeopleRepository(db);
  const organisations = createOrganisationsRepository(db);
  const auth = createAuthRepository(db);
  const documentLoader = createDocumentLoader();
  const masterKey = loadMasterKey(config);
  const keys = createIssuerKeysService({ db, keys: createIssuerKeysRepository(db), organisations, masterKey: masterKey.key, publicUrl: config.publicUrl, clock, randomBytes });
  const statusLists = createStatusListsService({
    lists: createStatusListsRepository(db),
    keys,
    organisationById: organisations.findById,
    documentLoader,
    publicUrl: config.publicUrl,
    clock,
    randomBytes,
  });
  // The registry verifies other instances' lists with the verifier, and the verifier asks the registry
  // about every issuer: each reaches the other late, once both exist.
  const registry = createRegistryService({ db, registry: createRegistryRepository(db), organisations, keys, verification: () => verification, documentLoader, publicUrl: config.publicUrl, clock });
  const verification = createVerificationService({
    documentLoader,
    publicUrl: config.publicUrl,
    clock,
    localDidDocument: (slug) => keys.didDocument(slug).catch(() => undefined),
    localStatusList: async (slug, listId) => (await statusLists.signedList(slug, listId).catch(() => undefined))?.credential,
    // Approved here by a platform admin, or listed by another instance's registry this one trusts.
    isTrustedIssuer: (issuerId) => registry.isTrusted(issuerId),
    ...(options.verification?.fetch ? { fetch: options.verification.fetch } : {}),
    ...(options.verification?.allowHttpFor ? { allowHttpFor: options.verification.allowHttpFor } : {}),
    ...(options.verification?.minimumStatusListEntries ? { minimumStatusListEntries: options.verification.minimumStatusListEntries } : {}),
  });
  const issued = createIssuedCredentialsRepository(db);
  const verifyBatch = createVerifyBatchService({ verify: verification.verify, fetchCredential: verification.fetchCredential });
  const achievementRepository = createAchievementRepository(db);
  const esco = createEscoService({ db, esco: createEscoRepository(db) });
  const searchIndex = createSearchIndex({ clock });
  const achievements = createAchievementService({
    db,
    achievements: achievementRepository,
    organisations,
    knownEscoUris: escoUriLookup(db, createEscoRepository(db)),
    endorsementsCount: async (id) => (await issued.endorsementsOf(id)).length,
    searchIndex,
    clock,
    publicUrl: config.publicUrl,
  });
  const issuableAchievement = issuableAchievementLookup({ achievements: achievementRepository, service: achievements });
  const feeds = createFeeds({
    db,
    keys,
    verification,
    documentLoader,
    publicUrl: config.publicUrl,
    clock,
    // Harvested offerings go into the catalogue's search index, in each harvest's transaction.
    searchIndex,
    ...(options.verification?.fetch ? { fetch: options.verification.fetch } : {}),
    ...(options.verification?.allowHttpFor ? { allowHttpFor: options.verification.allowHttpFor } : {}),
    ...(options.feeds ? { limits: options.feeds } : {}),
  });
  const notificationsRepository = createNotificationsRepository(db);
  const mailDeliverer = createMailDeliverer({ notifications: notificationsRepository, mailer: configuredMailer(config), clock });
  const notifications = createNotificationsService({ notifications: notificationsRepository, publicUrl: config.publicUrl, clock, onQueued: () => mailDeliverer.kick() });
  const evidenceFiles = createEvidenceFiles({ store: configuredEvidenceStore(config), maxBytes: config.evidence.maxBytes, clock });
  const holderDids = createHolderDidRepository(db);
  // Imported credentials are matched against the account's email address and holder DID (wallet/holder-match.ts).
  const knownHolder = async (personId: string): Promise<KnownHolder> => {
    const [person, dids] = await Promise.all([people.findById(personId), holderDids.didsOf([personId])]);
    const did = dids.get(personId);
    // An address the person has not confirmed proves nothing about a credential that names it.
    return { email: person?.emailConfirmed ? person.email : '', dids: did ? [did] : [] };
  };
  const issuance = createIssuanceService({
    db,
    organisations,
    people,
    issued,
    keys,
    statusLists,
    documentLoader,
    issuableAchievement,
    // Credentials name the learner's holder DID as their subject once they have one.
    holderDidsOf: holderDids.didsOf,
    clock,
  });
  const holdings = createHoldingsRepository(db);
  // Confirming an address hands over the credentials issued to it before (and so may complete a pathway).
  const emailConfirmation = createEmailConfirmationService({ db, confirmations: createEmailConfirmationRepository(db), people, mail: notifications.mail, claimWaiting: issuance.claimByEmail, clock });
  const wallet = createWalletService({ issued, wallet: createWalletRepository(db), holdings, knownHolder, clock });
  // Listens to every issuance (API, assessment pass, bulk) to award pathways.
  const pathways = createPathways({ db, organisations, people, issued, issuance, keys, documentLoader, issuableAchievement, publicUrl: config.publicUrl, clock });
  const tracking = createTracking({ db, organisations, pathwayProgress: pathways.progress, openDataK: config.openDataK, clock });
  return {
    tracking,
    equity: createEquity({ db, organisations, openDataK: config.openDataK, refresh: () => tracking.refresher.refreshNow(), clock }),
    pathways,
    feeds,
    masterKeySource: masterKey.source,
    documentLoader,
    keys,
    statusLists,
    verification,
    registry,
    verifyBatch,
    candidates: createCandidatesService({ db, candidates: createCandidatesRepository(db), organisations, verifyBatch, clock }),
    emailConfirmation,
    auth: createAuthService({
      db,
      people,
      auth,
      clock,
      sendConfirmationLink: emailConfirmation.sendLink,
      settings: { sessionTtlHours: config.sessionTtlHours, loginMaxFailures: config.loginMaxFailures, loginLockMinutes: config.loginLockMinutes },
    }),
    people: createPeopleService({ people }),
    organisations: createOrganisationsService({ db, organisations, people }),
    tokens: createTokensService({ db, auth, clock }),
    achievements,
    esco,
    catalogueSearch: createCatalogueSearchService({ search: createCatalogueSearchRepository(db), esco, clock, publicUrl: config.publicUrl }),
    issuance,
    credentialStatus: createCredentialStatusService({ db, issued, statusLists, searchIndex, clock, notifications }),
    notifications,
    mailDeliverer,
    wallet,
    holdings: createHoldingsService({ db, holdings, isIssuedTo: async (personId, id) => (await issued.find(id))?.recipientPersonId === personId, verification, knownHolder, clock }),
    shares: createSharesService({
      db,
      shares: createSharesRepository(db),
      entryOf: wallet.entryOf,
      verify: verification.verify,
      endorsementsOf: issued.endorsementsOf,
      holderName: async (personId) => (await people.findById(personId))?.displayName ?? null,
      publicUrl: config.publicUrl,
      clock,
    }),
    issuedCredentialsList: createIssuedCredentialsListService({ list: createIssuedCredentialsListRepository(db), wallet: createWalletRepository(db), organisations, clock }),
    bulk: createBulkIssuanceService({
      db,
      jobs: createBulkJobsRepository(db),
      organisations,
      issuance,
      isIssuable: async (achievementId, organisationId) => (await issuableAchievement(achievementId))?.organisationId === organisationId,
      clock,
      // On a server, a pg-boss queue and a lock per job; on the embedded database, this process drains the job table.
      ...(database.kind === 'postgres' ? { queue: pgBossQueue(db), exclusive: exclusiveOnPostgres(db) } : {}),
    }),
    endorsements: createEndorsementService({ db, organisations, issued, keys, statusLists, documentLoader, issuableAchievement, searchIndex, clock }),
    evidenceFiles,
    walletExports: createWalletExports({ db, issued, organisations, keys, verification, documentLoader, masterKey: masterKey.key, removeEvidenceFile: (key) => evidenceFiles.remove(key), publicUrl: config.publicUrl, clock }),
    assessment: createAssessment({ db, achievements: achievementRepository, organisations, issuance, notifications, evidenceFiles, clock, publicUrl: config.publicUrl }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** Services without the HTTP server, for CLI commands: open the database, migrate, wire. */
export async function openServices(config: Config): Promise<{ services: Services; database: DatabaseHandle; close(): Promise<void> }> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    return { services: createServices(config, database, () => new Date()), database, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The composition root: the one place that wires configuration, database, services and HTTP. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    await migrateToLatest(database.db);
    const services = createServices(config, database, options.clock ?? (() => new Date()), options);
    const server = await buildServer({
      config,
      version: packageVersion(),
      auth: services.auth,
      webDistDir: options.webDistDir ?? path.join(packageRoot(), 'web', 'dist'),
      ...(options.logStream ? { logStream: options.logStream } : {}),
      routes: [
        healthRoutes({ ping: database.ping }),
        accountsRoutes({ ...services, sessionCookie: { secure: config.publicUrl.startsWith('https://'), maxAgeSeconds: config.sessionTtlHours * 3600 } }),
        issuingRoutes({ ...services, verifyBodyLimitBytes: INPUT_LIMITS.maxLength + 1024, onVerified: services.tracking.verificationEvents.record }),
        credentialsRoutes(services),
        verifyBatchRoutes(services),
        registryRoutes(services),
        candidatesRoutes(services),
        bulkRoutes(services),
        catalogRoutes({ achievements: services.achievements }),
        escoRoutes({ esco: services.esco }),
        catalogueSearchRoutes({ catalogueSearch: services.catalogueSearch, onSearched: services.tracking.searchDemand.record }),
        feedsRoutes(services),
        notificationsRoutes(services),
        walletRoutes(services),
        walletExportsRoutes({ ...services.walletExports, publicUrl: config.publicUrl, clock: options.clock ?? (() => new Date()), sessionCookie: { secure: config.publicUrl.startsWith('https://') }, verifyBodyLimitBytes: INPUT_LIMITS.maxLength + 1024 }),
        shareRoutes(services),
        pathwaysRoutes(services),
        assessmentRoutes({ assessment: services.assessment, maxEvidenceBytes: config.evidence.maxBytes }),
        trackingRoutes(services),
        equityRoutes(services),
      ],
      // Writes change what the dashboards count: fold their events soon (debounced) rather than on the next read.
      onWrite: () => services.tracking.refresher.poke(),
    });
    await server.ready();
    // Jobs a previous process left unfinished carry on (each row is idempotent, so none is issued twice).
    services.bulk.reportErrorsTo((error) => server.log.error({ err: error }, 'bulk job failed'));
    await services.bulk.resumeOpenJobs();
    // Passes whose credential a previous process did not get to issue (each is issued and recorded once).
    await services.assessment.issueMissingCredentials((error, enrolment) => server.log.error({ err: error, enrolmentId: enrolment.id }, 'issuing a passed enrolment\'s credential failed'));
    // Pathway evaluations a previous process queued but did not finish (awards are idempotent).
    services.pathways.reportErrorsTo((error) => server.log.error({ err: error }, 'pathway evaluation failed'));
    void services.pathways.awards.drain();
    const feedScheduler = services.feeds.createScheduler((error) => server.log.error({ err: error }, 'catalogue feed harvest failed'));
    feedScheduler.start();
    const registryScheduler = services.registry.createScheduler((error) => server.log.error({ err: error }, 'trusted registry refresh failed'));
    registryScheduler.start();
    // Mail accepted before a restart goes now; new mail shortly after each commit, retries as they fall due.
    services.tracking.reportErrorsTo((error) => server.log.error({ err: error }, 'tracking rollup refresh failed'));
    services.tracking.refresher.start();
    services.mailDeliverer.start({ log: { info: (line) => server.log.info(line), error: (err, line) => server.log.error({ err }, line) } });
    return {
      config,
      database,
      server,
      services,
      listen: () => server.listen({ port: config.port, host: config.host }),
      close: async () => {
        await services.bulk.stop();
        await feedScheduler.stop();
        await registryScheduler.stop();
        await services.tracking.refresher.stop();
        await services.pathways.awards.settled();
        await services.mailDeliverer.stop();
        await server.close();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
