import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { ED25519_KEY_BYTES } from './multibase.js';

/** A source of cryptographically secure random bytes, e.g. `crypto.randomBytes`; injected so tests can pin it. */
export type RandomBytes = (size: number) => Uint8Array;

/** An Ed25519 key pair of an issuer, in memory only. Store the secret key sealed (see key-envelope.ts). */
export interface IssuerKeyPair {
  /** `z6Mk…`: Multikey encoding of the public key, also the key's fragment in DID documents. */
  readonly publicKeyMultibase: string;
  readonly publicKey: Uint8Array;
  /** The 32-byte Ed25519 seed (RFC 8032 private key). */
  readonly secretKey: Uint8Array;
}

/** What digitalbazaar's Data Integrity proofs sign with: `{ id, algorithm: 'Ed25519', sign({ data }) }`. */
export interface IssuerSigner {
  readonly id: string;
  readonly algorithm: 'Ed25519';
  sign(options: { data: Uint8Array }): Promise<Uint8Array>;
}

const fromSeed = async (seed: Uint8Array, id?: string) => {
  if (seed.length !== ED25519_KEY_BYTES) throw new TypeError('An Ed25519 secret key (seed) has 32 bytes.');
  return Ed25519Multikey.generate({ seed, ...(id ? { id } : {}) });
};

/** Derives the key pair of a 32-byte Ed25519 seed (RFC 8032: the public key is a function of the seed). */
export const issuerKeyPairFromSecretKey = async (secretKey: Uint8Array): Promise<IssuerKeyPair> => {
  const multikey = await fromSeed(secretKey);
  return {
    publicKeyMultibase: multikey.publicKeyMultibase,
    publicKey: Uint8Array.from(multikey.publicKey),
    secretKey: Uint8Array.from(secretKey),
  };
};

/** Generates a new Ed25519 key pair from 32 bytes of the injected random source. */
export const generateIssuerKeyPair = async (options: { randomBytes: RandomBytes }): Promise<IssuerKeyPair> => {
  const seed = options.randomBytes(ED25519_KEY_BYTES);
  if (seed.length !== ED25519_KEY_BYTES) throw new TypeError('The random source returned the wrong number of bytes.');
  return issuerKeyPairFromSecretKey(seed);
};

/**
 * A signer for Data Integrity proofs. `verificationMethod` becomes the proof's `verificationMethod`, so it
 * must be the full DID URL under which the public key is published (e.g. `did:web:…#z6Mk…`).
 */
export const createIssuerSigner = async (options: {
  secretKey: Uint8Array;
  verificationMethod: string;
}): Promise<IssuerSigner> => {
  const signer = (await fromSeed(options.secretKey, options.verificationMethod)).signer();
  return { id: options.verificationMethod, algorithm: 'Ed25519', sign: (input) => signer.sign(input) };
};
