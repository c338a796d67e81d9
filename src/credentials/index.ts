/**
 * The credentials capability's public surface: pure functions that take their collaborators (document
 * loader, signer, clock, DID resolver, status checker) in one options object. Services, the API and the CLI
 * import from here only.
 */

// Contexts: the static, offline JSON-LD document loader.
export { CONTEXT_URLS, type ContextUrl } from './contexts/context-urls.js';
export { createDocumentLoader, type DocumentLoader, type DocumentLoaderOptions, type RemoteDocument } from './contexts/document-loader.js';
export { UNKNOWN_CONTEXT, unknownContext } from './contexts/context-errors.js';

// Proofs.
export { CRYPTOSUITES, PROOF_TYPES, type CredentialSigner, type SigningCryptosuite } from './proof/proof-suites.js';
export { signProof, type SignProofOptions } from './proof/sign-proof.js';
export { verifyProofs, type ProofOutcome } from './proof/verify-proofs.js';
export { issueVcJwt, decodeCompactJws } from './proof/vc-jwt.js';

// Schemas.
export { validateCredentialSchema, schemaKindOf, type SchemaKind, type SchemaError, type SchemaValidation } from './schema/credential-schemas.js';
export { strictArrayErrors } from './schema/strict-arrays.js';

// Issuing.
export * from './issue/credential-input.schema.js';
export { buildOpenBadgeCredential, OB_ACHIEVEMENT_CREDENTIAL_SCHEMA } from './issue/open-badge-credential.js';
export { buildEndorsementCredential } from './issue/endorsement-credential.js';
export { buildClrCredential } from './issue/clr-credential.js';
export { hashedEmailIdentity } from './issue/credential-parts.js';
export { issueCredential, issuanceSchemaErrors, type IssueCredentialOptions } from './issue/issue-credential.js';
export { SCHEMA_INVALID, schemaInvalid } from './issue/issue-errors.js';

// Verifying.
export { verifyCredential, type VerifyCredentialOptions } from './verify/verify-credential.js';
export { CHECK_IDS, type CheckId, type CheckOutcome, type VerificationCheck, type VerificationReport } from './verify/verification-report.js';
export type { CheckStatus, Clock, DidDocument, DidResolution, ResolveDid, StatusCheckResult, TrustedIssuers } from './verify/collaborators.js';
export { INPUT_LIMITS } from './verify/input-limits.js';

// Keys, DIDs and status lists (part C): exports to be added here by the lead.
