import { looksLikeCompactJws } from '../proof/vc-jwt.js';
import { decodeVcJwt } from './jwt-proof-check.js';
import { INPUT_LIMITS, checkShape, parseJsonWithinLimits } from './input-limits.js';
import type { DecodedJwt } from '../proof/vc-jwt.js';

export type CredentialInput =
  | { format: 'json-ld'; credential: Record<string, unknown> }
  | { format: 'vc-jwt'; credential: Record<string, unknown>; jwt: DecodedJwt }
  | { format: 'json-ld' | 'vc-jwt' | 'unknown'; failure: string };

const asCredential = (value: unknown): CredentialInput =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { format: 'json-ld', credential: value as Record<string, unknown> }
    : { format: 'json-ld', failure: 'The input is not a JSON object, so it is not a credential.' };

/** Accepts a credential object, its JSON text, or a compact VC-JWT; applies the size and depth limits first. */
export const readCredentialInput = (input: unknown): CredentialInput => {
  if (typeof input === 'string') {
    if (input.length > INPUT_LIMITS.maxLength) return { format: 'unknown', failure: `The input is ${input.length} characters long; the limit is ${INPUT_LIMITS.maxLength}.` };
    if (looksLikeCompactJws(input)) {
      const decoded = decodeVcJwt(input);
      if ('error' in decoded) return { format: 'vc-jwt', failure: decoded.error };
      const shape = checkShape(decoded.credential);
      return shape.ok ? { format: 'vc-jwt', credential: decoded.credential, jwt: decoded.decoded } : { format: 'vc-jwt', failure: shape.reason };
    }
    const parsed = parseJsonWithinLimits(input);
    return parsed.ok ? asCredential(parsed.value) : { format: 'json-ld', failure: parsed.reason };
  }
  const shape = checkShape(input);
  return shape.ok ? asCredential(input) : { format: 'json-ld', failure: shape.reason };
};
