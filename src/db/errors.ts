/** PostgreSQL's SQLSTATE for a unique violation; node-postgres and PGlite both expose it as `code`. */
const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

// Connection-level failures (server gone, refused, shut down, pool closed): the request cannot be served
// now but may be later, so callers answer 503 rather than a generic 500.
const UNAVAILABLE_SQLSTATE_PREFIXES = ['08', '57P'];
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATE_PREFIXES.some((p) => code.startsWith(p)))) return true;
  const message = error instanceof Error ? error.message : '';
  return /driver has already been destroyed|Connection terminated|timeout exceeded when trying to connect|PGlite is closed/i.test(message);
}
