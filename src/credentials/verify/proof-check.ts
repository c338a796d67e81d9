import { OB_3_0_3_FIRST_PUBLICATION_ALIAS } from '../contexts/bundled-contexts.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { DocumentLoader } from '../contexts/document-loader.js';
import { CRYPTOSUITES, OB_3_0_3_ADDED_TERMS } from '../proof/proof-suites.js';
import { proofsOf, verifyProofs, type ProofOutcome } from '../proof/verify-proofs.js';
import type { ResolveDid } from './collaborators.js';
import { issuerIdOf } from './credential-fields.js';
import { checkKeysValidAtIssue } from './key-validity-check.js';
import { resolveVerificationMethod, type VerificationMethodResolution } from './verification-method.js';
import { CHECK_IDS, check, type VerificationCheck, type VerificationReport } from './verification-report.js';

export interface ProofCheckOptions {
  credential: Record<string, unknown>;
  documentLoader: DocumentLoader;
  resolveDid: ResolveDid | undefined;
}

export interface ProofCheckResult {
  checks: VerificationCheck[];
  openBadgesContextCopy?: VerificationReport['openBadgesContextCopy'];
}

const methodIdOf = (proof: unknown): string | undefined => {
  const method = typeof proof === 'object' && proof !== null ? (proof as Record<string, unknown>).verificationMethod : undefined;
  if (typeof method === 'string') return method;
  return typeof method === 'object' && method !== null && typeof (method as { id?: unknown }).id === 'string' ? (method as { id: string }).id : undefined;
};

const resolveAll = async (methodIds: string[], resolveDid: ResolveDid | undefined): Promise<Map<string, VerificationMethodResolution>> => {
  const unique = [...new Set(methodIds)];
  const resolved = await Promise.all(unique.map((id) => resolveVerificationMethod(id, resolveDid)));
  return new Map(unique.map((id, i) => [id, resolved[i]!]));
};

const issuerResolutionCheck = (credential: Record<string, unknown>, resolutions: Map<string, VerificationMethodResolution>): VerificationCheck => {
  const entries = [...resolutions.entries()];
  const errors = entries.flatMap(([id, r]) => ('error' in r ? [{ verificationMethod: id, error: r.error }] : []));
  if (errors.length > 0) return check(CHECK_IDS.issuerResolution, 'fail', errors[0]!.error, { errors });
  const issuer = issuerIdOf(credential);
  if (issuer === undefined) return check(CHECK_IDS.issuerResolution, 'fail', 'The credential names no issuer, so no key can be tied to one.');
  const foreign = entries.filter(([, r]) => 'controller' in r && r.controller !== issuer).map(([id]) => id);
  if (foreign.length > 0) {
    return check(CHECK_IDS.issuerResolution, 'warning', `The signing key ${foreign[0]} is controlled by someone other than the issuer ${issuer}; nothing ties it to the issuer.`);
  }
  const fragmentKeys = entries.filter(([, r]) => 'source' in r && r.source === 'key-fragment').map(([id]) => id);
  if (fragmentKeys.length > 0) {
    return check(CHECK_IDS.issuerResolution, 'warning', 'The signing key is read from the verification method URL itself; the issuer publishes no document that confirms it.', { verificationMethods: fragmentKeys });
  }
  return check(CHECK_IDS.issuerResolution, 'pass', 'Every signing key resolves through the issuer\'s DID document and is authorized for assertions.');
};

/** The document with the OB 3.0.3 context URL pointing at its first published copy (see bundled-contexts.ts). */
const withFirstPublicationContext = (credential: Record<string, unknown>): Record<string, unknown> => {
  const swap = (value: unknown): unknown => (Array.isArray(value) ? value.map((url) => (url === CONTEXT_URLS.openBadgesV3_0_3 ? OB_3_0_3_FIRST_PUBLICATION_ALIAS : url)) : value);
  const proofs = proofsOf(credential).map((proof) =>
    typeof proof === 'object' && proof !== null && '@context' in proof ? { ...proof, '@context': swap((proof as Record<string, unknown>)['@context']) } : proof,
  );
  return { ...credential, '@context': swap(credential['@context']), ...(credential.proof === undefined ? {} : { proof: Array.isArray(credential.proof) ? proofs : proofs[0] }) };
};

/** Terms the current OB 3.0.3 copy added after first publication, where the credential uses them. */
const termsOnlyInCurrentCopy = (credential: Record<string, unknown>): string[] => {
  const found = new Set<string>();
  const stack: unknown[] = [credential];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (OB_3_0_3_ADDED_TERMS.includes(key)) found.add(key);
      if (key !== 'proof') stack.push(value);
    }
  }
  return [...found].sort();
};

const proofCheck = (credential: Record<string, unknown>, outcomes: ProofOutcome[], resolvable: ReadonlySet<string>, copy: ProofCheckResult['openBadgesContextCopy']): VerificationCheck => {
  // A proof whose key could not be resolved fails inside the proof library with a misleading loader error;
  // say what actually happened.
  const explained = outcomes.map((o) =>
    !o.verified && (o.verificationMethod === undefined || !resolvable.has(o.verificationMethod)) ? { ...o, error: 'its verification method could not be resolved (see issuer_resolution)' } : o,
  );
  const failed = explained.filter((o) => !o.verified);
  const details = { proofs: explained };
  if (failed.length > 0) {
    const first = failed[0]!;
    return check(CHECK_IDS.proof, 'fail', `Proof ${first.index + 1} of ${outcomes.length} (${first.cryptosuite ?? first.type ?? 'unknown type'}) does not verify: ${(first.error ?? 'invalid signature').replace(/\.$/, '')}.`, details);
  }
  if (copy === 'first-publication') {
    const unsigned = termsOnlyInCurrentCopy(credential);
    return check(
      CHECK_IDS.proof,
      'warning',
      `The signature verifies under the first published copy of the OB 3.0.3 context, not the current one${unsigned.length > 0 ? `; it does not cover ${unsigned.join(', ')}, which that copy did not define` : ''}.`,
      { ...details, openBadgesContextCopy: copy, unsignedProperties: unsigned },
    );
  }
  const copyNote = copy === 'current' ? ' (OB 3.0.3 context, current copy)' : '';
  if (outcomes.some((o) => o.cryptosuite === CRYPTOSUITES.eddsa2022Legacy)) {
    return check(CHECK_IDS.proof, 'warning', `The signature is valid but uses the draft cryptosuite name "eddsa-2022"; current credentials use "eddsa-rdfc-2022"${copyNote}.`, details);
  }
  return check(CHECK_IDS.proof, 'pass', `${outcomes.length === 1 ? 'The proof verifies' : `All ${outcomes.length} proofs verify`}${copyNote}.`, details);
};

/** Proof, issuer resolution and key validity checks for a JSON-LD credential that passed the context check. */
export const checkProofs = async (options: ProofCheckOptions): Promise<ProofCheckResult> => {
  const { credential } = options;
  const proofs = proofsOf(credential);
  if (proofs.length === 0) return { checks: [check(CHECK_IDS.proof, 'fail', 'The credential has no proof, so nothing shows who issued it.')] };
  const methodIds = proofs.map(methodIdOf);
  const resolutions = await resolveAll(methodIds.filter((id): id is string => id !== undefined), options.resolveDid);
  const methods = new Map([...resolutions].flatMap(([id, r]) => ('verificationMethod' in r ? [[id, r.verificationMethod] as const] : [])));
  let outcomes = await verifyProofs({ document: credential, documentLoader: options.documentLoader, verificationMethods: methods });
  const usesOb303 = Array.isArray(credential['@context']) && credential['@context'].includes(CONTEXT_URLS.openBadgesV3_0_3);
  let copy: ProofCheckResult['openBadgesContextCopy'] = usesOb303 ? 'current' : undefined;
  if (usesOb303 && outcomes.some((o) => !o.verified)) {
    const retried = await verifyProofs({ document: withFirstPublicationContext(credential), documentLoader: options.documentLoader, verificationMethods: methods, lenient: true });
    if (retried.every((o) => o.verified)) [outcomes, copy] = [retried, 'first-publication'];
  }
  return {
    checks: [proofCheck(credential, outcomes, new Set(methods.keys()), copy), issuerResolutionCheck(credential, resolutions), checkKeysValidAtIssue(outcomes, methods)],
    ...(copy === undefined ? {} : { openBadgesContextCopy: copy }),
  };
};
