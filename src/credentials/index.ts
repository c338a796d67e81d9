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

// Keys: generation, the node:crypto signer, envelope encryption under the master key, lifecycle rules.
export { createIssuerSigner, generateIssuerKeyPair, issuerKeyPairFromSecretKey, type IssuerKeyPair, type IssuerSigner, type RandomBytes } from './keys/issuer-key.js';
export { generateMasterKey, parseMasterKey, type MasterKey } from './keys/master-key.js';
export { openSecretKey, rewrapSecretKey, sealSecretKey } from './keys/key-envelope.js';
export { activeKey, isKeyValidAt, markCompromised, rotate, type IssuerKey, type IssuerKeyStatus } from './keys/key-lifecycle.js';

// DIDs: did:web and did:key, DID documents, the resolver with limits and cache.
export { didWebDocumentUrl, organisationDid, parseDidWeb } from './dids/did-web.js';
export { didKeyDocument, didKeyFromPublicKey, didKeyFromPublicKeyMultibase } from './dids/did-key.js';
export { buildDidDocument, verificationMethodId } from './dids/did-document.js';
export { createDidResolver, isNonPublicHost, type DidResolver, type FetchFunction } from './dids/did-resolver.js';

// Bitstring Status List: bits, encoding, list credentials and entries, allocation, the checker.
export { createBitstring, getBit, withBits, MINIMUM_STATUS_LIST_ENTRIES, type Bitstring } from './status/bitstring.js';
export { buildBitstringStatusListCredential, buildBitstringStatusListEntry } from './status/status-list-credential.js';
export { allocateStatusIndex } from './status/status-allocation.js';
export { createStatusChecker } from './status/status-checker.js';

// Baked badges (PNG iTXt, SVG element).
export { credentialTextFromUpload } from './baking/baked-credential.js';
export { bakePng, extractFromPng } from './baking/png-baking.js';
export { bakeSvg, extractFromSvg } from './baking/svg-baking.js';
