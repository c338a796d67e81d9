import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { issuerKeyPairFromSecretKey } from '../keys/issuer-key.js';
import { decodeEd25519SecretKeyMultibase, encodeBase58btc } from '../keys/multibase.js';
import { didKeyDocument, didKeyFromPublicKey, didKeyFromPublicKeyMultibase } from './did-key.js';

const readJson = <T>(...segments: string[]): T => JSON.parse(readFileSync(sharedDataPath(...segments), 'utf8')) as T;

describe('did:key', () => {
  it('derives the did:key the W3C vc-di-eddsa vectors sign with from the vector key pair', async () => {
    const keyPair = readJson<{ privateKeyMultibase: string }>('w3c/vc-di-eddsa/TestVectors/keyPair.json');
    const signed = readJson<{ proof: { verificationMethod: string } }>('w3c/vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json');
    const derived = await issuerKeyPairFromSecretKey(decodeEd25519SecretKeyMultibase(keyPair.privateKeyMultibase) ?? new Uint8Array());
    const did = didKeyFromPublicKey(derived.publicKey);
    // The signed vector names its key as did:key:<multibase>#<multibase>.
    expect(signed.proof.verificationMethod).toBe(`${did}#${did.slice('did:key:'.length)}`);
  });

  it('derives the did:key of the 1EdTech OB 3.0 vector key from its hex public key', () => {
    const vector = readJson<{ labelled_values: Record<string, string>; keyPair: { publicKeyMultibase: string } }>(
      '1edtech/ob_v3p0/test-vectors/obv3p0/vector.json',
    );
    const publicKey = Buffer.from(vector.labelled_values['Public key (hex)'] ?? '', 'hex');
    expect(didKeyFromPublicKey(publicKey)).toBe(`did:key:${vector.keyPair.publicKeyMultibase}`);
    // The same key written as bare key bytes maps to the same DID.
    expect(didKeyFromPublicKeyMultibase(`z${encodeBase58btc(publicKey)}`)).toBe(`did:key:${vector.keyPair.publicKeyMultibase}`);
  });

  it('resolves offline to a document with a Multikey verification method in every relationship', () => {
    const did = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
    const vm = `${did}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`;
    expect(didKeyDocument(did)).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: vm, type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi' }],
      authentication: [vm],
      assertionMethod: [vm],
      capabilityInvocation: [vm],
      capabilityDelegation: [vm],
    });
  });

  it('refuses keys that are not Ed25519 Multikeys', () => {
    expect(didKeyDocument('did:key:zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9')).toBeUndefined(); // P-256
    expect(didKeyDocument('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw')).toBeUndefined(); // one character short
    expect(didKeyDocument('did:web:example.org')).toBeUndefined();
  });
});
