import type { DocumentLoader } from '../contexts/document-loader.js';
import type { CredentialSigner, SigningCryptosuite } from '../proof/proof-suites.js';
import { signProof } from '../proof/sign-proof.js';
import { schemaKindOf, validateCredentialSchema, type SchemaError } from '../schema/credential-schemas.js';
import { strictArrayErrors } from '../schema/strict-arrays.js';
import { typesOf } from '../verify/credential-fields.js';
import { schemaInvalid } from './issue-errors.js';

export interface IssueCredentialOptions {
  /** An unsigned credential, e.g. from buildOpenBadgeCredential. */
  credential: Record<string, unknown>;
  signer: CredentialSigner;
  documentLoader: DocumentLoader;
  clock: () => Date;
  cryptosuite?: SigningCryptosuite;
}

/** The official schema of the credential's type plus the stricter array rules Tessera holds itself to. */
export const issuanceSchemaErrors = (credential: Record<string, unknown>): SchemaError[] => {
  const kind = schemaKindOf(typesOf(credential));
  const official = kind === undefined ? [] : validateCredentialSchema(credential, kind).errors;
  return [...official, ...strictArrayErrors(credential)];
};

/**
 * Checks and signs a credential with a Data Integrity proof (eddsa-rdfc-2022 unless told otherwise).
 * Refuses with `credentials.schema_invalid`, listing every failing path, rather than sign something a
 * verifier would reject: a signature cannot be taken back.
 */
export const issueCredential = async (options: IssueCredentialOptions): Promise<Record<string, unknown>> => {
  const errors = issuanceSchemaErrors(options.credential);
  if (errors.length > 0) throw schemaInvalid(errors);
  return signProof({
    document: options.credential,
    signer: options.signer,
    documentLoader: options.documentLoader,
    created: options.clock(),
    ...(options.cryptosuite ? { cryptosuite: options.cryptosuite } : {}),
  });
};
