import path from 'node:path';
import type { Config } from '../../config/config.js';
import type { EvidenceStore } from './evidence-store.js';
import { createLocalDirectoryEvidenceStore } from './local-directory-evidence-store.js';
import { createS3EvidenceStore } from './s3-evidence-store.js';

/** The evidence store the configuration names: the data dir's `evidence` folder, or an S3-compatible bucket. */
export function configuredEvidenceStore(config: Pick<Config, 'dataDir' | 'evidence'>): EvidenceStore {
  if (config.evidence.store === 's3' && config.evidence.s3) return createS3EvidenceStore(config.evidence.s3);
  return createLocalDirectoryEvidenceStore({ directory: path.join(config.dataDir, 'evidence') });
}
