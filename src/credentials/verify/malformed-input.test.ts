import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { testDidResolver } from './test-doubles.js';
import { verifyCredential } from './verify-credential.js';
import { CHECK_IDS, type VerificationReport } from './verification-report.js';

const verify = (credential: unknown): Promise<VerificationReport> =>
  verifyCredential({ credential, documentLoader: createDocumentLoader(), clock: () => new Date('2026-01-01T00:00:00Z'), resolveDid: testDidResolver() });

const failed = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id)?.outcome === 'fail';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};

const minimal = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:1' },
};

describe('hostile and malformed input gives a failing report, never an exception', () => {
  it.each<[string, unknown]>([
    ['truncated JSON', '{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": '],
    ['a JSON array', '[1,2,3]'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['a boolean', true],
    ['an empty string', ''],
    ['a 10 MB document', JSON.stringify({ ...minimal, padding: 'x'.repeat(10 * 1024 * 1024) })],
    ['a 10 MB object', { ...minimal, padding: 'x'.repeat(10 * 1024 * 1024) }],
    ['100,000 levels of nesting as text', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['deep nesting as an object', { ...minimal, credentialSubject: nested(10_000) }],
    ['a JWT whose parts are not JSON', 'aaaa.bbbb.cccc'],
  ])('%s', async (_name, input) => {
    const started = process.hrtime.bigint();
    const report = await verify(input);
    expect(report.verified).toBe(false);
    expect(failed(report, CHECK_IDS.input)).toBe(true);
    // Generous: the point is "no hang", not a timing assertion on a shared machine.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(20);
  });

  it('a cyclic object', async () => {
    const cyclic: Record<string, unknown> = { ...minimal };
    cyclic.self = cyclic;
    expect(failed(await verify(cyclic), CHECK_IDS.input)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a remote context', ['https://www.w3.org/ns/credentials/v2', 'https://attacker.example/context.jsonld']],
    ['an inline @vocab', ['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://attacker.example/#' }]],
    ['a redefined protected term', ['https://www.w3.org/ns/credentials/v2', { name: 'https://attacker.example/#name' }]],
    ['a bare inline context', { '@vocab': 'https://attacker.example/#' }],
    ['no context at all', undefined],
    ['a number', 7],
    ['an empty list', []],
  ])('%s fails the context check', async (_name, context) => {
    const report = await verify({ ...minimal, '@context': context, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' } });
    expect(report.verified).toBe(false);
    expect(failed(report, CHECK_IDS.context)).toBe(true);
  });

  it('a nested inline context inside the body fails the context check', async () => {
    const report = await verify({ ...minimal, credentialSubject: { '@context': { '@vocab': 'https://attacker.example/#' }, id: 'did:example:1', claim: 'x' } });
    expect(failed(report, CHECK_IDS.context)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['proof as a string', 'not a proof'],
    ['proof as a number', 5],
    ['proof with wrong field types', { type: 7, cryptosuite: ['x'], verificationMethod: { id: 3 }, proofValue: {} }],
    ['proof list with junk', [null, 1, 'x', { type: 'DataIntegrityProof' }]],
  ])('%s fails the proof check', async (_name, proofValue) => {
    const report = await verify({ ...minimal, proof: proofValue });
    expect(report.verified).toBe(false);
    expect(failed(report, CHECK_IDS.proof)).toBe(true);
  });

  it('throws only for misuse', async () => {
    await expect(verifyCredential({ credential: minimal } as never)).rejects.toThrow(TypeError);
  });
});
