import { hash } from 'node:crypto';
import * as rdfCanonize from 'rdf-canonize';

/**
 * RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) for the common case where every blank node is told apart by
 * its first-degree hash, over quads whose terms are already serialized.
 *
 * rdf-canonize escapes every term again each time it serializes a quad: once per blank node the quad
 * mentions (§4.6 Hash First Degree Quads) and once more for the output (§4.4.3 step 7). Here each term is
 * serialized once, with rdf-canonize's own serializer, and only blank node labels vary between the
 * serializations. When two blank nodes share a first-degree hash the full algorithm would run Hash N-Degree
 * Quads (§4.4.3 step 6); this module then answers `undefined` and the caller runs rdf-canonize.
 * `rdfc-first-degree.test.ts` checks byte-identical output against rdf-canonize over generated datasets.
 */

export type Term = { termType: string; value: string; datatype?: { termType: string; value: string }; language?: string };
export type Quad = { subject: Term; predicate: Term; object: Term; graph: Term };

/**
 * A term as it appears in N-Quads: its text, or for a blank node its label (without `_:`), which
 * canonicalization replaces.
 */
export type TermText = { text: string } | { blank: string };

/** Subject, predicate, object and graph; the default graph has the empty text. */
export type QuadText = readonly [TermText, TermText, TermText, TermText];

const BLANK = { termType: 'BlankNode', value: 'z' };
const DEFAULT_GRAPH = { termType: 'DefaultGraph', value: '' };
/** rdf-canonize writes a blank subject/predicate/object as `_:z`, so the text around the term is known. */
const AFTER_SUBJECT = ' _:z _:z .\n';
const BEFORE_OBJECT = '_:z _:z ';
const AFTER_OBJECT = ' .\n';

/**
 * A term's N-Quads text, cut out of rdf-canonize's serialization of a quad whose other terms are blank
 * nodes, so escaping is always the library's. IRIs serialize alike in every position.
 */
export const termText = (term: Term): TermText => {
  const { NQuads } = rdfCanonize;
  switch (term.termType) {
    case 'BlankNode':
      return { blank: term.value };
    case 'DefaultGraph':
      return { text: '' };
    case 'NamedNode':
      return { text: NQuads.serializeQuad({ subject: term, predicate: BLANK, object: BLANK, graph: DEFAULT_GRAPH }).slice(0, -AFTER_SUBJECT.length) };
    case 'Literal':
      return { text: NQuads.serializeQuad({ subject: BLANK, predicate: BLANK, object: term, graph: DEFAULT_GRAPH }).slice(BEFORE_OBJECT.length, -AFTER_OBJECT.length) };
    default:
      throw new TypeError(`Unexpected RDF term type ${term.termType}.`);
  }
};

/** The quad's N-Quads line (as rdf-canonize's NQuads.serializeQuad writes it) with blank nodes named by `label`. */
export const quadLine = (quad: QuadText, label: (blank: string) => string): string => {
  const part = (t: TermText): string => ('text' in t ? t.text : `_:${label(t.blank)}`);
  const graph = part(quad[3]);
  return `${part(quad[0])} ${part(quad[1])} ${part(quad[2])}${graph === '' ? '' : ` ${graph}`} .\n`;
};

const keep = (label: string): string => label;

/** The quads as rdf-canonize serializes them, blank node labels as given: equal lines are equal quads. */
export const originalLine = (quad: QuadText): string => quadLine(quad, keep);

/** Blank node label → the quads mentioning it, each once (§4.4.3 step 2; predicates are never blank here). */
const quadsByBlankNode = (quads: readonly QuadText[]): Map<string, QuadText[]> | undefined => {
  const byBlank = new Map<string, QuadText[]>();
  for (const quad of quads) {
    if ('blank' in quad[1]) return undefined;
    for (const term of [quad[0], quad[2], quad[3]]) {
      if (!('blank' in term)) continue;
      const list = byBlank.get(term.blank);
      if (list === undefined) byBlank.set(term.blank, [quad]);
      else if (list[list.length - 1] !== quad) list.push(quad);
    }
  }
  return byBlank;
};

/** §4.6 Hash First Degree Quads: the reference node is `_:a`, every other blank node `_:z`. */
const firstDegreeHash = (blank: string, quads: QuadText[]): string => {
  const lines = quads.map((quad) => quadLine(quad, (label) => (label === blank ? 'a' : 'z'))).sort();
  // One-shot hash of the joined lines: the same UTF-8 bytes as rdf-canonize's update per line, since every
  // line ends in " .\n" and so no surrogate pair straddles two lines.
  return hash('sha256', lines.join(''), 'hex');
};

/**
 * The canonical N-Quads of the dataset when every blank node has a unique first-degree hash; `undefined`
 * when some do not (the caller runs the full algorithm).
 */
export const canonizeFirstDegree = (quads: readonly QuadText[]): string | undefined => {
  const byBlank = quadsByBlankNode(quads);
  if (byBlank === undefined) return undefined;
  const hashes: Array<[hash: string, blank: string]> = [];
  for (const [blank, mentions] of byBlank) {
    // rdf-canonize leaves a label that already starts with the canonical prefix as it is (§4.4.3 step 7).
    if (blank.startsWith('c14n')) return undefined;
    hashes.push([firstDegreeHash(blank, mentions), blank]);
  }
  // §4.4.3 step 5.4: canonical identifiers in code point order of the (hexadecimal) hashes.
  hashes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 1) {
    if (i > 0 && hashes[i]![0] === hashes[i - 1]![0]) return undefined;
    canonical.set(hashes[i]![1], `c14n${i}`);
  }
  // §4.4.3 step 7, then the sorted N-Quads serialization (§4.4.3 step 8; rdf-canonize sorts with `sort()`).
  return quads
    .map((quad) => quadLine(quad, (label) => canonical.get(label)!))
    .sort()
    .join('');
};
