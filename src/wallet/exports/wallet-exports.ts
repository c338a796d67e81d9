import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAccountDeletionService } from '../../accounts/deletion/account-deletion.service.js';
import type { OrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { DocumentLoader } from '../../credentials/contexts/document-loader.js';
import type { MasterKey } from '../../credentials/keys/master-key.js';
import type { Database } from '../../db/tables.js';
import type { IssuedCredentialsRepository } from '../../issuing/issued-credentials.repository.js';
import type { IssuerKeysService } from '../../issuing/issuer-keys.service.js';
import type { VerificationService } from '../../issuing/verification.service.js';
import { createHolderDidRepository } from '../holder/holder-did.repository.js';
import { createHolderDidService } from '../holder/holder-did.service.js';
import { verifyPresentation } from '../holder/presentation.js';
import { createPresentationsService } from '../holder/presentations.service.js';
import { createCredentialFilesService } from './credential-files.js';
import { createEverythingExport } from './everything-export.js';
import { createTranscriptsRepository } from './transcripts.repository.js';
import { createTranscriptsService } from './transcripts.service.js';

export interface WalletExportsDeps {
  db: Kysely<Database>;
  issued: IssuedCredentialsRepository;
  organisations: OrganisationsRepository;
  keys: IssuerKeysService;
  verification: VerificationService;
  documentLoader: DocumentLoader;
  masterKey: MasterKey;
  removeEvidenceFile: (key: string) => Promise<void>;
  publicUrl: string;
  clock: () => Date;
  onError?: (error: unknown) => void;
}

/** The learner's exports, holder DID, presentations and account deletion, wired together (app.ts calls this once). */
export function createWalletExports(deps: WalletExportsDeps) {
  const { db, clock } = deps;
  // One check of holder-signed presentations, for employers' checks and for learners proving their own DID.
  const checkPresentation = (input: { presentation: unknown; challenge: string; domain: string }) =>
    verifyPresentation({ ...input, documentLoader: deps.documentLoader, resolveDid: deps.verification.resolveDid, verifyCredential: (credential) => deps.verification.verify(credential) });
  const holderDids = createHolderDidService({ db, holderDids: createHolderDidRepository(db), masterKey: deps.masterKey, randomBytes, verifyPresentation: checkPresentation, domain: new URL(deps.publicUrl).host, clock });
  return {
    holderDids,
    credentialFiles: createCredentialFilesService({ issued: deps.issued }),
    transcripts: createTranscriptsService({ db, transcripts: createTranscriptsRepository(db), issued: deps.issued, organisations: deps.organisations, keys: deps.keys, holder: holderDids, documentLoader: deps.documentLoader, publicUrl: deps.publicUrl, clock }),
    everythingExport: createEverythingExport({ db, clock }),
    presentations: createPresentationsService({ holder: holderDids, issued: deps.issued, verifyPresentation: checkPresentation, documentLoader: deps.documentLoader, clock }),
    accountDeletion: createAccountDeletionService({ db, removeEvidenceFile: deps.removeEvidenceFile, clock, ...(deps.onError ? { onError: deps.onError } : {}) }),
  };
}

export type WalletExports = ReturnType<typeof createWalletExports>;
