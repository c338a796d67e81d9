import jsigs from 'jsonld-signatures';
import { CONTEXT_URLS } from '../../credentials/contexts/context-urls.js';
import type { DocumentLoader, RemoteDocument } from '../../credentials/contexts/document-loader.js';
import { CRYPTOSUITES, signingSuite, verificationSuites, type CredentialSigner } from '../../credentials/proof/proof-suites.js';
import type { ResolveDid } from '../../credentials/verify/collaborators.js';
import type { VerificationReport } from '../../credentials/verify/verification-report.js';

/**
 * Holder-signed Verifiable Presentations (VC Data Model 2.0 §4.13) with a Data Integrity proof
 * (eddsa-rdfc-2022) whose purpose is `authentication`, carrying the verifier's `challenge` and `domain`
 * (VC DI §2.1): the verifier sees that the holder of the DID signed just now, for them, which stops a
 * presentation captured elsewhere from being replayed.
 * @see https://www.w3.org/TR/vc-data-model-2.0/#verifiable-presentations
 * @see https://www.w3.org/TR/vc-data-integrity/#proofs
 */
export const PRESENTATION_CHECK_IDS = {
  /** The presentation's own proof verifies under a key the holder's DID lists for `authentication`. */
  presentationProof: 'presentation_proof',
  /** The proof carries the challenge the verifier expected. */
  challenge: 'challenge',
  /** The proof carries the domain the verifier expected. */
  domain: 'domain',
  /** Each credential names the holder as its subject. */
  holderBinding: 'holder_binding',
  /** Each credential verifies on its own. */
  credentials: 'credentials',
} as const;

type PresentationCheckId = (typeof PRESENTATION_CHECK_IDS)[keyof typeof PRESENTATION_CHECK_IDS];
export interface PresentationCheck {
  id: PresentationCheckId;
  outcome: 'pass' | 'fail' | 'warning';
  message: string;
}
export interface PresentationReport {
  verified: boolean;
  holder: string | null;
  checks: PresentationCheck[];
  credentials: VerificationReport[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const idOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : isObject(value) && typeof value.id === 'string' ? value.id : undefined);

/** An unsigned presentation of signed credentials (JSON-LD objects; a VC-JWT travels as an enveloped credential). */
export const buildPresentation = (options: { id: string; holder: string; credentials: Array<Json | string> }): Json => ({
  '@context': [CONTEXT_URLS.credentialsV2],
  id: options.id,
  type: ['VerifiablePresentation'],
  holder: options.holder,
  verifiableCredential: options.credentials.map((credential) =>
    typeof credential === 'string' ? { '@context': [CONTEXT_URLS.credentialsV2], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${credential}` } : credential,
  ),
});

export const signPresentation = async (options: { presentation: Json; signer: CredentialSigner; challenge: string; domain: string; documentLoader: DocumentLoader; created: Date }): Promise<Json> =>
  jsigs.sign(structuredClone(options.presentation), {
    suite: signingSuite(CRYPTOSUITES.eddsaRdfc2022, options.signer, options.created),
    purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: options.challenge, domain: options.domain }),
    documentLoader: options.documentLoader,
  });

const check = (id: PresentationCheckId, outcome: PresentationCheck['outcome'], message: string): PresentationCheck => ({ id, outcome, message });

/** The holder's authentication key the proof names, as jsonld-signatures needs it; or why there is none. */
async function authenticationKey(holder: string, methodId: string, resolveDid: ResolveDid): Promise<{ method: Json; controller: Json } | { error: string }> {
  const resolved = await resolveDid(holder);
  if ('error' in resolved) return { error: `The holder's DID ${holder} does not resolve: ${resolved.error.message}` };
  const document = resolved.document;
  const absolute = (id: string) => (id.startsWith('#') ? `${holder}${id}` : id);
  const authentication = list(document.authentication).map(idOf).filter((id): id is string => id !== undefined).map(absolute);
  if (!authentication.includes(methodId)) return { error: `${methodId} is not an authentication key of ${holder}.` };
  const methods = [...list(document.verificationMethod), ...list(document.authentication)].filter(isObject);
  const method = methods.find((m) => typeof m.id === 'string' && absolute(m.id) === methodId);
  if (!method) return { error: `The DID document of ${holder} does not describe ${methodId}.` };
  return { method: { '@context': 'https://w3id.org/security/multikey/v1', ...method, id: methodId, controller: holder }, controller: { '@context': document['@context'], id: holder, authentication: [methodId] } };
}

async function proofCheck(presentation: Json, holder: string, expected: { challenge: string; domain: string }, deps: { documentLoader: DocumentLoader; resolveDid: ResolveDid }): Promise<PresentationCheck> {
  const proofs = list(presentation.proof).filter(isObject);
  const proof = proofs.find((p) => p.proofPurpose === 'authentication');
  if (!proof) return check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', 'The presentation has no proof for authentication: the holder did not sign it.');
  const methodId = idOf(proof.verificationMethod);
  if (!methodId || !methodId.startsWith(`${holder}#`)) return check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', `The proof is signed by ${methodId ?? 'an unnamed key'}, not by a key of the holder ${holder}.`);
  const key = await authenticationKey(holder, methodId, deps.resolveDid);
  if ('error' in key) return check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', key.error);
  const loader = async (url: string): Promise<RemoteDocument> =>
    url === methodId ? { contextUrl: null, documentUrl: url, document: key.method } : url === holder ? { contextUrl: null, documentUrl: url, document: key.controller } : deps.documentLoader(url);
  try {
    // Challenge and domain are checked by the proof purpose too, so a proof made for another verifier fails here as well.
    const result = await jsigs.verify(presentation, {
      suite: verificationSuites(),
      purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: expected.challenge, domain: expected.domain, controller: key.controller }),
      documentLoader: loader,
    });
    if (result.verified) return check(PRESENTATION_CHECK_IDS.presentationProof, 'pass', `Signed by the holder ${holder} for authentication.`);
    const error = result.results?.find((r) => !r.verified);
    const reason = error?.purposeResult?.error?.message ?? error?.error?.message ?? result.error?.message ?? 'the signature does not match';
    return check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', `The holder's signature does not verify: ${reason}.`);
  } catch (error) {
    return check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', `The holder's signature could not be checked: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/**
 * Verifies a presentation for the verifier who chose `challenge` and `domain`: the holder's proof, that it
 * answers this challenge for this domain, each credential with the credential engine, and whether each
 * credential names the holder as its subject (a credential bound to a hashed email instead is a warning: the
 * verifier must then check the email another way). Never throws for bad input.
 */
export async function verifyPresentation(options: {
  presentation: unknown;
  challenge: string;
  domain: string;
  documentLoader: DocumentLoader;
  resolveDid: ResolveDid;
  verifyCredential: (credential: unknown) => Promise<VerificationReport>;
}): Promise<PresentationReport> {
  const presentation = options.presentation;
  if (!isObject(presentation) || !list(presentation.type).includes('VerifiablePresentation')) {
    return { verified: false, holder: null, checks: [check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', 'This is not a Verifiable Presentation.')], credentials: [] };
  }
  const holder = idOf(presentation.holder) ?? null;
  const proof = list(presentation.proof).filter(isObject).find((p) => p.proofPurpose === 'authentication');
  const checks: PresentationCheck[] = [];
  checks.push(holder ? await proofCheck(presentation, holder, options, options) : check(PRESENTATION_CHECK_IDS.presentationProof, 'fail', 'The presentation names no holder, so nobody can have signed it.'));
  checks.push(proof?.challenge === options.challenge ? check(PRESENTATION_CHECK_IDS.challenge, 'pass', 'It answers the challenge you set.') : check(PRESENTATION_CHECK_IDS.challenge, 'fail', 'It was made for another challenge: it may be a replay.'));
  const domains = list(proof?.domain);
  checks.push(domains.includes(options.domain) ? check(PRESENTATION_CHECK_IDS.domain, 'pass', `It was made for ${options.domain}.`) : check(PRESENTATION_CHECK_IDS.domain, 'fail', `It was made for ${domains.map(String).join(', ') || 'no domain'}, not ${options.domain}.`));
  const credentials = list(presentation.verifiableCredential).map((c) => (isObject(c) && c.type === 'EnvelopedVerifiableCredential' && typeof c.id === 'string' ? c.id.replace(/^data:application\/vc\+jwt,/, '') : c));
  const reports = await Promise.all(credentials.map((c) => options.verifyCredential(c)));
  const unbound = reports.filter((r) => !list(r.credential?.credentialSubject).filter(isObject).some((s) => s.id === holder)).length;
  checks.push(
    credentials.length === 0
      ? check(PRESENTATION_CHECK_IDS.holderBinding, 'warning', 'The presentation carries no credentials.')
      : unbound === 0
        ? check(PRESENTATION_CHECK_IDS.holderBinding, 'pass', 'Every credential names the holder as its subject.')
        : check(PRESENTATION_CHECK_IDS.holderBinding, 'warning', `${unbound} of ${credentials.length} credentials do not name the holder's DID as subject (they may identify the learner by a hashed email).`),
  );
  const failed = reports.filter((r) => !r.verified).length;
  checks.push(failed === 0 ? check(PRESENTATION_CHECK_IDS.credentials, 'pass', `All ${reports.length} credentials verify.`) : check(PRESENTATION_CHECK_IDS.credentials, 'fail', `${failed} of ${reports.length} credentials do not verify.`));
  return { verified: checks.every((c) => c.outcome !== 'fail'), holder, checks, credentials: reports };
}
