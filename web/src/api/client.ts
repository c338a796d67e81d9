/**
 * The one way the web app talks to the Tessera API: JSON in and out, the CSRF header on every write,
 * and `application/problem+json` failures turned into an {@link ApiError} carrying the server's stable
 * `code`, so screens branch on codes and show `detail` to people.
 */

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** The problem document's other members (RFC 9457 extensions), e.g. `issues` with the paths of invalid fields. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(options: { code: string; status: number; title: string; detail?: string; extensions?: Record<string, unknown> }) {
    super(options.detail ?? options.title);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail ?? options.title;
    this.extensions = options.extensions ?? {};
  }
}

/** Codes the client itself produces when there is no problem document to read one from. */
export const clientErrorCodes = {
  unreachable: 'client.server_unreachable',
  unexpectedResponse: 'client.unexpected_response',
} as const;

// The session cookie is http-only and same-site; the token the server pairs with it travels in a header
// a cross-site form cannot set. It is held here, not in storage, so it dies with the page.
let csrfToken: string | null = null;

/** Called by the session provider whenever the server hands out a session (sign-in, /me) or ends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let sessionExpiredListener: (() => void) | null = null;

/**
 * Register what to do when the server stops recognising a session we still hold (it expired or was
 * ended elsewhere): the session provider forgets it, and the route guards send the person to sign-in.
 */
export function onSessionExpired(listener: (() => void) | null): void {
  sessionExpiredListener = listener;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const writeMethods: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function request<T>(method: Method, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // A FormData body (file uploads) sets its own multipart content type with the boundary; a file sent
  // as it is (a CSV) carries the type it is given.
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  const isFile = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined && !isForm) headers['content-type'] = isFile ? (contentType ?? 'application/octet-stream') : 'application/json';
  if (writeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? (body as FormData) : isFile ? (body as Blob) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      code: clientErrorCodes.unreachable,
      status: 0,
      title: 'The Tessera server could not be reached',
      detail: 'Check your connection and try again.',
    });
  }
  // A 401 while signed out is expected (/me, a wrong password); only a held session can expire.
  if (response.status === 401 && csrfToken !== null) sessionExpiredListener?.();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  [extension: string]: unknown;
}

async function toApiError(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  const { type: _type, title, status: _status, detail, code, ...extensions } = problem ?? {};
  return new ApiError({
    code: typeof code === 'string' ? code : clientErrorCodes.unexpectedResponse,
    status: response.status,
    title: typeof title === 'string' ? title : response.statusText || 'Request failed',
    detail: typeof detail === 'string' ? detail : undefined,
    extensions,
  });
}

async function readProblem(response: Response): Promise<ProblemDocument | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const parsed: unknown = await response.json();
    return typeof parsed === 'object' && parsed !== null ? (parsed as ProblemDocument) : null;
  } catch {
    return null;
  }
}

/** Typed calls; `T` is the documented response shape of the endpoint (see /openapi.json). */
export const api = {
  get: <T>(path: string): Promise<T> => request<T>('GET', path),
  post: <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body),
  delete: (path: string): Promise<void> => request<void>('DELETE', path),
  /** multipart/form-data (file uploads): put text fields before the file, the server reads them first. */
  postForm: <T>(path: string, form: FormData): Promise<T> => request<T>('POST', path, form),
  /** A file as the request body, unchanged (a CSV the server streams), with its content type. */
  postFile: <T>(path: string, file: Blob, contentType: string): Promise<T> => request<T>('POST', path, file, contentType),
};

/** The sentence to show a person for any failure, API or not. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return 'Something went wrong. Please try again.';
}
