import { readdirSync, readFileSync } from 'node:fs';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { createDocumentLoader } from '../contexts/document-loader.js';
import type { OpenBadgeCredentialInput } from '../issue/credential-input.schema.js';
import { buildOpenBadgeCredential } from '../issue/open-badge-credential.js';
import { templateCanonize } from './template-canonize.js';

const full = (input: unknown, options: Record<string, unknown>) => eddsaRdfc2022.canonize(input, options);

/**
 * jsonld resolves its promises without reaching the event loop, so a long property would starve Vitest's
 * worker messages (it reports "Timeout calling onTaskUpdate"); every run lets the loop turn once.
 */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Both results, or both errors: the fast path must never succeed where the reference fails. */
const outcome = async (run: () => Promise<string>): Promise<string> => run().catch((error: unknown) => `ERROR ${error instanceof Error ? error.name : String(error)}`);

const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), fc.constantFrom('Café ® 🎓', 'line\nbreak "quoted" \\ back', 'a\u0000b\u001f', ' '));
const iri = fc.oneof(fc.webUrl(), fc.uuid().map((u) => `urn:uuid:${u}`), fc.constantFrom('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi', 'http://data.europa.eu/esco/skill/ccd0a1d9'));
/** Values an attacker might put where an IRI belongs: compact IRIs, blank nodes, relative and broken IRIs. */
const hostileIri = fc.constantFrom('_:b0', '', 'relative/path', 'xsd:string', 'id:thing', 'schema:Thing', 'http://a b', 'http://a\u00a0b', 'urn:x\u2028y', 'http://x/<y>', 'urn:x:"q"', 'ceasn:Competency', 'http://x/\u0007', 'https://ex.example/é');
const dateTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

const alignment = fc.record({ targetName: text, targetUrl: iri, targetCode: fc.option(text, { nil: undefined }), targetType: fc.constantFrom('ceasn:Competency', 'ext:ESCOOccupation', 'CFItem') });
const input: fc.Arbitrary<OpenBadgeCredentialInput> = fc.record({
  id: iri,
  issuer: fc.record({ id: iri, name: text, url: fc.option(iri, { nil: undefined }) }),
  learner: fc.oneof(fc.record({ did: iri }), fc.record({ email: fc.constantFrom('ana@example.org', 'bö@exämple.org'), salt: fc.string({ minLength: 8, maxLength: 12 }) })),
  achievement: fc.record({
    id: iri,
    name: text,
    description: text,
    criteriaNarrative: text,
    achievementType: fc.option(fc.constantFrom('Badge', 'Certificate', 'MicroCredential', 'ext:Custom'), { nil: undefined }),
    alignment: fc.array(alignment, { maxLength: 3 }),
    resultDescription: fc.array(fc.record({ id: iri, name: text, resultType: fc.constantFrom('Status', 'Percent', 'GradePointAverage') }), { maxLength: 2 }),
  }),
  result: fc.array(fc.record({ resultDescription: iri, value: fc.option(text, { nil: undefined }) }), { maxLength: 2 }),
  evidence: fc.array(fc.record({ id: fc.option(iri, { nil: undefined }), name: fc.option(text, { nil: undefined }), narrative: fc.option(text, { nil: undefined }) }), { maxLength: 2 }),
  validFrom: dateTime,
  validUntil: fc.option(dateTime, { nil: undefined }),
  declareSchema: fc.boolean(),
});

describe('template canonicalization is byte-identical to jsonld + rdf-canonize', () => {
  it('over generated Open Badge credentials of every structure', async () => {
    const loader = createDocumentLoader();
    const fast = templateCanonize(full);
    const options = { documentLoader: loader };
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const document = buildOpenBadgeCredential(raw);
        await breathe();
        expect(await fast(document, options)).toBe(await full(document, options));
      }),
      { numRuns: 500 },
    );
  }, 300_000);

  it.each([1, 2, 3])('over thousands of credentials of the shapes Tessera issues, nearly all through templates (batch %i of 3)', async () => {
    const loader = createDocumentLoader();
    let fallbacks = 0;
    const fast = templateCanonize((document, options) => ((fallbacks += 1), full(document, options)));
    const options = { documentLoader: loader };
    // Values vary freely; structure comes from a few issuance profiles, as in production.
    const profile = fc.constantFrom(
      { alignments: 2, results: 1, evidence: 1, email: true },
      { alignments: 1, results: 0, evidence: 0, email: false },
      { alignments: 0, results: 0, evidence: 2, email: true },
    );
    const runs = 500;
    await fc.assert(
      fc.asyncProperty(profile, input, fc.array(alignment, { minLength: 2, maxLength: 2 }), iri, async (shape, raw, alignments, learnerDid) => {
        const document = buildOpenBadgeCredential({
          ...raw,
          issuer: { ...raw.issuer, url: undefined },
          learner: shape.email ? { email: 'ana@example.org', salt: 'fixed-salt' } : { did: learnerDid },
          achievement: { ...raw.achievement, achievementType: 'MicroCredential', alignment: alignments.slice(0, shape.alignments).map((a) => ({ ...a, targetCode: 'code', targetType: 'ceasn:Competency' })), resultDescription: [] },
          result: [{ resultDescription: learnerDid, value: 'v' }].slice(0, shape.results),
          evidence: [0, 1].slice(0, shape.evidence).map((i) => ({ id: `${learnerDid}/e${i}`, name: 'n', narrative: 'x' })),
          validUntil: '2031-01-01T00:00:00Z',
          declareSchema: true,
        });
        await breathe();
        expect(await fast(document, options)).toBe(await full(document, options));
      }),
      { numRuns: runs },
    );
    // The comparison means something only if documents took the template path.
    expect(fallbacks).toBeLessThan(runs / 10);
  }, 300_000);

  it.each([1, 2])('over thousands of documents of one template whose values repeat and change, as in a bulk job (batch %i of 2)', async () => {
    // A fill reuses the terms, first-degree hashes and lines of earlier fills where values repeat; small
    // pools make values repeat, change back and collide (two evidence items naming one IRI merge their nodes).
    const loader = createDocumentLoader();
    let fallbacks = 0;
    const fast = templateCanonize((document, options) => ((fallbacks += 1), full(document, options)));
    const options = { documentLoader: loader };
    const [raw] = await fc.sample(input, { numRuns: 1, seed: 5 });
    const pool = <T,>(...values: T[]) => fc.constantFrom(...values);
    const row = fc.record({
      id: pool('urn:uuid:7c1f0a52-0000-4000-8000-000000000001', 'urn:uuid:7c1f0a52-0000-4000-8000-000000000002', 'https://cred.example/3'),
      salt: pool('salt-one', 'salt-two', 'salt-three'),
      email: pool('ana@example.org', 'bö@exämple.org'),
      evidence: fc.array(pool('https://evidence.example/1', 'https://evidence.example/2'), { minLength: 2, maxLength: 2 }),
      narrative: pool('x', 'y', 'Café ® 🎓'),
      value: pool('78', '91', 'line\nbreak'),
      validFrom: pool('2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
    });
    let documents = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 30, maxLength: 30 }), async (rows) => {
        for (const r of rows) {
          const document = buildOpenBadgeCredential({
            ...raw!,
            id: r.id,
            learner: { email: r.email, salt: r.salt },
            achievement: { ...raw!.achievement, resultDescription: [{ id: 'https://ach.example/rd/1', name: 'grade', resultType: 'Percent' }] },
            result: [{ resultDescription: 'https://ach.example/rd/1', value: r.value }],
            evidence: r.evidence.map((id) => ({ id, narrative: r.narrative })),
            validFrom: r.validFrom,
            validUntil: '2031-01-01T00:00:00Z',
          });
          await breathe();
          expect(await fast(document, options)).toBe(await full(document, options));
          documents += 1;
        }
      }),
      { numRuns: 50 },
    );
    expect(documents).toBe(1500);
    expect(fallbacks).toBeLessThan(documents / 10);
  }, 300_000);

  it('with hostile values where IRIs belong (falls back or fails exactly like the reference)', async () => {
    const loader = createDocumentLoader();
    const fast = templateCanonize(full);
    const options = { documentLoader: loader };
    await fc.assert(
      fc.asyncProperty(input, hostileIri, fc.constantFrom('id', 'issuer', 'achievement', 'evidence'), async (raw, bad, where) => {
        type Node = Record<string, unknown>;
        const document = buildOpenBadgeCredential(raw);
        await breathe();
        // Seen once with a good value so a template exists, then the hostile value.
        await fast(document, options);
        await fast(document, options);
        const hostile = structuredClone(document);
        const issuer = hostile.issuer as Node;
        const achievement = (hostile.credentialSubject as { achievement: Node }).achievement;
        if (where === 'id') hostile.id = bad;
        else if (where === 'issuer') issuer.id = bad;
        else if (where === 'achievement') achievement.id = bad;
        else achievement.alignment = [{ type: ['Alignment'], targetName: 'x', targetUrl: bad }];
        expect(await outcome(() => fast(hostile, options))).toBe(await outcome(() => full(hostile, options)));
      }),
      { numRuns: 300 },
    );
  }, 300_000);

  it('documents with sentinel-like text or inline contexts give the reference output', async () => {
    const loader = createDocumentLoader();
    const fast = templateCanonize(full);
    const options = { documentLoader: loader };
    const base = buildOpenBadgeCredential({ ...(await fc.sample(input, 1))[0]!, declareSchema: false });
    const poisoned = [
      { ...base, type: ['VerifiableCredential', 'urn:tessera-slot:0'] },
      { ...base, 'urn:tessera-slot:1': 'x' },
      { ...base, name: 'urn:tessera-slot:0' },
      { ...base, id: 'urn:tessera-slot:3' },
      { ...base, name: 'tesseraslot2x' },
      // An inline context defining a prefix that turns an @id value into a different IRI.
      { ...base, '@context': [...(base['@context'] as string[]), { ex: 'https://expanded.example/' }], id: 'ex:credential-1' },
      // A @vocab-coerced value (part of the template key) equal to the sentinel of the credential id.
      { ...base, credentialSubject: { ...(base.credentialSubject as object), achievement: { ...((base.credentialSubject as { achievement: object }).achievement), achievementType: 'urn:tessera-slot:0' } } },
    ];
    for (const document of poisoned) {
      const expected = await outcome(() => full(document, options));
      for (let i = 0; i < 3; i += 1) expect(await outcome(() => fast(document, options))).toBe(expected);
    }
  });

  it('over generated proof configurations', async () => {
    const loader = createDocumentLoader();
    const fast = templateCanonize(full);
    const options = { documentLoader: loader };
    const proof = fc.record({
      '@context': fc.constant(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']),
      type: fc.constant('DataIntegrityProof'),
      cryptosuite: fc.constantFrom('eddsa-rdfc-2022', 'eddsa-2022'),
      created: dateTime,
      verificationMethod: iri,
      proofPurpose: fc.constantFrom('assertionMethod', 'authentication'),
    });
    await fc.assert(fc.asyncProperty(proof, async (config) => {
        await breathe();
        expect(await fast(config, options)).toBe(await full(config, options));
      }), { numRuns: 500 });
  }, 300_000);

  it('over every shipped credential and vector (each seen three times)', async () => {
    const loader = createDocumentLoader({ includeExampleContexts: true });
    const fast = templateCanonize(full);
    const options = { documentLoader: loader };
    const directories = [['credentials', 'dcc-verifier-core'], ['credentials', '1edtech-validator', 'ob30'], ['credentials', '1edtech-validator', 'clr20'], ['w3c', 'vc-di-eddsa', 'TestVectors', 'eddsa-rdfc-2022'], ['w3c', 'vc-di-eddsa', 'TestVectors', 'proof-set-chain']];
    let compared = 0;
    for (const directory of directories) {
      for (const file of readdirSync(sharedDataPath(...directory)).filter((f) => f.endsWith('.json'))) {
        const { proof: _proof, ...document } = JSON.parse(readFileSync(sharedDataPath(...directory, file), 'utf8')) as Record<string, unknown>;
        const expected = await outcome(() => full(document, options));
        for (let i = 0; i < 3; i += 1) expect(await outcome(() => fast(document, options)), `${directory.join('/')}/${file}`).toBe(expected);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(60);
  }, 300_000);
});
