import { decodeCompactJws, verifyJwsSignature, type DecodedJwt } from '../proof/vc-jwt.js';
import type { ResolveDid } from './collaborators.js';
import { checkKeysValidAtIssue } from './key-validity-check.js';
import { resolveVerificationMethod } from './verification-method.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

export type DecodedVcJwt = { decoded: DecodedJwt; credential: Record<string, unknown> } | { error: string };

export const decodeVcJwt = (text: string): DecodedVcJwt => {
  const decoded = decodeCompactJws(text);
  if ('error' in decoded) return decoded;
  const { vc } = decoded.payload;
  if (typeof vc !== 'object' || vc === null || Array.isArray(vc)) return { error: 'The JWT has no `vc` claim holding a credential.' };
  return { decoded, credential: vc as Record<string, unknown> };
};

/**
 * The key of a VC-JWT comes from the header's `kid` (a DID URL or key URL). A `jwk` in the header is
 * ignored: a token that carries its own key proves only that someone holds that key.
 */
export const checkJwtProof = async (decoded: DecodedJwt, resolveDid: ResolveDid | undefined): Promise<VerificationCheck[]> => {
  const kid = decoded.header.kid;
  if (typeof kid !== 'string') {
    return [
      check(CHECK_IDS.proof, 'fail', 'The JWT signature cannot be checked: its header names no key (`kid`), and keys are never fetched from an issuer URL.'),
      check(CHECK_IDS.issuerResolution, 'fail', 'The JWT header has no `kid` to resolve.'),
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
  const iss = decoded.payload.iss;
  return [
    result.verified ? check(CHECK_IDS.proof, 'pass', 'The JWT signature verifies.') : check(CHECK_IDS.proof, 'fail', `The JWT signature does not verify: ${result.error}`),
    typeof iss === 'string' && iss !== resolution.controller
      ? check(CHECK_IDS.issuerResolution, 'warning', `The signing key is controlled by ${resolution.controller}, not by the issuer ${iss}.`)
      : check(CHECK_IDS.issuerResolution, resolution.source === 'did-document' ? 'pass' : 'warning', resolution.source === 'did-document' ? 'The signing key resolves through the issuer\'s DID document.' : 'The signing key is read from the key URL itself; the issuer publishes no document that confirms it.'),
    checkKeysValidAtIssue([outcome], new Map([[kid, resolution.verificationMethod]])),
  ];
};
