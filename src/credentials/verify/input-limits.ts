/**
 * Limits applied before any JSON-LD processing. Expansion and canonicalization cost grows with size and
 * nesting, and RDFC-1.0 has worst cases far beyond linear (poison graphs), so an attacker-supplied document
 * must be small and shallow before it reaches them.
 */
export const INPUT_LIMITS = {
  /** Characters of JSON (or of a compact JWT). A CLR with images inlined as data URLs stays below this. */
  maxLength: 2 * 1024 * 1024,
  maxDepth: 48,
  /** Objects, arrays and scalars counted together. */
  maxNodes: 100_000,
} as const;

export type ParsedInput = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses JSON text within the limits; never throws. */
export const parseJsonWithinLimits = (text: string): ParsedInput => {
  if (text.length > INPUT_LIMITS.maxLength) {
    return { ok: false, reason: `The document is ${text.length} characters long; the limit is ${INPUT_LIMITS.maxLength}.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `The document is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  return checkShape(value);
};

/**
 * Walks a value iteratively (no recursion, so deep nesting cannot overflow the stack) and checks depth,
 * node count and total string length. Cycles are caught by the node limit.
 */
export const checkShape = (value: unknown): ParsedInput => {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  let nodes = 0;
  let characters = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > INPUT_LIMITS.maxNodes) return { ok: false, reason: `The document has more than ${INPUT_LIMITS.maxNodes} values.` };
    if (depth > INPUT_LIMITS.maxDepth) return { ok: false, reason: `The document nests deeper than ${INPUT_LIMITS.maxDepth} levels.` };
    if (typeof node === 'string') characters += node.length;
    else if (typeof node === 'object' && node !== null) {
      const children = Array.isArray(node) ? node : Object.entries(node).map(([key, child]) => ((characters += key.length), child));
      for (const child of children) stack.push({ node: child, depth: depth + 1 });
    } else if (typeof node === 'function' || typeof node === 'symbol' || typeof node === 'bigint') {
      return { ok: false, reason: `The document holds a ${typeof node}, which JSON cannot.` };
    }
    if (characters > INPUT_LIMITS.maxLength) return { ok: false, reason: `The document's text exceeds ${INPUT_LIMITS.maxLength} characters.` };
  }
  return { ok: true, value };
};
