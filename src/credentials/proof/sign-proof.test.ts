import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { signProof } from './sign-proof.js';
import { verifyProofs } from './verify-proofs.js';

const readJson = (...segments: string[]): Record<string, unknown> => JSON.parse(readFileSync(sharedDataPath(...segments), 'utf8')) as Record<string, unknown>;
const readText = (...segments: string[]): string => readFileSync(sharedDataPath(...segments), 'utf8');
const loader = createDocumentLoader();
const examplesLoader = createDocumentLoader({ includeExampleContexts: true });

const canonize = (input: unknown, documentLoader = loader): Promise<string> => eddsaRdfc2022.canonize(input, { documentLoader });

describe.each(['obv3p0', 'clrv2p0'])('1EdTech eddsa-rdfc-2022 vector %s', (name) => {
  const vector = readJson('1edtech', 'ob_v3p0', 'test-vectors', name, 'vector.json');
  const keyPair = vector.keyPair as Record<string, unknown>;
  // The CLR page gives the proof only inside the signed credential, as a one-entry proof set.
  const proof = (vector.proof ?? [(vector.signedCredential as Record<string, unknown>).proof].flat()[0]) as Record<string, unknown>;
  const credential = vector.credential as Record<string, unknown>;

  it('reproduces the canonical document and proof configuration', async () => {
    expect(await canonize(credential)).toBe(readText('1edtech', 'ob_v3p0', 'test-vectors', name, 'document-canon.txt'));
    const { proofValue: _omitted, ...config } = proof;
    expect(await canonize({ ...config, '@context': credential['@context'] })).toBe(readText('1edtech', 'ob_v3p0', 'test-vectors', name, 'proof-canon.txt'));
  });

  it('reproduces the proof value and verifies the signed credential', async () => {
    const key = await Ed25519Multikey.from(keyPair);
    const signed = await signProof({ document: credential, signer: key.signer(), documentLoader: loader, created: new Date(String(proof.created)) });
    expect((signed.proof as Record<string, unknown>).proofValue).toBe(proof.proofValue);
    const method = await key.export({ publicKey: true, includeContext: true });
    const outcomes = await verifyProofs({ document: vector.signedCredential as Record<string, unknown>, documentLoader: loader, verificationMethods: new Map([[String(keyPair.id), method]]) });
    expect(outcomes.map((o) => o.verified)).toEqual([true]);
  });
});

/** The W3C vectors name did:key verification methods; these build the method from the DID itself. */
const didKeyMethods = async (publicKeys: string[]): Promise<Map<string, Record<string, unknown>>> =>
  new Map(
    await Promise.all(
      publicKeys.map(async (publicKeyMultibase) => {
        const did = `did:key:${publicKeyMultibase}`;
        const id = `${did}#${publicKeyMultibase}`;
        const key = await Ed25519Multikey.from({ id, controller: did, publicKeyMultibase });
        return [id, await key.export({ publicKey: true, includeContext: true })] as const;
      }),
    ),
  );

describe('W3C vc-di-eddsa vectors', () => {
  const dir = ['w3c', 'vc-di-eddsa', 'TestVectors'];
  const keyPair = readJson(...dir, 'keyPair.json') as { publicKeyMultibase: string; privateKeyMultibase: string };
  const unsigned = readJson(...dir, 'unsigned.json');
  const signerFor = async (pair: { publicKeyMultibase: string; privateKeyMultibase: string }) => {
    const did = `did:key:${pair.publicKeyMultibase}`;
    const key = await Ed25519Multikey.from({ id: `${did}#${pair.publicKeyMultibase}`, controller: did, publicKeyMultibase: pair.publicKeyMultibase, secretKeyMultibase: pair.privateKeyMultibase });
    return key.signer();
  };

  it('eddsa-rdfc-2022: canonical forms, hashes and signature match', async () => {
    const sub = [...dir, 'eddsa-rdfc-2022'];
    const canonDoc = await canonize(unsigned, examplesLoader);
    expect(canonDoc).toBe(readText(...sub, 'canonDocDataInt.txt'));
    expect(createHash('sha256').update(canonDoc).digest('hex')).toBe(readText(...sub, 'docHashDataInt.txt').trim());
    const config = readJson(...sub, 'proofConfigDataInt.json');
    expect(await canonize(config, examplesLoader)).toBe(readText(...sub, 'proofCanonDataInt.txt'));
    const signed = await signProof({ document: unsigned, signer: await signerFor(keyPair), documentLoader: examplesLoader, created: new Date(String(config.created)) });
    expect((signed.proof as Record<string, unknown>).proofValue).toBe(readText(...sub, 'sigBTC58DataInt.txt').trim());
  });

  it('eddsa-jcs-2022: signature matches the vector', async () => {
    const sub = [...dir, 'eddsa-jcs-2022'];
    const config = readJson(...sub, 'proofConfigJCS.json');
    const signed = await signProof({ document: unsigned, signer: await signerFor(keyPair), documentLoader: examplesLoader, created: new Date(String(config.created)), cryptosuite: 'eddsa-jcs-2022' });
    expect((signed.proof as Record<string, unknown>).proofValue).toBe(readText(...sub, 'sigBTC58JCS.txt').trim());
  });

  it.each([
    ['eddsa-rdfc-2022', 'signedDataInt.json'],
    ['eddsa-jcs-2022', 'signedJCS.json'],
    ['Ed25519Signature2020', 'signedEdSig.json'],
    ['proof-set-chain', 'signedProofSet1.json'],
    ['proof-set-chain', 'signedProofSet2.json'],
    ['proof-set-chain', 'signedProofChain1.json'],
    ['proof-set-chain', 'signedProofChain2.json'],
  ])('%s/%s verifies, every proof', async (folder, file) => {
    const multi = readJson(...dir, 'proof-set-chain', 'multiKeyPairs.json') as Record<string, { publicKeyMultibase: string }>;
    const methods = await didKeyMethods([keyPair.publicKeyMultibase, ...Object.values(multi).map((pair) => pair.publicKeyMultibase)]);
    const document = readJson(...dir, folder, file);
    const outcomes = await verifyProofs({ document, documentLoader: examplesLoader, verificationMethods: methods });
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => !o.verified)).toEqual([]);
  });

  it('a proof set fails when one of its proofs is altered', async () => {
    const multi = readJson(...dir, 'proof-set-chain', 'multiKeyPairs.json') as Record<string, { publicKeyMultibase: string }>;
    const methods = await didKeyMethods(Object.values(multi).map((pair) => pair.publicKeyMultibase));
    const document = readJson(...dir, 'proof-set-chain', 'signedProofSet2.json');
    const proofs = document.proof as Array<Record<string, unknown>>;
    const broken = { ...document, proof: [proofs[0], { ...proofs[1], created: '2001-01-01T00:00:00Z' }] };
    const outcomes = await verifyProofs({ document: broken, documentLoader: examplesLoader, verificationMethods: methods });
    expect(outcomes.map((o) => o.verified)).toEqual([true, false]);
  });
});

describe('signProof leaves its input as it was', () => {
  const vector = readJson('1edtech', 'ob_v3p0', 'test-vectors', 'obv3p0', 'vector.json');
  const credential = vector.credential as Record<string, unknown>;

  it('a document without proofs, and one with a proof set the new proof joins', async () => {
    const key = await Ed25519Multikey.from(vector.keyPair as Record<string, unknown>);
    const before = JSON.stringify(credential);
    const once = await signProof({ document: credential, signer: key.signer(), documentLoader: loader, created: new Date('2026-01-01T00:00:00Z') });
    expect(JSON.stringify(credential)).toBe(before);
    expect(Object.keys(once).at(-1)).toBe('proof');
    const withSet = { ...once, proof: [once.proof] };
    const setBefore = JSON.stringify(withSet);
    const twice = await signProof({ document: withSet, signer: key.signer(), documentLoader: loader, created: new Date('2026-01-02T00:00:00Z') });
    expect(JSON.stringify(withSet)).toBe(setBefore);
    expect((withSet.proof as unknown[]).length).toBe(1);
    expect((twice.proof as unknown[]).length).toBe(2);
  });
});
