/** PostgreSQL's SQLSTATE for a unique violation; node-postgres and PGlite both expose it as `code`. */
const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
