import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

export interface Ed25519Verifier {
  id: string | undefined;
  algorithm: 'Ed25519';
  verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}

/**
 * A verifier that imports the public key into node:crypto once. The Multikey library's own verifier
 * re-imports the key on every call, which costs as much as the Ed25519 verification itself. The library
 * still parses and checks the verification method (type, multibase prefix, key length).
 */
export const ed25519Verifier = async (verificationMethod: Record<string, unknown>): Promise<Ed25519Verifier> => {
  const keyPair = await Ed25519Multikey.from(verificationMethod);
  const publicKey: KeyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(keyPair.publicKey).toString('base64url') }, format: 'jwk' });
  return {
    id: typeof verificationMethod.id === 'string' ? verificationMethod.id : undefined,
    algorithm: 'Ed25519',
    verify: async ({ data, signature }) => nodeVerify(null, data, publicKey, signature),
  };
};
