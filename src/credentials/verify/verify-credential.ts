import type { DocumentLoader } from '../contexts/document-loader.js';
import type { CheckStatus, Clock, ResolveDid, TrustedIssuers } from './collaborators.js';
import { checkContexts } from './context-check.js';
import { checkEmbeddedCredentials } from './embedded-credentials-check.js';
import { readCredentialInput } from './credential-input.js';
import { checkJwtProof } from './jwt-proof-check.js';
import { checkProofs } from './proof-check.js';
import { checkSchema } from './schema-check.js';
import { checkCredentialStatus } from './status-check.js';
import { checkTrustedIssuer } from './trusted-issuer-check.js';
import { checkValidityWindow } from './validity-window-check.js';
import { CHECK_IDS, check, reportOf, type VerificationCheck, type VerificationReport } from './verification-report.js';

export interface VerifyCredentialOptions {
  /** A credential object, its JSON text, or a compact VC-JWT. Untrusted. */
  credential: unknown;
  documentLoader: DocumentLoader;
  clock: Clock;
  resolveDid?: ResolveDid;
  checkStatus?: CheckStatus;
  /** When given, the report includes the `trusted_issuer` check. */
  trustedIssuers?: TrustedIssuers;
}

/** Credentials bundled in a CLR are verified one level down only: a CLR inside a CLR is not followed. */
type Nesting = { embedded?: boolean };

const assertOptions = (options: VerifyCredentialOptions): void => {
  if (typeof options?.documentLoader !== 'function') throw new TypeError('verifyCredential needs a documentLoader.');
  if (typeof options.clock !== 'function') throw new TypeError('verifyCredential needs a clock.');
};

/** Checks that depend on the credential's content only, shared by JSON-LD and VC-JWT. */
const contentChecks = async (credential: Record<string, unknown>, options: VerifyCredentialOptions & Nesting): Promise<VerificationCheck[]> => {
  const checks = [checkValidityWindow(credential, options.clock()), await checkCredentialStatus(credential, options.checkStatus), checkSchema(credential)];
  if (options.trustedIssuers) checks.push(await checkTrustedIssuer(credential, options.trustedIssuers));
  if (!options.embedded) {
    const embedded = await checkEmbeddedCredentials(credential, (item) => verify({ ...options, credential: item, embedded: true }));
    if (embedded) checks.push(embedded);
  }
  return checks;
};

/**
 * Verifies a credential and says why, check by check (see verification-report.ts for the check ids). A
 * credential that fails to verify is a report with `verified: false`, never an exception; it throws only
 * when called without its collaborators.
 */
export const verifyCredential = async (options: VerifyCredentialOptions): Promise<VerificationReport> => {
  assertOptions(options);
  return verify(options);
};

const verify = async (options: VerifyCredentialOptions & Nesting): Promise<VerificationReport> => {
  const input = readCredentialInput(options.credential);
  if ('failure' in input) return reportOf(input.format, [check(CHECK_IDS.input, 'fail', input.failure)]);
  const { credential } = input;
  const checks = [check(CHECK_IDS.input, 'pass', input.format === 'vc-jwt' ? 'The input is a compact VC-JWT.' : 'The input is a JSON-LD credential.')];
  const context = await checkContexts(credential, options.documentLoader);
  if (input.format === 'vc-jwt') {
    // A VC-JWT is verified over its bytes, without JSON-LD processing, so an unknown context cannot change
    // what was signed; it only means Tessera cannot interpret every term.
    checks.push(context.outcome === 'fail' ? { ...context, outcome: 'warning' } : context, ...(await checkJwtProof(input.jwt, options.resolveDid)));
    return reportOf(input.format, [...checks, ...(await contentChecks(credential, options))], { credential });
  }
  checks.push(context);
  let copy: VerificationReport['openBadgesContextCopy'];
  if (context.outcome === 'fail') {
    checks.push(check(CHECK_IDS.proof, 'fail', 'The proof was not checked: the credential\'s contexts are not ones Tessera accepts.'));
  } else {
    const proofs = await checkProofs({ credential, documentLoader: options.documentLoader, resolveDid: options.resolveDid });
    checks.push(...proofs.checks);
    copy = proofs.openBadgesContextCopy;
  }
  return reportOf(input.format, [...checks, ...(await contentChecks(credential, options))], { credential, ...(copy ? { openBadgesContextCopy: copy } : {}) });
};
