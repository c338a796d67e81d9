import { ed25519Verifier } from './ed25519-verifier.js';
import type { CredentialSigner } from './proof-suites.js';

/** A compact JWS split into its parts (RFC 7515 §7.1). */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export const looksLikeCompactJws = (text: string): boolean => COMPACT_JWS.test(text.trim());

const jsonPart = (part: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export const decodeCompactJws = (text: string): DecodedJwt | { error: string } => {
  const trimmed = text.trim();
  if (!COMPACT_JWS.test(trimmed)) return { error: 'The text is not a compact JWS (three base64url parts).' };
  const [headerPart, payloadPart, signaturePart] = trimmed.split('.') as [string, string, string];
  const header = jsonPart(headerPart);
  const payload = jsonPart(payloadPart);
  if (header === undefined || payload === undefined) return { error: 'The JWT header or payload is not a JSON object.' };
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') };
};

/**
 * Checks an EdDSA (Ed25519) JWS signature with node:crypto. Only `EdDSA` is accepted: the algorithm comes
 * from the attacker-controlled header, and accepting others (`none`, HMAC with a public key) is the classic
 * JWT forgery.
 */
export const verifyJwsSignature = async (decoded: DecodedJwt, verificationMethod: Record<string, unknown>): Promise<{ verified: boolean; error?: string }> => {
  if (decoded.header.alg !== 'EdDSA') return { verified: false, error: `JWS algorithm ${JSON.stringify(decoded.header.alg)} is not supported; Tessera verifies EdDSA (Ed25519) only.` };
  let verifier;
  try {
    verifier = await ed25519Verifier(verificationMethod);
  } catch (error) {
    return { verified: false, error: `The verification method is not an Ed25519 key: ${error instanceof Error ? error.message : String(error)}` };
  }
  const verified = await verifier.verify({ data: Buffer.from(decoded.signingInput, 'ascii'), signature: decoded.signature });
  return verified ? { verified } : { verified, error: 'The JWS signature does not match the key.' };
};

const seconds = (iso: unknown): number | undefined => {
  const time = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
};

/**
 * Issues a VC-JWT (VC-JOSE "JWT claims" mapping used by OB 3.0 §8.2): the credential in the `vc` claim, its
 * id, issuer, subject and validity mirrored in `jti`, `iss`, `sub`, `nbf`, `exp`.
 */
export const issueVcJwt = async (options: { credential: Record<string, unknown>; signer: CredentialSigner }): Promise<string> => {
  const { credential, signer } = options;
  const issuer = credential.issuer;
  const subject = credential.credentialSubject as { id?: unknown } | undefined;
  const claims: Record<string, unknown> = {
    vc: credential,
    iss: typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id,
    jti: credential.id,
    sub: subject?.id,
    nbf: seconds(credential.validFrom),
    exp: seconds(credential.validUntil),
  };
  const header = { alg: 'EdDSA', typ: 'JWT', kid: signer.id };
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = await signer.sign({ data: new TextEncoder().encode(signingInput) });
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
};
