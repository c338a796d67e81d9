import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { DecodedJwt } from './vc-jwt.js';

/**
 * JWS algorithms Tessera verifies with a key given as a JWK, each bound to the one key type it belongs
 * to: the algorithm comes from the attacker-controlled header, so an RSA key never verifies an "ES256"
 * token, and `none` or HMAC are never accepted (the classic JWT forgeries).
 */
const ALGORITHMS: Record<string, { keyType: string; digest: string | null; dsaEncoding?: 'ieee-p1363' }> = {
  RS256: { keyType: 'rsa', digest: 'sha256' },
  ES256: { keyType: 'ec', digest: 'sha256', dsaEncoding: 'ieee-p1363' },
  EdDSA: { keyType: 'ed25519', digest: null },
};

/** Checks a JWS signature against a public JWK (RFC 7517); never throws. */
export function verifyJwsWithJwk(decoded: DecodedJwt, jwk: unknown): { verified: boolean; error?: string } {
  const alg = decoded.header.alg;
  const algorithm = typeof alg === 'string' ? ALGORITHMS[alg] : undefined;
  if (!algorithm) return { verified: false, error: `JWS algorithm ${JSON.stringify(alg)} is not supported (RS256, ES256, EdDSA are).` };
  if (typeof jwk !== 'object' || jwk === null || 'd' in jwk) return { verified: false, error: 'The embedded key is not a public JWK.' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk as Parameters<typeof createPublicKey>[0] & object, format: 'jwk' } as never);
  } catch (error) {
    return { verified: false, error: `The embedded JWK cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (key.asymmetricKeyType !== algorithm.keyType) return { verified: false, error: `A ${key.asymmetricKeyType ?? 'unknown'} key cannot verify ${String(alg)}.` };
  const verified = verify(
    algorithm.digest,
    Buffer.from(decoded.signingInput, 'ascii'),
    algorithm.dsaEncoding ? { key, dsaEncoding: algorithm.dsaEncoding } : key,
    decoded.signature,
  );
  return verified ? { verified } : { verified, error: 'The JWS signature does not match the embedded key.' };
}
