import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import type { DocumentLoader } from '../contexts/document-loader.js';
import { collectTerms, describeDocument, mapLeaves, type Leaf } from './document-shape.js';
import { canonizeFirstDegree, firstDegreeMemo, originalLine, termText, type FirstDegreeMemo, type Quad, type QuadText, type Term, type TermText } from './rdfc-first-degree.js';

/**
 * RDFC-1.0 canonical N-Quads without running JSON-LD expansion on every document.
 *
 * Expansion (`jsonld.toRDF`) costs ~3.5 ms for an Open Badge, while canonicalizing the resulting ~60 quads
 * costs ~0.15 ms, and Tessera signs and verifies many documents of few shapes. For a shape (the JSON
 * structure with its values removed) seen before, the quads are a template: toRDF runs with a sentinel in
 * each string value to learn where each lands, and afterwards the template is filled with the document's
 * own values. The filled dataset is canonicalized by RDFC-1.0 over terms serialized once
 * (rdfc-first-degree.ts), or by rdf-canonize itself when blank nodes need more than first-degree hashes.
 *
 * Substituting is safe only where a value cannot change anything but its own term:
 * - a value that lands as a literal is copied verbatim (JSON-LD never rewrites string literals), keeping
 *   the datatype or language the template run gave it;
 * - a value that lands as an IRI (`@id` coercion) is substituted only when it is an absolute IRI whose
 *   scheme is not a term of the contexts in use (else JSON-LD expands it as a compact IRI) and has no
 *   character N-Quads cannot carry; otherwise the document takes the full algorithm;
 * - every other value (types, `@vocab`-coerced enumerations, numbers, booleans, JSON literals) is part of
 *   the template's key. Types are among them, so type-scoped contexts are always the template's.
 * Anything unexpected while learning (a sentinel inside a longer value, a safe-mode error, a classification
 * that does not settle) leaves the document to the full algorithm. `template-canonize.test.ts` checks
 * byte-identical output against jsonld + rdf-canonize over generated credentials and every fixture.
 */

/** A term whose value is slot `slot`'s; `base` carries the term type, datatype and language. */
type SlotTerm = { slot: number; base: Term };
type TemplateTerm = Term | SlotTerm;
type SlotKind = 'literal' | 'iri' | 'fixed';
/** A template term as N-Quads: fixed terms are serialized once, when the template is compiled. */
type TemplateText = TermText | SlotTerm;

interface Template {
  kinds: SlotKind[];
  quads: Array<[TemplateTerm, TemplateTerm, TemplateTerm, TemplateTerm]>;
  texts: Array<readonly TemplateText[]>;
  /** Per quad: whether some other quad could become equal to it once filled (see mayCoincide). */
  mayRepeat: boolean[];
  terms: ReadonlySet<string>;
  /**
   * Work remembered from the last fill, which the next document of the template mostly repeats (a bulk job
   * embeds one Achievement in every credential): each slot's serialized term for the value it last held,
   * and the first-degree hashes of blank nodes whose quads kept the same terms. Both are pure functions of
   * what they are keyed by, so a hit gives exactly what computing afresh would.
   */
  lastSlotText: Map<number, { value: Leaf; text: TermText }>;
  firstDegree: FirstDegreeMemo;
}

export type Canonize = (input: unknown, options: Record<string, unknown>) => Promise<string>;

const SENTINEL_PREFIX = 'urn:tessera-slot:';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SENTINEL_LIKE = /urn:tessera-slot:|tesseraslot\d+x/;
const sentinel = (i: number): string => `${SENTINEL_PREFIX}${i}`;
const relativeSentinel = (i: number): string => `tesseraslot${i}x`;
/** Bound on what is remembered per loader, so hostile inputs cannot grow memory without limit. */
const MAX_ENTRIES = 512;
/** A shape is learned the second time it is seen: a one-off document never pays for learning. */
const LEARN_AFTER = 2;
const MAX_CLASSIFY_ROUNDS = 4;
const MAX_TEMPLATES_PER_SHAPE = 8;

const toRdf = async (document: unknown, documentLoader: DocumentLoader, safe: boolean): Promise<Quad[]> =>
  (await jsonld.toRDF(document, { base: null, rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false, documentLoader, safe })) as Quad[];

/**
 * For each slot, how its sentinel shows up in a toRDF result: the term types where the sentinel is the
 * whole value, plus `embedded` when it occurs inside a longer value (a vocabulary-expanded IRI, a JSON
 * literal): then the value is transformed, not copied.
 */
const sentinelUses = (quads: Quad[], pattern: RegExp, whole: (slot: number) => string): Map<number, Set<string>> => {
  const uses = new Map<number, Set<string>>();
  const note = (slot: number, use: string) => uses.set(slot, (uses.get(slot) ?? new Set()).add(use));
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object, quad.graph, quad.object.datatype]) {
      if (term === undefined) continue;
      for (const match of term.value.matchAll(pattern)) {
        const slot = Number(match[1]);
        // A type picks type-scoped contexts (JSON-LD 1.1 §4.1.8), changing how everything under it expands.
        const isType = term === quad.object && quad.predicate.value === RDF_TYPE;
        note(slot, isType ? 'type' : term.value === whole(slot) ? term.termType : 'embedded');
      }
    }
  }
  return uses;
};

const only = (uses: Set<string> | undefined, termType: string): boolean => uses?.size === 1 && uses.has(termType);

/**
 * One classification round: fixed slots hold their real values, the others an absolute then a relative
 * sentinel. A relative `@id` drops its whole node (base is null), hiding the literals under it; so literals
 * are confirmed by a third run in which the IRI candidates hold absolute sentinels, as filling requires.
 */
const classifyOnce = async (document: unknown, leaves: Leaf[], fixed: SlotKind[], documentLoader: DocumentLoader, terms: ReadonlySet<string>): Promise<SlotKind[]> => {
  const probe = (mark: (i: number) => string) => mapLeaves(document, (leaf, i) => (typeof leaf === 'string' && fixed[i] !== 'fixed' ? mark(i) : leaf));
  const [absolute, relative] = await Promise.all([toRdf(probe(sentinel), documentLoader, false), toRdf(probe(relativeSentinel), documentLoader, false)]);
  const inAbsolute = sentinelUses(absolute, /urn:tessera-slot:(\d+)/g, sentinel);
  const inRelative = sentinelUses(relative, /tesseraslot(\d+)x/g, relativeSentinel);
  // @id coercion: kept verbatim when absolute, dropped when relative.
  const iriCandidate = (i: number) => only(inAbsolute.get(i), 'NamedNode') && inRelative.get(i) === undefined;
  const inLiteralRun = sentinelUses(await toRdf(probe((i) => (iriCandidate(i) ? sentinel(i) : relativeSentinel(i))), documentLoader, false), /tesseraslot(\d+)x/g, relativeSentinel);
  return leaves.map((leaf, i): SlotKind => {
    if (typeof leaf !== 'string' || fixed[i] === 'fixed') return 'fixed';
    const a = inAbsolute.get(i);
    const r = inRelative.get(i);
    if (only(a, 'Literal') && (r === undefined || only(r, 'Literal')) && only(inLiteralRun.get(i), 'Literal')) return 'literal';
    // A value the template could not fill verbatim (`assertionMethod` under `@vocab` coercion is a term)
    // would send every document to the full algorithm: such a value is part of the key instead.
    if (iriCandidate(i)) return isVerbatimIri(leaf, terms) ? 'iri' : 'fixed';
    return 'fixed';
  });
};

/** Keys that are `@type` in every context Tessera bundles (VC 2.0, OB 3.0 and CLR 2.0 alias `type`). */
const TYPE_KEYS: ReadonlySet<string> = new Set(['type', '@type']);

/**
 * Repeats classification with newly fixed values in place until nothing changes (types can bring scoped contexts).
 * Values under a type key start fixed: with sentinels for types, the type-scoped contexts that define most
 * terms (VC 2.0's `VerifiableCredential` scopes `credentialSubject`, `issuer`, `validFrom`) do not apply,
 * the other sentinels vanish from the output, and a slot once fixed stays fixed — every value of an Open
 * Badge embedding an Achievement then became part of the template's key and no template was ever reused.
 * A type under another alias is still found by its `rdf:type` use and fixed in the next round.
 */
const classify = async (document: unknown, leaves: Leaf[], documentLoader: DocumentLoader, terms: ReadonlySet<string>): Promise<SlotKind[] | undefined> => {
  const typed = new Set<number>();
  mapLeaves(document, (leaf, i, key) => (key !== null && TYPE_KEYS.has(key) && typed.add(i), leaf));
  let kinds: SlotKind[] = leaves.map((leaf, i) => (typeof leaf === 'string' && !typed.has(i) ? 'literal' : 'fixed'));
  for (let round = 0; round < MAX_CLASSIFY_ROUNDS; round += 1) {
    const next = await classifyOnce(document, leaves, kinds, documentLoader, terms);
    if (next.every((kind, i) => kind === kinds[i])) return kinds;
    kinds = next;
  }
  return undefined;
};

const templateTerm = (term: Term, slotOf: ReadonlyMap<string, number>): TemplateTerm | undefined => {
  const slot = slotOf.get(term.value);
  if (slot !== undefined) return { slot, base: term };
  // A sentinel inside a longer value means the value was transformed, not copied: not templatable.
  if (term.value.includes(SENTINEL_PREFIX) || term.datatype?.value.includes(SENTINEL_PREFIX)) return undefined;
  return term;
};

/**
 * Whether two template quads can serialize alike once filled: every position either holds a slot (any
 * value may land there) or the same serialized term. Quads that cannot are never compared when filling.
 */
const mayCoincide = (a: readonly TemplateText[], b: readonly TemplateText[]): boolean =>
  a.every((x, k) => {
    const y = b[k]!;
    if ('slot' in x || 'slot' in y) return true;
    return 'text' in x ? 'text' in y && x.text === y.text : 'blank' in y && x.blank === y.blank;
  });

const compile = async (document: unknown, leaves: Leaf[], documentLoader: DocumentLoader): Promise<Template | undefined> => {
  const terms = await collectTerms(document, documentLoader);
  const kinds = await classify(document, leaves, documentLoader, terms);
  if (kinds === undefined) return undefined;
  const slotOf = new Map<string, number>();
  const skeleton = mapLeaves(document, (leaf, i) => (kinds[i] === 'fixed' ? leaf : (slotOf.set(sentinel(i), i), sentinel(i))));
  let quads: Quad[];
  try {
    quads = await toRdf(skeleton, documentLoader, true);
  } catch {
    return undefined;
  }
  const compiled: Template['quads'] = [];
  for (const quad of quads) {
    const terms = [quad.subject, quad.predicate, quad.object, quad.graph].map((t) => templateTerm(t, slotOf));
    if (terms.some((t) => t === undefined)) return undefined;
    compiled.push(terms as Template['quads'][number]);
  }
  const texts = compiled.map((quad) => quad.map((t) => ('slot' in t ? t : termText(t))));
  const mayRepeat = texts.map((quad, i) => texts.some((other, j) => i !== j && mayCoincide(quad, other)));
  return { kinds, quads: compiled, texts, mayRepeat, terms, lastSlotText: new Map(), firstDegree: firstDegreeMemo() };
};

/** Absolute IRI that JSON-LD keeps verbatim in an @id position and N-Quads can carry. */
const isVerbatimIri = (value: Leaf, terms: ReadonlySet<string>): boolean => {
  // \s is JavaScript's (Unicode) whitespace, as in jsonld's own absolute-IRI test; control characters and
  // the characters N-Quads forbids in IRIs also send the document to the full algorithm.
  const match = typeof value === 'string' ? /^([A-Za-z][A-Za-z0-9+.-]*):[^\s\u0000-\u001f<>"{}|^`\\]*$/u.exec(value) : null;
  // `@vocab`-coerced positions also look like IRIs here; there a value that is itself a term is replaced.
  return match !== null && !terms.has(match[1]!) && !terms.has(value as string);
};

interface Filled {
  /** The dataset, each quad once, as serialized terms. */
  texts: QuadText[];
  /** The same dataset as RDF/JS quads, for rdf-canonize when the first-degree path does not apply. */
  quads: () => Quad[];
  /** The template's first-degree hashes from earlier fills. */
  memo: FirstDegreeMemo;
}

const fill = (template: Template, leaves: Leaf[]): Filled | undefined => {
  const { lastSlotText } = template;
  // A value a slot held in an earlier fill passed this check then (only a fill that passes stores values).
  if (template.kinds.some((kind, i) => kind === 'iri' && lastSlotText.get(i)?.value !== leaves[i] && !isVerbatimIri(leaves[i]!, template.terms))) return undefined;
  const term = (t: TemplateTerm): Term => ('slot' in t ? { ...t.base, value: leaves[t.slot] as string } : t);
  const text = (t: TemplateText): TermText => {
    if (!('slot' in t)) return t;
    const last = lastSlotText.get(t.slot);
    // A slot's base term is fixed by the template, so its text depends on the value alone.
    if (last !== undefined && last.value === leaves[t.slot]) return last.text;
    const filled = termText(term(t));
    lastSlotText.set(t.slot, { value: leaves[t.slot]!, text: filled });
    return filled;
  };
  // An RDF dataset is a set: two values naming the same IRI make one node (JSON-LD merges node objects),
  // so quads that become equal after filling are kept once, as toRDF does.
  const seen = new Set<string>();
  const kept: number[] = [];
  const texts: QuadText[] = [];
  template.texts.forEach((pieces, i) => {
    const quad = pieces.map(text) as unknown as QuadText;
    if (template.mayRepeat[i]) {
      const line = originalLine(quad);
      if (seen.has(line)) return;
      seen.add(line);
    }
    kept.push(i);
    texts.push(quad);
  });
  const quads = () => kept.map((i) => {
    const [s, p, o, g] = template.quads[i]!;
    return { subject: term(s), predicate: term(p), object: term(o), graph: term(g) };
  });
  return { texts, quads, memo: template.firstDegree };
};

interface LearnedTemplate extends Template {
  /** The values the template cannot substitute, by leaf index, as learned. */
  fixed: ReadonlyArray<[index: number, value: Leaf]>;
}

/** True when the document holds the template's fixed values (JSON scalars: `===` is JSON equality). */
const fits = (template: LearnedTemplate, leaves: Leaf[]): boolean => {
  for (const [i, value] of template.fixed) if (leaves[i] !== value) return false;
  return true;
};

interface LoaderCache {
  /** How often each shape was seen before it was learned. */
  sightings: Map<string, number>;
  /** Shapes whose learning failed: they always take the full algorithm. */
  unlearnable: Set<string>;
  /** shape → templates learned for it, one per set of fixed values. */
  templates: Map<string, LearnedTemplate[]>;
}

const caches = new Map<string, LoaderCache>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/**
 * Templates are valid for the exact context documents they were learned with. Loaders are wrapped anew
 * on every call (jsonld-signatures does), so the cache is keyed by the identity of the context documents
 * the loader hands out for the document's context URLs; a loader that copies its documents never matches.
 */
const cacheFor = async (contextUrls: string[], documentLoader: DocumentLoader): Promise<LoaderCache | undefined> => {
  const ids: number[] = [];
  for (const url of contextUrls) {
    const { document } = await documentLoader(url);
    if (typeof document !== 'object' || document === null || !Object.isFrozen(document)) return undefined;
    let id = objectIds.get(document);
    if (id === undefined) objectIds.set(document, (id = nextObjectId++));
    ids.push(id);
  }
  const key = ids.join(',');
  let cache = caches.get(key);
  if (cache === undefined) {
    if (caches.size > MAX_ENTRIES) caches.clear();
    caches.set(key, (cache = { sightings: new Map(), unlearnable: new Set(), templates: new Map() }));
  }
  for (const map of [cache.sightings, cache.templates, cache.unlearnable]) if (map.size > MAX_ENTRIES) map.clear();
  return cache;
};

const learn = async (cache: LoaderCache, shape: string, document: unknown, leaves: Leaf[], documentLoader: DocumentLoader, onLearn?: () => void): Promise<LearnedTemplate | undefined> => {
  const sightings = (cache.sightings.get(shape) ?? 0) + 1;
  cache.sightings.set(shape, sightings);
  if (sightings < LEARN_AFTER || cache.unlearnable.has(shape)) return undefined;
  // A document that already holds sentinel-like text (as a value, key or type) would be misread while
  // learning: never learn from it.
  if (SENTINEL_LIKE.test(JSON.stringify(document))) return undefined;
  onLearn?.();
  const template = await compile(document, leaves, documentLoader);
  if (template === undefined) {
    cache.unlearnable.add(shape);
    return undefined;
  }
  const fixed = template.kinds.flatMap((kind, i): Array<[number, Leaf]> => (kind === 'fixed' ? [[i, leaves[i]!]] : []));
  const learned = { ...template, fixed };
  // Bounded per shape too: a slot that varies but had to stay fixed would otherwise add a template per document.
  cache.templates.set(shape, [learned, ...(cache.templates.get(shape) ?? []).slice(0, MAX_TEMPLATES_PER_SHAPE - 1)]);
  return learned;
};

/**
 * Wraps a cryptosuite's `canonize` (jsonld.toRDF + RDFC-1.0) with the template path above; anything the
 * template path does not handle goes to `full`, unchanged. `onLearn` is told of each template compiled
 * (tests assert that documents of one shape share a template instead of each being learned).
 */
export const templateCanonize = (full: Canonize, hooks: { onLearn?: () => void } = {}): Canonize => async (input, options) => {
  const documentLoader = options.documentLoader as DocumentLoader | undefined;
  // Templates are learned with exactly these options; any other set (no safe mode, own event handlers, a
  // base IRI) takes the full algorithm.
  const standard =
    (options.base ?? null) === null && options.skipExpansion !== true && options.safe !== false && options.eventHandler === undefined && (options.rdfDirection ?? 'i18n-datatype') === 'i18n-datatype';
  // Inline contexts are not templated: the compact-IRI guard knows only the terms of contexts named by URL.
  if (documentLoader === undefined || !standard || typeof input !== 'object' || input === null || Array.isArray(input)) return full(input, options);
  const { shape, leaves, contextUrls, inlineContext } = describeDocument(input);
  if (inlineContext) return full(input, options);
  const cache = await cacheFor(contextUrls, documentLoader).catch(() => undefined);
  if (cache === undefined) return full(input, options);
  const template = cache.templates.get(shape)?.find((t) => fits(t, leaves)) ?? (await learn(cache, shape, input, leaves, documentLoader, hooks.onLearn));
  const filled = template === undefined ? undefined : fill(template, leaves);
  if (filled === undefined) return full(input, options);
  return canonizeFirstDegree(filled.texts, filled.memo) ?? rdfCanonize.canonize(filled.quads(), { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
};
