import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateMasterKey, parseMasterKey, type MasterKey } from '../credentials/keys/master-key.js';

export const MASTER_KEY_FILE = 'master.key';

export interface LoadedMasterKey {
  key: MasterKey;
  /** `environment` in a proper deployment; `data-dir` for the embedded default (doctor warns). */
  source: 'environment' | 'data-dir';
}

/**
 * The key that unseals issuer keys. From TESSERA_MASTER_KEY when set; otherwise read from, or generated
 * into, the data directory (readable by the owner only) so that `npm start` works out of the box.
 */
export function loadMasterKey(config: { masterKey: string | undefined; dataDir: string }): LoadedMasterKey {
  if (config.masterKey !== undefined) return { key: parseMasterKey(config.masterKey), source: 'environment' };
  const file = path.join(config.dataDir, MASTER_KEY_FILE);
  try {
    return { key: parseMasterKey(readFileSync(file, 'utf8')), source: 'data-dir' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const text = generateMasterKey({ randomBytes });
  try {
    writeFileSync(file, `${text}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process generated it first: use theirs, never overwrite a key that may already seal keys.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: parseMasterKey(readFileSync(file, 'utf8')), source: 'data-dir' };
  }
  return { key: parseMasterKey(text), source: 'data-dir' };
}
