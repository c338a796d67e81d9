import { verifyJwsWithJwk } from '../proof/jwk-signature.js';
import { decodeCompactJws, verifyJwsSignature, type DecodedJwt } from '../proof/vc-jwt.js';
import type { ResolveDid } from './collaborators.js';
import { checkKeysValidAtIssue } from './key-validity-check.js';
import { resolveVerificationMethod } from './verification-method.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

export type DecodedVcJwt = { decoded: DecodedJwt; credential: Record<string, unknown> } | { error: string };

const isoFromSeconds = (value: unknown): string | undefined => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString() : undefined);

const REGISTERED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

/**
 * VC-JWT comes in two shapes: VCDM 1.1 puts the credential in a `vc` claim; VC-JOSE (VCDM 2.0, and the
 * 1EdTech validator's OB 3.0 fixtures) makes the payload the credential itself, next to JWT claims.
 */
const credentialOfPayload = (payload: Record<string, unknown>, vc: unknown): Record<string, unknown> | undefined => {
  if (typeof vc === 'object' && vc !== null && !Array.isArray(vc)) return vc as Record<string, unknown>;
  if (vc !== undefined || payload['@context'] === undefined || payload.type === undefined) return undefined;
  return Object.fromEntries(Object.entries(payload).filter(([claim]) => !REGISTERED_CLAIMS.has(claim)));
};

/**
 * The credential of a VC-JWT: the `vc` claim (or the payload itself), with the JWT's `nbf` / `exp` standing in for `validFrom` /
 * `validUntil` where the claim has none (VC-JWT 1.1 §6.3.1 maps them both ways), so an expired token is
 * reported as expired.
 */
export const decodeVcJwt = (text: string): DecodedVcJwt => {
  const decoded = decodeCompactJws(text);
  if ('error' in decoded) return decoded;
  const { vc, nbf, exp } = decoded.payload;
  const credential = credentialOfPayload(decoded.payload, vc);
  if (!credential) return { error: 'The JWT carries no credential: neither a `vc` claim nor a credential as its payload.' };
  const dates = {
    ...(credential.validFrom === undefined && credential.issuanceDate === undefined && isoFromSeconds(nbf) ? { validFrom: isoFromSeconds(nbf) } : {}),
    ...(credential.validUntil === undefined && credential.expirationDate === undefined && isoFromSeconds(exp) ? { validUntil: isoFromSeconds(exp) } : {}),
  };
  return { decoded, credential: { ...credential, ...dates } };
};

/**
 * The key of a VC-JWT comes from the header's `kid` (a DID URL or key URL), or from a `jwk` in the header,
 * which OB 3.0 §8.2 allows. A token that carries its own key proves only that someone holds that key, so
 * `issuer_resolution` then warns that nothing ties the key to the issuer.
 */
export const checkJwtProof = async (decoded: DecodedJwt, resolveDid: ResolveDid | undefined): Promise<VerificationCheck[]> => {
  // Without `kid`, a DID issuer (`iss`) names its key through its DID document's assertionMethod.
  const { iss } = decoded.payload;
  const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : typeof iss === 'string' && iss.startsWith('did:') ? iss : undefined;
  if (kid === undefined && decoded.header.jwk !== undefined) {
    const result = verifyJwsWithJwk(decoded, decoded.header.jwk);
    return [
      result.verified ? check(CHECK_IDS.proof, 'pass', 'The JWT signature verifies with the key embedded in its header.') : check(CHECK_IDS.proof, 'fail', `The JWT signature does not verify: ${result.error}`),
      check(CHECK_IDS.issuerResolution, 'warning', 'The signing key travels inside the token (`jwk`); the issuer publishes nothing that confirms it is theirs.'),
    ];
  }
  if (kid === undefined) {
    return [
      check(CHECK_IDS.proof, 'fail', 'The JWT signature cannot be checked: its header names no key (`kid`) and its issuer is not a DID; keys are never fetched from an issuer URL.'),
      check(CHECK_IDS.issuerResolution, 'fail', 'The JWT has neither a `kid` nor a DID issuer to resolve.'),
    ];
  }
  const resolution = await resolveVerificationMethod(kid, resolveDid);
  if ('error' in resolution) {
    return [check(CHECK_IDS.proof, 'fail', `The JWT signature cannot be checked: ${resolution.error}`), check(CHECK_IDS.issuerResolution, 'fail', resolution.error)];
  }
  const result = await verifyJwsSignature(decoded, resolution.verificationMethod);
  const issued = [decoded.payload.iat, decoded.payload.nbf].find((t): t is number => typeof t === 'number');
  const outcome = {
    index: 0,
    type: 'JWS',
    cryptosuite: typeof decoded.header.alg === 'string' ? decoded.header.alg : undefined,
    verificationMethod: kid,
    created: issued === undefined ? undefined : new Date(issued * 1000).toISOString(),
    verified: result.verified,
  };
  return [
    result.verified ? check(CHECK_IDS.proof, 'pass', 'The JWT signature verifies.') : check(CHECK_IDS.proof, 'fail', `The JWT signature does not verify: ${result.error}`),
    typeof iss === 'string' && iss !== resolution.controller
      ? check(CHECK_IDS.issuerResolution, 'warning', `The signing key is controlled by ${resolution.controller}, not by the issuer ${iss}.`)
      : check(CHECK_IDS.issuerResolution, resolution.source === 'did-document' ? 'pass' : 'warning', resolution.source === 'did-document' ? 'The signing key resolves through the issuer\'s DID document.' : 'The signing key is read from the key URL itself; the issuer publishes no document that confirms it.'),
    checkKeysValidAtIssue([outcome], new Map([[kid, resolution.verificationMethod]])),
  ];
};
