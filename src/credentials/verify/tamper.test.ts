import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from '../issue/issue-fixtures.js';
import { issueCredential } from '../issue/issue-credential.js';
import { buildOpenBadgeCredential } from '../issue/open-badge-credential.js';
import { testDidResolver } from './test-doubles.js';
import { verifyCredential } from './verify-credential.js';
import { CHECK_IDS } from './verification-report.js';

const loader = createDocumentLoader();
const clock = () => new Date('2026-01-01T00:00:00Z');
let issuer: Awaited<ReturnType<typeof sampleIssuerKey>>;
let signed: Record<string, unknown>;

beforeAll(async () => {
  issuer = await sampleIssuerKey();
  signed = await issueCredential({ credential: buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did)), signer: issuer.signer, documentLoader: loader, clock: () => new Date('2025-03-01T09:00:00Z') });
});

const verify = (credential: unknown) => verifyCredential({ credential, documentLoader: loader, clock, resolveDid: testDidResolver() });

type Path = Array<string | number>;

/** Every leaf (string, number, boolean) of a JSON value, by path. */
const leaves = (value: unknown, path: Path = []): Path[] => {
  if (Array.isArray(value)) return value.flatMap((child, i) => leaves(child, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
  return [path];
};

const altered = (leaf: unknown): unknown => (typeof leaf === 'string' ? `${leaf}x` : typeof leaf === 'number' ? leaf + 1 : typeof leaf === 'boolean' ? !leaf : 'x');

const withLeaf = (document: unknown, path: Path, change: (leaf: unknown) => unknown): unknown => {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  node[last] = change(node[last]);
  return copy;
};

describe('tampering', () => {
  it('the untouched credential verifies', async () => {
    expect((await verify(signed)).verified).toBe(true);
  });

  it('changing any single leaf value makes the proof check fail', async () => {
    const paths = leaves(signed);
    expect(paths.length).toBeGreaterThan(40);
    const survivors: string[] = [];
    for (const path of paths) {
      const report = await verify(withLeaf(signed, path, altered));
      if (report.verified || report.checks.find((c) => c.id === CHECK_IDS.proof)?.outcome !== 'fail') survivors.push(path.join('/'));
    }
    expect(survivors).toEqual([]);
  });

  it('dropping any single property makes the proof check fail', async () => {
    const survivors: string[] = [];
    for (const path of leaves(signed).filter((p) => typeof p[p.length - 1] === 'string' && !p.includes('proof'))) {
      const copy = withLeaf(signed, path, () => undefined);
      const report = await verify(JSON.parse(JSON.stringify(copy)));
      if (report.checks.find((c) => c.id === CHECK_IDS.proof)?.outcome !== 'fail') survivors.push(path.join('/'));
    }
    expect(survivors).toEqual([]);
  });
});

describe('properties', () => {
  const issueNamed = async (name: string) =>
    issueCredential({ credential: { ...buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did)), name }, signer: issuer.signer, documentLoader: loader, clock: () => new Date('2025-03-01T09:00:00Z') });

  it('any name (accents, ®, emoji, control characters) signs and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), fc.constantFrom('Café ® 🎓', 'Ω≈ç√∫', 'a\u0000b', '\t\n"\\')), async (name) => {
        expect((await verify(await issueNamed(name))).verified).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a credential re-labelled with any other name fails its proof', async () => {
    const original = await issueNamed('Data Analysis with Python');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }).filter((n) => n !== 'Data Analysis with Python'), async (name) => {
        const report = await verify({ ...original, name });
        expect(report.checks.find((c) => c.id === CHECK_IDS.proof)?.outcome).toBe('fail');
      }),
      { numRuns: 30 },
    );
  });
});
