import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
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

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): a fixed 16-byte header, then the seed.
const PKCS8_ED25519_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A signer for Data Integrity proofs. `verificationMethod` becomes the proof's `verificationMethod`, so it
 * must be the full DID URL under which the public key is published (e.g. `did:web:…#z6Mk…`).
 *
 * The key is imported into node:crypto once, here, rather than on every signature as the Multikey
 * library's signer does (about half the cost of an issuance). Ed25519 signatures are deterministic, so
 * this signer's output is byte-identical to that library's; `issuer-key.test.ts` checks it over many keys.
 */
export const createIssuerSigner = async (options: {
  secretKey: Uint8Array;
  verificationMethod: string;
}): Promise<IssuerSigner> => {
  if (options.secretKey.length !== ED25519_KEY_BYTES) throw new TypeError('An Ed25519 secret key (seed) has 32 bytes.');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_SEED_PREFIX, options.secretKey]), format: 'der', type: 'pkcs8' });
  return {
    id: options.verificationMethod,
    algorithm: 'Ed25519',
    sign: async ({ data }) => new Uint8Array(cryptoSign(null, data, key)),
  };
};

/** The Multikey library's own signer, kept as the reference the fast signer is checked against. */
export const createReferenceSigner = async (options: { secretKey: Uint8Array; verificationMethod: string }): Promise<IssuerSigner> => {
  const signer = (await fromSeed(options.secretKey, options.verificationMethod)).signer();
  return { id: options.verificationMethod, algorithm: 'Ed25519', sign: (input) => signer.sign(input) };
};
