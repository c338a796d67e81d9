import { isNonPublicHost, type FetchFunction } from '../../credentials/index.js';
import { readLimitedBody } from '../../credentials/dids/read-limited-body.js';

/** Why a feed page could not be read. Stable values: stored as the subscription's last error code. */
export const FEED_FETCH_ERRORS = {
  notAllowed: 'feeds.host_not_allowed',
  timeout: 'feeds.timeout',
  network: 'feeds.network_error',
  httpStatus: 'feeds.http_status',
  contentType: 'feeds.not_json',
  tooLarge: 'feeds.too_large',
  invalidJson: 'feeds.invalid_json',
  notAFeed: 'feeds.not_a_feed',
} as const;
export type FeedFetchErrorCode = (typeof FEED_FETCH_ERRORS)[keyof typeof FEED_FETCH_ERRORS];

export type FeedFetchResult =
  | { kind: 'page'; body: { items: unknown[]; next: string | null }; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified' }
  | { kind: 'error'; code: FeedFetchErrorCode; message: string };

export interface FeedFetchOptions {
  fetch: FetchFunction;
  timeoutMs: number;
  maxBytes: number;
  /** Hosts that may be reached over plain http or on private addresses (tests, local networks). */
  allowHttpFor: readonly string[];
  etag?: string | null;
  lastModified?: string | null;
}

const failure = (code: FeedFetchErrorCode, message: string): FeedFetchResult => ({ kind: 'error', code, message });
const JSON_TYPES = ['application/json', 'application/ld+json', 'application/feed+json'];

/**
 * Whether Tessera may fetch a feed URL: https to a public host, as for did:web (a subscription URL or a
 * feed's `next` link must not make the server probe its own network), unless the host is allowed.
 */
export const feedUrlProblem = (url: string, allowHttpFor: readonly string[]): string | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `${parsed.protocol} URLs cannot be fetched.`;
  if (allowHttpFor.includes(parsed.hostname)) return undefined;
  if (parsed.protocol !== 'https:') return `${parsed.origin} is not https; feeds are fetched over https only.`;
  if (isNonPublicHost(parsed.hostname)) return `${parsed.hostname} is not a public host; Tessera does not fetch feeds from it.`;
  if (parsed.username || parsed.password) return 'A feed URL must not carry credentials.';
  return undefined;
};

/**
 * Fetches one feed page with a timeout over the whole exchange, conditional headers, and a size limit
 * enforced while streaming: a 50 MB answer is cut off at `maxBytes`, never buffered whole.
 */
export async function fetchFeedPage(url: string, options: FeedFetchOptions): Promise<FeedFetchResult> {
  const problem = feedUrlProblem(url, options.allowHttpFor);
  if (problem) return failure(FEED_FETCH_ERRORS.notAllowed, problem);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json, application/ld+json;q=0.9' };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const response = await options.fetch(url, { signal: controller.signal, redirect: 'error', headers });
    if (response.status === 304) return { kind: 'not-modified' };
    const refused = responseProblem(response, url, options.maxBytes);
    if (refused) {
      await response.body?.cancel().catch(() => undefined);
      return refused;
    }
    const bytes = await readLimitedBody(response, options.maxBytes);
    if (!bytes) return failure(FEED_FETCH_ERRORS.tooLarge, `${url} is larger than ${options.maxBytes} bytes; reading stopped there.`);
    return parsePage(url, bytes, response);
  } catch (error) {
    if (controller.signal.aborted) return failure(FEED_FETCH_ERRORS.timeout, `${url} did not answer completely within ${options.timeoutMs} ms.`);
    return failure(FEED_FETCH_ERRORS.network, `${url} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

const responseProblem = (response: Response, url: string, maxBytes: number): FeedFetchResult | undefined => {
  if (!response.ok) return failure(FEED_FETCH_ERRORS.httpStatus, `${url} answered HTTP ${response.status}.`);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.includes(mediaType)) return failure(FEED_FETCH_ERRORS.contentType, `${url} answered ${mediaType || 'no content type'}, not JSON.`);
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) return failure(FEED_FETCH_ERRORS.tooLarge, `${url} declares ${declared} bytes, over the ${maxBytes}-byte limit.`);
  return undefined;
};

const parsePage = (url: string, bytes: Uint8Array, response: Response): FeedFetchResult => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return failure(FEED_FETCH_ERRORS.invalidJson, `${url} did not answer valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { items?: unknown }).items)) {
    return failure(FEED_FETCH_ERRORS.notAFeed, `${url} answered JSON that is not a catalogue feed page (no "items" list).`);
  }
  const { items, next } = parsed as { items: unknown[]; next?: unknown };
  if (next !== undefined && next !== null && typeof next !== 'string') return failure(FEED_FETCH_ERRORS.notAFeed, `${url} has a "next" that is not a URL.`);
  return { kind: 'page', body: { items, next: typeof next === 'string' ? next : null }, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
};
