/**
 * The one error type of Tessera. Each failure a caller can act on has a stable `code`
 * (`capability.what_went_wrong`) that the API renders as `application/problem+json` and the CLI as a
 * message and exit code. Build errors with a small factory per case, never by formatting the code into a
 * message: callers match on `code`, people read `detail`.
 */
export interface AppErrorOptions {
  /** Stable, machine-readable: `accounts.email_taken`. Declared once, next to its factory. */
  code: string;
  /** HTTP status the API answers with. */
  status: number;
  /** Short, human, the same for every occurrence of this code. */
  title: string;
  /** Human explanation of this occurrence. */
  detail?: string;
  /** Structured extras safe to show the caller (e.g. every failing path of a schema check). */
  extensions?: Record<string, unknown>;
  /** True when this is our fault and should be logged as an error (5xx), not a client mistake. */
  reportable?: boolean;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;
  readonly reportable: boolean;

  constructor(options: AppErrorOptions) {
    super(options.detail ?? options.title, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail ?? options.title;
    this.extensions = options.extensions ?? {};
    this.reportable = options.reportable ?? options.status >= 500;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

// Generic cases shared by every capability. Capability-specific factories live beside their services.

export const invalidInput = (detail: string, extensions?: Record<string, unknown>): AppError =>
  new AppError({ code: 'request.invalid', status: 400, title: 'The request is not valid', detail, ...(extensions ? { extensions } : {}) });

export const unauthenticated = (detail = 'Sign in or send an API token to use this.'): AppError =>
  new AppError({ code: 'auth.unauthenticated', status: 401, title: 'Authentication required', detail });

export const forbidden = (detail = 'You do not have permission to do this.'): AppError =>
  new AppError({ code: 'auth.forbidden', status: 403, title: 'Forbidden', detail });

export const notFound = (code: string, detail: string): AppError =>
  new AppError({ code, status: 404, title: 'Not found', detail });

export const conflict = (code: string, detail: string, extensions?: Record<string, unknown>): AppError =>
  new AppError({ code, status: 409, title: 'Conflict', detail, ...(extensions ? { extensions } : {}) });
