import type { DocumentLoader } from '../contexts/document-loader.js';

/** A JSON scalar: what a template slot holds. */
export type Leaf = string | number | boolean | null;

/**
 * Rebuilds a JSON value, replacing each scalar (in depth-first, key order, `@context` values untouched)
 * with `replace(leaf, index, key)`, `key` being the property the scalar (or its array) is the value of.
 * The one walker behind shapes, slots and sentinels, so their numbering agrees.
 */
export const mapLeaves = (document: unknown, replace: (leaf: Leaf, index: number, key: string | null) => unknown): unknown => {
  let index = 0;
  const walk = (node: unknown, key: string | null): unknown => {
    if (Array.isArray(node)) return node.map((child) => walk(child, key));
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '@context' ? v : walk(v, k)]));
    return replace(node as Leaf, index++, key);
  };
  return walk(document, null);
};

export interface DocumentDescription {
  shape: string;
  leaves: Leaf[];
  /** The context URLs named anywhere in the document, in document order. */
  contextUrls: string[];
  /** True when some `@context` is written inline (an object) rather than named by URL. */
  inlineContext: boolean;
}

/**
 * The document's shape (its structure with every scalar replaced by its JSON type; equal shapes differ only
 * in values), its scalars in `mapLeaves` order, and its contexts, in one pass: this runs on every
 * canonicalization.
 */
export const describeDocument = (document: unknown): DocumentDescription => {
  const leaves: Leaf[] = [];
  const contextUrls = new Set<string>();
  let inlineContext = false;
  let shape = '';
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      shape += '[';
      for (const child of node) walk(child);
      shape += ']';
    } else if (typeof node === 'object' && node !== null) {
      shape += '{';
      for (const [key, value] of Object.entries(node)) {
        shape += `${keyText(key)}:`;
        if (key !== '@context') walk(value);
        else {
          shape += JSON.stringify(value);
          for (const context of [value].flat()) if (typeof context === 'string') contextUrls.add(context); else inlineContext = true;
        }
      }
      shape += '}';
    } else {
      leaves.push(node as Leaf);
      shape += node === null ? 'n' : typeof node === 'string' ? 's' : typeof node === 'number' ? 'd' : typeof node === 'boolean' ? 'b' : '?';
    }
  };
  walk(document);
  return { shape, leaves, contextUrls: [...contextUrls], inlineContext };
};

/** Keys recur across documents of a shape; their JSON text is remembered (boundedly) rather than rebuilt. */
const keyTexts = new Map<string, string>();
const keyText = (key: string): string => {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size >= 4096) keyTexts.clear();
    keyTexts.set(key, (text = JSON.stringify(key)));
  }
  return text;
};

/** Every context URL a document names, at any depth (embedded credentials carry their own). */
export const contextUrlsOf = (document: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(document)) for (const child of document) contextUrlsOf(child, found);
  else if (typeof document === 'object' && document !== null) {
    for (const [key, value] of Object.entries(document)) {
      if (key === '@context') for (const url of [value].flat()) if (typeof url === 'string') found.add(url);
      contextUrlsOf(value, found);
    }
  }
  return found;
};

const termsOf = (context: unknown, terms: Set<string>): void => {
  if (Array.isArray(context)) for (const child of context) termsOf(child, terms);
  else if (typeof context === 'object' && context !== null) {
    for (const [key, value] of Object.entries(context)) {
      if (!key.startsWith('@')) terms.add(key);
      termsOf(value, terms);
    }
  }
};

/**
 * Every term any of the document's contexts defines, scoped contexts included: a value `x:y` whose `x` is
 * one of these may be expanded as a compact IRI, so it is never substituted verbatim.
 */
export const collectTerms = async (document: unknown, documentLoader: DocumentLoader): Promise<Set<string>> => {
  const terms = new Set<string>();
  for (const url of contextUrlsOf(document)) termsOf((await documentLoader(url)).document, terms);
  return terms;
};
