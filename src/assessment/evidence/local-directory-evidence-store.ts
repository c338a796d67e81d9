import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isAppError } from '../../errors.js';
import { evidenceFileNotFound, evidenceStoreFailed, type EvidenceStore, type StoredObject } from './evidence-store.js';
import { MeasuredBody } from './measured-body.js';

/** Keys are ours: 32 lowercase hex digits. Anything else cannot name a file, so no key can climb out of the folder. */
const KEY_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Evidence in a local folder (by default `<TESSERA_DATA_DIR>/evidence`). Keys are random, not content
 * addresses: two people uploading the same bytes get two objects, so deleting one never removes the other's.
 * A file appears under its key only when complete: it is written to `.partial/` and renamed into place
 * (rename is atomic within one file system), so a crash or an oversize upload never leaves a readable half.
 */
export function createLocalDirectoryEvidenceStore(options: { directory: string }): EvidenceStore {
  const root = path.resolve(options.directory);
  const partialDir = path.join(root, '.partial');
  // Two hex digits of fan-out keep any one folder small.
  const fileOf = (key: string): string => path.join(root, key.slice(0, 2), key);

  return {
    async put(body: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredObject> {
      const key = randomUUID().replaceAll('-', '');
      const partial = path.join(partialDir, key);
      const measured = new MeasuredBody(maxBytes);
      try {
        await mkdir(partialDir, { recursive: true });
        await pipeline(body, measured, createWriteStream(partial, { flags: 'wx', flush: true }));
        await mkdir(path.dirname(fileOf(key)), { recursive: true });
        await rename(partial, fileOf(key));
      } catch (error) {
        await rm(partial, { force: true });
        throw isAppError(error) ? error : evidenceStoreFailed(error);
      }
      return { key, sha256: measured.digest(), size: measured.size };
    },

    async get(key: string): Promise<Readable> {
      if (!KEY_PATTERN.test(key)) throw evidenceFileNotFound();
      const file = fileOf(key);
      try {
        await stat(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw evidenceFileNotFound();
        throw evidenceStoreFailed(error);
      }
      return createReadStream(file);
    },

    async delete(key: string): Promise<void> {
      if (!KEY_PATTERN.test(key)) return;
      await rm(fileOf(key), { force: true });
    },
  };
}
