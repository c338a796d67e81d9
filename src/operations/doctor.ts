import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openConfiguredDatabase } from '../app.js';
import { loadConfig, type Config } from '../config/config.js';
import { openSecretKey } from '../credentials/keys/key-envelope.js';
import { parseMasterKey } from '../credentials/keys/master-key.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrationStatus } from '../db/migrate.js';
import { isAppError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { verifyEventChain } from '../tracking/event-log.js';
import { issuerKeyAssociatedData } from '../issuing/issuer-keys.service.js';
import { loadMasterKey, MASTER_KEY_FILE } from '../issuing/master-key-source.js';

export type CheckOutcome = 'pass' | 'warning' | 'fail';

export interface DoctorCheck {
  name: string;
  outcome: CheckOutcome;
  /** What was found. */
  message: string;
  /** How to fix it, when it is not a pass. */
  fix?: string;
}

const check = (name: string, outcome: CheckOutcome, message: string, fix?: string): DoctorCheck => ({ name, outcome, message, ...(fix ? { fix } : {}) });

/** Runs every health check of an installation and says what is wrong and how to fix it. */
export async function runDoctor(environment: NodeJS.ProcessEnv = process.env): Promise<DoctorCheck[]> {
  let config: Config;
  try {
    config = loadConfig(environment);
  } catch (error) {
    return [check('configuration', 'fail', isAppError(error) ? error.detail : String(error), 'Correct the environment variables named above (see the README configuration table).')];
  }
  const checks: DoctorCheck[] = [check('configuration', 'pass', 'All settings are valid.')];
  checks.push(checkDataDir(config), checkMasterKey(config), checkPublicUrl(config), checkWebBuild());
  checks.push(...(await checkDatabase(config)));
  return checks;
}

function checkDataDir(config: Config): DoctorCheck {
  try {
    mkdirSync(config.dataDir, { recursive: true });
    accessSync(config.dataDir, constants.W_OK);
    return check('data directory', 'pass', `${config.dataDir} is writable.`);
  } catch {
    return check('data directory', 'fail', `${config.dataDir} cannot be written.`, 'Create it and give the Tessera user write access, or set TESSERA_DATA_DIR.');
  }
}

function checkMasterKey(config: Config): DoctorCheck {
  if (config.masterKey !== undefined) {
    try {
      parseMasterKey(config.masterKey);
      return check('master key', 'pass', 'TESSERA_MASTER_KEY is set and well-formed.');
    } catch (error) {
      return check('master key', 'fail', isAppError(error) ? error.detail : String(error), 'Set TESSERA_MASTER_KEY to the key your issuer keys were sealed with (32 bytes, base64url).');
    }
  }
  const file = path.join(config.dataDir, MASTER_KEY_FILE);
  return check(
    'master key',
    'warning',
    existsSync(file)
      ? `Issuer keys are sealed with a key generated into ${file}, next to the data it protects.`
      : `No master key yet: one will be generated into ${file} on first start.`,
    'In production, move the key into a secret store and set TESSERA_MASTER_KEY; a copy of the data directory then no longer unlocks the issuer keys.',
  );
}

function checkPublicUrl(config: Config): DoctorCheck {
  const { hostname, protocol } = new URL(config.publicUrl);
  if (protocol === 'https:') return check('public URL', 'pass', `${config.publicUrl} uses HTTPS.`);
  if (['localhost', '127.0.0.1', '::1'].includes(hostname)) {
    return check('public URL', 'pass', `${config.publicUrl} is local; did:web identifiers work on this machine only.`);
  }
  return check('public URL', 'warning', `${config.publicUrl} is plain HTTP: cookies are not marked Secure and did:web resolvers elsewhere will refuse it.`, 'Serve Tessera over HTTPS and set TESSERA_PUBLIC_URL to the https:// address.');
}

function checkWebBuild(): DoctorCheck {
  return existsSync(path.join(packageRoot(), 'web', 'dist', 'index.html'))
    ? check('web app', 'pass', 'The web app is built.')
    : check('web app', 'warning', 'The web app is not built; the server shows a placeholder page.', 'Run npm run build:web (npm start does it).');
}

async function checkDatabase(config: Config): Promise<DoctorCheck[]> {
  let database: DatabaseHandle;
  try {
    database = await openConfiguredDatabase(config);
  } catch (error) {
    if (isAppError(error) && error.code === 'db.data_dir_in_use') return checkThroughRunningServer(config, error.detail);
    return [check('database', 'fail', `Cannot open the database: ${error instanceof Error ? error.message : String(error)}`, config.databaseUrl ? 'Check DATABASE_URL and that the server is running and reachable.' : `Check that ${config.dataDir} holds an intact PGlite database.`)];
  }
  try {
    await database.ping();
    const checks = [check('database', 'pass', `${database.kind} at ${database.location} answers.`)];
    const status = await migrationStatus(database.db);
    checks.push(
      status.pending.length === 0
        ? check('migrations', 'pass', `All ${status.applied.length} migrations are applied.`)
        : check('migrations', 'fail', `${status.pending.length} migration(s) pending: ${status.pending.join(', ')}.`, 'Run `npx tessera migrate` (the server also applies them at start).'),
    );
    if (status.applied.includes('0005-issuing')) checks.push(await checkIssuerKeys(config, database));
    if (status.applied.includes('0001-foundation')) {
      const chain = await verifyEventChain(database.db);
      checks.push(
        chain.intact
          ? check('event chain', 'pass', `All ${chain.events} events are intact.`)
          : check('event chain', 'fail', `Event ${chain.brokenAt} breaks the audit chain: ${chain.reason}.`, 'Restore the events table from a backup and investigate who changed it; events are append-only.'),
      );
    }
    return checks;
  } catch (error) {
    return [check('database', 'fail', isAppError(error) ? error.detail : String(error), 'Check that the database server is running and reachable.')];
  } finally {
    await database.close();
  }
}

/** Every stored issuer key must open with the configured master key, or that issuer can no longer sign. */
async function checkIssuerKeys(config: Config, database: DatabaseHandle): Promise<DoctorCheck> {
  const rows = await database.db.selectFrom('issuer_keys').select(['id', 'sealed_secret_key']).execute();
  if (rows.length === 0) return check('issuer keys', 'pass', 'No issuer keys yet (each issuer gets one when it first signs).');
  if (config.masterKey === undefined && !existsSync(path.join(config.dataDir, MASTER_KEY_FILE))) {
    return check('issuer keys', 'fail', `${rows.length} issuer key(s) are stored but there is no master key to open them.`, 'Set TESSERA_MASTER_KEY to the key they were sealed with.');
  }
  const { key } = loadMasterKey(config);
  const unreadable = rows.filter((row) => {
    try {
      openSecretKey(row.sealed_secret_key, { masterKey: key, associatedData: issuerKeyAssociatedData(row.id) }).fill(0);
      return false;
    } catch {
      return true;
    }
  });
  return unreadable.length === 0
    ? check('issuer keys', 'pass', `All ${rows.length} issuer key(s) open with the master key.`)
    : check('issuer keys', 'fail', `${unreadable.length} of ${rows.length} issuer key(s) do not open with the master key (first: ${unreadable[0]!.id}).`, 'Set TESSERA_MASTER_KEY to the key they were sealed with; a different key cannot open them.');
}

/** The embedded database belongs to a running server; ask that server instead of opening the files. */
async function checkThroughRunningServer(config: Config, inUse: string): Promise<DoctorCheck[]> {
  try {
    const response = await fetch(`${config.publicUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return [check('database', 'fail', `${inUse} Its /readyz answered ${response.status}.`, 'Look at the server log.')];
    return [
      check('database', 'pass', `The running server (${config.publicUrl}) reports its embedded database ready.`),
      check('migrations', 'warning', 'Not checked: the running server holds the embedded database (it applied migrations at start).', 'Stop the server and run `npx tessera doctor` again for the full check.'),
    ];
  } catch {
    return [check('database', 'fail', inUse, 'Stop the other process or wait for it to exit.')];
  }
}
