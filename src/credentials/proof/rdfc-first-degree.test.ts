import fc from 'fast-check';
import * as rdfCanonize from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import { canonizeFirstDegree, originalLine, termText, type Quad, type Term } from './rdfc-first-degree.js';

const reference = (quads: Quad[]): Promise<string> => rdfCanonize.canonize(quads, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const named = (value: string): Term => ({ termType: 'NamedNode', value });
const blank = (value: string): Term => ({ termType: 'BlankNode', value });

/** Text that needs N-Quads escaping as often as not: quotes, backslashes, controls, non-BMP, lone surrogates. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', 'a"b', 'back\\slash', 'line\nbreak\r\t', '\u0000\u001f\u007f', '🎓 Café', '\ud800', 'x\udfff', ' .\n'),
);
const iri = fc.oneof(
  fc.constantFrom('http://ex.org/a', 'http://ex.org/b', 'urn:x', 'did:key:z6Mk#z6Mk', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement'),
  text.map((t) => `http://ex.org/${t}`),
);
/** Few labels, so nodes share structure and first-degree hashes collide regularly. */
const blankLabel = fc.constantFrom('b0', 'b1', 'b2', 'b3', 'b4', 'x', 'c14n0', 'c14n7');
const literal: fc.Arbitrary<Term> = fc.oneof(
  text.map((value) => ({ termType: 'Literal', value, datatype: named(XSD_STRING) })),
  fc.tuple(text, fc.constantFrom('en', 'de-CH', 'EN-gb')).map(([value, language]) => ({ termType: 'Literal', value, language, datatype: named(LANG_STRING) })),
  fc.tuple(text, iri).map(([value, datatype]) => ({ termType: 'Literal', value, datatype: named(datatype) })),
);
const subject = fc.oneof(iri.map(named), blankLabel.map(blank));
const object = fc.oneof(iri.map(named), blankLabel.map(blank), literal);
const graph = fc.oneof({ weight: 4, arbitrary: fc.constant<Term>({ termType: 'DefaultGraph', value: '' }) }, { weight: 1, arbitrary: iri.map(named) }, { weight: 1, arbitrary: blankLabel.map(blank) });
const quad: fc.Arbitrary<Quad> = fc.record({ subject, predicate: fc.constantFrom('http://ex.org/p', 'http://ex.org/q', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type').map(named), object, graph });

/** A dataset is a set: each quad once, as toRDF hands it over. */
const dataset = fc.array(quad, { maxLength: 24 }).map((quads) => [...new Map(quads.map((q) => [rdfCanonize.NQuads.serializeQuad(q), q])).values()]);

describe('first-degree RDFC-1.0 is byte-identical to rdf-canonize', () => {
  it('serializes every term exactly as rdf-canonize serializes the quad', () => {
    fc.assert(
      fc.property(quad, (q) => {
        const texts = [q.subject, q.predicate, q.object, q.graph].map(termText) as unknown as Parameters<typeof originalLine>[0];
        expect(originalLine(texts)).toBe(rdfCanonize.NQuads.serializeQuad(q));
      }),
      { numRuns: 5000 },
    );
  });

  it('over generated datasets, answering whenever first-degree hashes tell every blank node apart', async () => {
    let answered = 0;
    const runs = 5000;
    await fc.assert(
      fc.asyncProperty(dataset, async (quads) => {
        const fast = canonizeFirstDegree(quads.map((q) => [termText(q.subject), termText(q.predicate), termText(q.object), termText(q.graph)] as const));
        // Without an answer the caller runs rdf-canonize itself (which may refuse a poison graph).
        if (fast === undefined) return;
        answered += 1;
        expect(fast).toBe(await reference(quads));
      }),
      { numRuns: runs },
    );
    // Both answers and fallbacks must actually occur for the comparison to mean something.
    expect(answered).toBeGreaterThan(runs / 3);
    expect(answered).toBeLessThan(runs);
  }, 120_000);

  it('leaves symmetric blank nodes and labels already in canonical form to the full algorithm', () => {
    const type = named('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
    const dflt: Term = { termType: 'DefaultGraph', value: '' };
    const twins: Quad[] = [
      { subject: blank('b0'), predicate: type, object: named('http://ex.org/T'), graph: dflt },
      { subject: blank('b1'), predicate: type, object: named('http://ex.org/T'), graph: dflt },
    ];
    const texts = (quads: Quad[]) => quads.map((q) => [termText(q.subject), termText(q.predicate), termText(q.object), termText(q.graph)] as const);
    expect(canonizeFirstDegree(texts(twins))).toBeUndefined();
    expect(canonizeFirstDegree(texts([{ ...twins[0]!, subject: blank('c14n3') }]))).toBeUndefined();
  });
});
