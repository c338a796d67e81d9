import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { buildOpenBadgeCredential } from '../issue/open-badge-credential.js';
import { templateCanonize } from './template-canonize.js';

/**
 * The credentials bulk issuance signs: the catalogue's Achievement embedded as served (creator Profile,
 * criteria, ESCO/NOC/CIP alignments with `ext:` types, outcomes with their own alignments, credits), a
 * salted email hash, per-row evidence and results, and a Bitstring Status List entry. Every per-learner
 * value varies from one document to the next. Before the classification fix these were each learned
 * afresh (types stood as sentinels, so the VC 2.0 type-scoped terms vanished and every slot was fixed):
 * byte-identical, yet 40 ms each. This checks both that the output is the reference's and that one
 * template per shape serves every document.
 */
const full = (input: unknown, options: Record<string, unknown>) => eddsaRdfc2022.canonize(input, options);
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.constantFrom('Café ® 🎓', 'line\nbreak "quoted" \\ back', ' '));
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const dateTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
const base = fc.constantFrom('http://localhost:4997', 'https://tessera.example.ac.uk', 'https://badges.example:8443/t');

const alignment = fc.record({
  type: fc.constant(['Alignment']),
  targetUrl: fc.webUrl(),
  targetCode: fc.oneof(fc.uuid(), hex(5)),
  targetName: text,
  targetType: fc.constantFrom('ext:ESCOSkill', 'ext:ESCOOccupation', 'ext:NOCUnitGroup', 'ext:CIPProgram', 'ext:EQFLevel'),
  targetFramework: fc.constantFrom('ESCO', 'NOC 2021', 'European Qualifications Framework'),
});

/** A published version as the catalogue serves it; a job embeds one such document in all its credentials. */
const achievementDocument = fc.record({ host: base, slug: fc.constantFrom('org-a', 'northbridge'), name: text, description: text, narrative: text, alignments: fc.array(alignment, { minLength: 1, maxLength: 3 }), outcomes: fc.array(fc.tuple(text, alignment), { minLength: 1, maxLength: 3 }), credits: fc.constantFrom(0.5, 1, 12) }).map((a) => {
  const id = `${a.host}/orgs/${a.slug}/achievements/skill/versions/1`;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id,
    type: ['Achievement'],
    name: a.name,
    creator: { id: `did:web:${a.host.replace(/^https?:\/\//, '').replace(':', '%3A').replace(/\//g, ':')}:orgs:${a.slug}`, url: 'https://college.example', name: a.name, type: ['Profile'], description: a.description },
    version: '1',
    criteria: { id: `${id}#criteria`, narrative: a.narrative },
    alignment: a.alignments,
    humanCode: 'NBC-MC-1',
    inLanguage: 'en',
    description: a.description,
    fieldOfStudy: a.name,
    achievementType: 'MicroCredential',
    creditsAvailable: a.credits,
    resultDescription: a.outcomes.map(([name, aligned], n) => ({ id: `${id}#outcome-o${n + 1}`, name, type: ['ResultDescription'], alignment: [aligned], resultType: 'Status' })),
  };
});

/** What varies per row of a job: the learner, the evidence, the status entry, the dates. */
const row = fc.record({ id: fc.uuid(), email: fc.emailAddress(), salt: hex(32), evidence: fc.webUrl(), listId: fc.uuid(), index: fc.nat(131_071), validFrom: dateTime, status: fc.constantFrom('Completed', 'Provisional') });
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;
/** The structures a job's rows take: with or without evidence, some outcomes reported. */
const profile = fc.record({ evidence: fc.boolean(), results: fc.nat(2) });

const credential = (document: Record<string, unknown>, shape: { evidence: boolean; results: number }, r: Row) => {
  const host = String(document.id).split('/orgs/')[0];
  const list = `${host}/orgs/x/status/${r.listId}`;
  const outcomes = (document.resultDescription as Array<{ id: string }>).slice(0, shape.results);
  return buildOpenBadgeCredential({
    id: `urn:uuid:${r.id}`,
    issuer: { id: String((document.creator as { id: string }).id), name: 'Northbridge College', url: 'https://college.example' },
    learner: { email: r.email, salt: r.salt },
    achievement: { document },
    result: outcomes.map((o) => ({ resultDescription: o.id, status: r.status })),
    evidence: shape.evidence ? [{ id: r.evidence }] : [],
    validFrom: r.validFrom,
    validUntil: '2099-12-31T00:00:00.000Z',
    credentialStatus: [{ id: `${list}#${r.index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(r.index), statusListCredential: list }],
  });
};

describe('template canonicalization of credentials as bulk issuance signs them', () => {
  it.each([1, 2, 3])('is byte-identical to the reference and learns one template per shape (batch %i of 3)', async () => {
    const loader = createDocumentLoader();
    let fallbacks = 0;
    let learned = 0;
    const fast = templateCanonize((document, options) => ((fallbacks += 1), full(document, options)), { onLearn: () => (learned += 1) });
    const options = { documentLoader: loader };
    const [document] = fc.sample(achievementDocument, 1);
    const runs = 400;
    await fc.assert(
      fc.asyncProperty(profile, row, async (shape, r) => {
        const signed = credential(document!, shape, r);
        await breathe();
        expect(await fast(signed, options)).toBe(await full(signed, options));
      }),
      { numRuns: runs },
    );
    // Six structures (evidence or not, 0–2 results); a first sighting of each takes the full algorithm.
    expect(learned).toBeLessThanOrEqual(6);
    expect(fallbacks).toBeLessThanOrEqual(6);
  }, 300_000);

  it('serves the proof configurations signing hashes beside them from one template (a term under @vocab stays in the key)', async () => {
    const loader = createDocumentLoader();
    let fallbacks = 0;
    let learned = 0;
    const fast = templateCanonize((document, options) => ((fallbacks += 1), full(document, options)), { onLearn: () => (learned += 1) });
    const options = { documentLoader: loader };
    const config = fc.record({ created: dateTime.map((d) => d.replace(/\.\d{3}Z$/, 'Z')), key: fc.string({ unit: fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'), minLength: 44, maxLength: 48 }), host: base });
    await fc.assert(
      fc.asyncProperty(config, async ({ created, key, host }) => {
        const proof = {
          '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          created,
          verificationMethod: `did:web:${host.replace(/^https?:\/\//, '').replace(/[:/]/g, '%3A')}:orgs:x#z6Mk${key}`,
          proofPurpose: 'assertionMethod',
        };
        await breathe();
        expect(await fast(proof, options)).toBe(await full(proof, options));
      }),
      { numRuns: 300 },
    );
    expect(learned).toBe(1);
    expect(fallbacks).toBe(1);
  }, 300_000);

  it('is byte-identical across jobs for different Achievements', async () => {
    const loader = createDocumentLoader();
    const fast = templateCanonize(full);
    const options = { documentLoader: loader };
    await fc.assert(
      fc.asyncProperty(achievementDocument, profile, fc.array(row, { minLength: 3, maxLength: 3 }), async (document, shape, rows) => {
        for (const r of rows) {
          const signed = credential(document, shape, r);
          await breathe();
          expect(await fast(signed, options)).toBe(await full(signed, options));
        }
      }),
      { numRuns: 150 },
    );
  }, 300_000);
});
