import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Path inside the read-only reference data shared by the workplace (schemas, contexts, vectors, ESCO). */
export const sharedDataPath = (...segments: string[]): string =>
  path.join(process.env.TESSERA_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data'), ...segments);
