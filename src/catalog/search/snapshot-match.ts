import type { Lists } from './search-snapshot.js';

/**
 * Full-text matching over the snapshot's lexemes (search-snapshot.ts), with the semantics of
 * `search_vector @@ query` for what the service builds: lexemes and prefixes (`'manag':*`) joined by & and |.
 * PostgreSQL still normalises the words (to_tsquery: stemming, stop words) and prints the query; this
 * evaluates the printed query. A broad word matches a third of 100,000 entries, and PostgreSQL reading
 * each match's row to return its number (the vectors make the rows wide) took 20 to 40 ms; marking the
 * entries of a few posting lists takes about one.
 */

/** Every lexeme of the index, sorted by code unit (so a prefix's lexemes are one run), with its entries. */
export interface SnapshotLexemes {
  words: string[];
  /** Entry i of `postings` lists the snapshot entries (in no particular order) whose vector holds words[i]. */
  postings: Lists;
}

type Node =
  | { kind: 'term'; lexeme: string; prefix: boolean }
  | { kind: 'and' | 'or'; left: Node; right: Node };

/**
 * Parses PostgreSQL's text form of a tsquery (`( 'manag':* | 'manag' ) & 'data':*`), or returns null for
 * anything beyond lexemes, prefixes, &, | and parentheses (negation, phrases, weights): those are left to
 * PostgreSQL. Precedence as PostgreSQL's: & binds tighter than |.
 */
export function parseTsquery(text: string): Node | null | 'empty' {
  if (text.trim() === '') return 'empty';
  let at = 0;
  const skip = () => {
    while (at < text.length && text[at] === ' ') at += 1;
  };
  const fail = (): never => {
    throw new Unsupported();
  };
  const operand = (): Node => {
    skip();
    if (text[at] === '(') {
      at += 1;
      const inner = or();
      skip();
      if (text[at] !== ')') fail();
      at += 1;
      return inner;
    }
    if (text[at] !== "'") fail();
    at += 1;
    let lexeme = '';
    for (;;) {
      if (at >= text.length) fail();
      const c = text[at]!;
      // Quotes and backslashes inside a lexeme are printed doubled.
      if ((c === "'" || c === '\\') && text[at + 1] === c) {
        lexeme += c;
        at += 2;
      } else if (c === "'") {
        at += 1;
        break;
      } else {
        lexeme += c;
        at += 1;
      }
    }
    let prefix = false;
    if (text[at] === ':') {
      // Only a bare prefix mark; weights (':A', ':*B') restrict which positions match.
      if (text[at + 1] === '*' && (at + 2 >= text.length || text[at + 2] === ' ' || text[at + 2] === ')')) {
        prefix = true;
        at += 2;
      } else fail();
    }
    return { kind: 'term', lexeme, prefix };
  };
  const and = (): Node => {
    let left = operand();
    for (;;) {
      skip();
      if (text[at] !== '&') return left;
      at += 1;
      left = { kind: 'and', left, right: operand() };
    }
  };
  const or = (): Node => {
    let left = and();
    for (;;) {
      skip();
      if (text[at] !== '|') return left;
      at += 1;
      left = { kind: 'or', left, right: and() };
    }
  };
  try {
    const node = or();
    skip();
    return at === text.length ? node : null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

class Unsupported extends Error {}

/** The first index of a sorted array whose word is not below `word`. */
function lowerBound(words: string[], word: string): number {
  let [lo, hi] = [0, words.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Marks (1) the entries of every lexeme a term stands for. */
function markTerm(lexemes: SnapshotLexemes, term: { lexeme: string; prefix: boolean }, out: Uint8Array): void {
  const { words, postings } = lexemes;
  for (let w = lowerBound(words, term.lexeme); w < words.length; w += 1) {
    const word = words[w]!;
    if (term.prefix ? !word.startsWith(term.lexeme) : word !== term.lexeme) break;
    for (let at = postings.start[w]!; at < postings.start[w + 1]!; at += 1) out[postings.values[at]!] = 1;
  }
}

/** A fresh array marking the entries a query node matches. */
function evaluate(lexemes: SnapshotLexemes, node: Node, size: number): Uint8Array {
  if (node.kind === 'term') {
    const out = new Uint8Array(size);
    markTerm(lexemes, node, out);
    return out;
  }
  const left = evaluate(lexemes, node.left, size);
  // A term or-ed in marks the same array.
  if (node.kind === 'or' && node.right.kind === 'term') {
    markTerm(lexemes, node.right, left);
    return left;
  }
  const right = evaluate(lexemes, node.right, size);
  if (node.kind === 'and') for (let e = 0; e < size; e += 1) left[e] = left[e]! & right[e]!;
  else for (let e = 0; e < size; e += 1) left[e] = left[e]! | right[e]!;
  return left;
}

/**
 * The entries (ascending) a normalised tsquery matches, or null when the query is beyond what this
 * evaluates (the caller asks PostgreSQL then). A query of stop words only is empty and matches nothing, as
 * `@@` answers for it.
 */
export function matchLexemes(lexemes: SnapshotLexemes, size: number, normalized: string): Int32Array | null {
  const node = parseTsquery(normalized);
  if (node === null) return null;
  if (node === 'empty') return new Int32Array(0);
  const marks = evaluate(lexemes, node, size);
  let count = 0;
  for (let e = 0; e < size; e += 1) count += marks[e]!;
  const out = new Int32Array(count);
  let n = 0;
  for (let e = 0; e < size; e += 1) if (marks[e] === 1) out[n++] = e;
  return out;
}
