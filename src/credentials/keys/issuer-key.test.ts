import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import fc from 'fast-check';
import { createIssuerSigner, createReferenceSigner, generateIssuerKeyPair, issuerKeyPairFromSecretKey } from './issuer-key.js';
import { decodeEd25519SecretKeyMultibase, encodeEd25519PublicKeyMultibase } from './multibase.js';

// SPKI DER header of an Ed25519 public key (RFC 8410), so node:crypto can verify independently of the library.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const nodePublicKey = (publicKey: Uint8Array) =>
  createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });

describe('issuer keys', () => {
  it('the fast signer is byte-identical to the Multikey library signer over thousands of keys and messages', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 512 }), async (seed, data) => {
        const options = { secretKey: seed, verificationMethod: 'did:example:issuer#key' };
        const [fast, reference] = await Promise.all([createIssuerSigner(options), createReferenceSigner(options)]);
        expect(Buffer.from(await fast.sign({ data })).toString('hex')).toBe(Buffer.from(await reference.sign({ data })).toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });


  it('generates a key pair whose signer signs what node:crypto verifies', async () => {
    const keyPair = await generateIssuerKeyPair({ randomBytes });
    expect(keyPair.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(keyPair.publicKeyMultibase).toBe(encodeEd25519PublicKeyMultibase(keyPair.publicKey));

    const vm = `did:web:example.org#${keyPair.publicKeyMultibase}`;
    const signer = await createIssuerSigner({ secretKey: keyPair.secretKey, verificationMethod: vm });
    expect(signer.id).toBe(vm);
    expect(signer.algorithm).toBe('Ed25519');

    const data = new TextEncoder().encode('Tessera signs this');
    const signature = await signer.sign({ data });
    expect(signature).toHaveLength(64);
    expect(verify(null, data, nodePublicKey(keyPair.publicKey), signature)).toBe(true);
    const other = new TextEncoder().encode('Tessera signs that');
    expect(verify(null, other, nodePublicKey(keyPair.publicKey), signature)).toBe(false);
  });

  it('takes its seed from the injected random source', async () => {
    const seed = new Uint8Array(32).fill(7);
    const a = await generateIssuerKeyPair({ randomBytes: () => seed });
    const b = await issuerKeyPairFromSecretKey(seed);
    expect(a.publicKeyMultibase).toBe(b.publicKeyMultibase);
    await expect(generateIssuerKeyPair({ randomBytes: () => new Uint8Array(16) })).rejects.toThrow(TypeError);
  });

  it('derives the public key of the W3C vc-di-eddsa test vector key pair', async () => {
    const vector = JSON.parse(readFileSync(sharedDataPath('w3c/vc-di-eddsa/TestVectors/keyPair.json'), 'utf8')) as {
      publicKeyMultibase: string;
      privateKeyMultibase: string;
    };
    const seed = decodeEd25519SecretKeyMultibase(vector.privateKeyMultibase);
    expect(seed).toBeDefined();
    const keyPair = await issuerKeyPairFromSecretKey(seed ?? new Uint8Array());
    expect(keyPair.publicKeyMultibase).toBe(vector.publicKeyMultibase);
  });

  it('derives the public key of the 1EdTech OB 3.0 vector from its hex private key', async () => {
    const vector = JSON.parse(readFileSync(sharedDataPath('1edtech/ob_v3p0/test-vectors/obv3p0/vector.json'), 'utf8')) as {
      keyPair: { publicKeyMultibase: string; secretKeyMultibase: string };
      labelled_values: Record<string, string>;
    };
    const privateHex = vector.labelled_values['Private key (hex)'] ?? '';
    const publicHex = vector.labelled_values['Public key (hex)'] ?? '';
    const keyPair = await issuerKeyPairFromSecretKey(Buffer.from(privateHex, 'hex').subarray(0, 32));
    expect(Buffer.from(keyPair.publicKey).toString('hex')).toBe(publicHex.toLowerCase());
    expect(keyPair.publicKeyMultibase).toBe(vector.keyPair.publicKeyMultibase);
    // The 64-byte legacy secretKeyMultibase of the vector holds the same seed.
    const seed = decodeEd25519SecretKeyMultibase(vector.keyPair.secretKeyMultibase);
    expect(Buffer.from(seed ?? []).toString('hex')).toBe(Buffer.from(keyPair.secretKey).toString('hex'));
  });
});
