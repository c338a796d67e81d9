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

/**
 * How blank nodes are named in a line: as labelled (null), by canonical label (a map), or for a first-degree
 * hash (`_:a` for the reference node, `_:z` for any other). A value rather than a callback: these lines are
 * the hot loop, and they run closure-free.
 */
type Labels = null | ReadonlyMap<string, string> | { reference: string };

const labelOf = (blank: string, labels: Labels): string => {
  if (labels === null) return blank;
  if (labels instanceof Map) return labels.get(blank)!;
  return blank === (labels as { reference: string }).reference ? 'a' : 'z';
};

const part = (t: TermText, labels: Labels): string => ('text' in t ? t.text : `_:${labelOf(t.blank, labels)}`);

/** The quad's N-Quads line (as rdf-canonize's NQuads.serializeQuad writes it) with blank nodes named per `labels`. */
const quadLine = (quad: QuadText, labels: Labels): string => {
  const graph = part(quad[3], labels);
  return `${part(quad[0], labels)} ${part(quad[1], labels)} ${part(quad[2], labels)}${graph === '' ? '' : ` ${graph}`} .\n`;
};

/** The quads as rdf-canonize serializes them, blank node labels as given: equal lines are equal quads. */
export const originalLine = (quad: QuadText): string => quadLine(quad, null);

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
  const labels = { reference: blank };
  const lines: string[] = [];
  for (const quad of quads) lines.push(quadLine(quad, labels));
  lines.sort();
  // One-shot hash of the joined lines: the same UTF-8 bytes as rdf-canonize's update per line, since every
  // line ends in " .\n" and so no surrogate pair straddles two lines.
  return hash('sha256', lines.join(''), 'hex');
};

/**
 * Work remembered between calls by a caller that canonicalizes many datasets sharing most of their terms (a
 * template filled again and again). A hit is decided by object identity of the TermText objects, so the
 * caller must never mutate one it has passed in; every remembered result is a pure function of its key.
 */
export interface FirstDegreeMemo {
  /** Per blank node label: the terms of the quads mentioning it, in order, and their first-degree hash. */
  hashes: Map<string, { terms: readonly TermText[]; hash: string }>;
  /** Per position in the dataset: the quad, its blank nodes' canonical labels and its canonical line. */
  lines: Array<{ quad: QuadText; labels: string; line: string } | undefined>;
}

export const firstDegreeMemo = (): FirstDegreeMemo => ({ hashes: new Map(), lines: [] });

/** The hash of `blank`'s quads, from `memo` when they hold the very same terms as when it was computed. */
const rememberedHash = (blank: string, mentions: QuadText[], memo: FirstDegreeMemo | undefined): string => {
  if (memo === undefined) return firstDegreeHash(blank, mentions);
  const terms = mentions.flat();
  const known = memo.hashes.get(blank);
  // Same term objects in the same order: the same lines, so the same hash.
  if (known !== undefined && known.terms.length === terms.length && known.terms.every((term, i) => term === terms[i])) return known.hash;
  const hash = firstDegreeHash(blank, mentions);
  memo.hashes.set(blank, { terms, hash });
  return hash;
};

const sameQuad = (a: QuadText, b: QuadText): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/** The quad's line with canonical labels, from `memo` when the same terms got the same labels before. */
const canonicalLine = (quad: QuadText, at: number, canonical: ReadonlyMap<string, string>, memo: FirstDegreeMemo | undefined): string => {
  if (memo === undefined) return quadLine(quad, canonical);
  let labels = '';
  for (const term of quad) if ('blank' in term) labels += `${canonical.get(term.blank)!} `;
  const known = memo.lines[at];
  if (known !== undefined && known.labels === labels && sameQuad(known.quad, quad)) return known.line;
  const line = quadLine(quad, canonical);
  memo.lines[at] = { quad, labels, line };
  return line;
};

/**
 * The canonical N-Quads of the dataset when every blank node has a unique first-degree hash; `undefined`
 * when some do not (the caller runs the full algorithm). `memo` (see FirstDegreeMemo) only saves work.
 */
export const canonizeFirstDegree = (quads: readonly QuadText[], memo?: FirstDegreeMemo): string | undefined => {
  const byBlank = quadsByBlankNode(quads);
  if (byBlank === undefined) return undefined;
  const hashes: Array<[hash: string, blank: string]> = [];
  for (const [blank, mentions] of byBlank) {
    // rdf-canonize leaves a label that already starts with the canonical prefix as it is (§4.4.3 step 7).
    if (blank.startsWith('c14n')) return undefined;
    hashes.push([rememberedHash(blank, mentions, memo), blank]);
  }
  // §4.4.3 step 5.4: canonical identifiers in code point order of the (hexadecimal) hashes.
  hashes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += 1) {
    if (i > 0 && hashes[i]![0] === hashes[i - 1]![0]) return undefined;
    canonical.set(hashes[i]![1], `c14n${i}`);
  }
  // §4.4.3 step 7, then the sorted N-Quads serialization (§4.4.3 step 8; rdf-canonize sorts with `sort()`).
  const lines: string[] = [];
  for (let at = 0; at < quads.length; at += 1) lines.push(canonicalLine(quads[at]!, at, canonical, memo));
  return lines.sort().join('');
};
