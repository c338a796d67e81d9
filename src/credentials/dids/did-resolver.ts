import type { DidDocument } from './did-document.js';
import { didKeyDocument } from './did-key.js';
import { didWebDocumentUrl, parseDidWeb } from './did-web.js';
import type { Cache } from './ttl-cache.js';
import { readLimitedBody } from './read-limited-body.js';

/** Why a DID did not resolve. Stable values: callers and reports match on them. */
export const DID_RESOLUTION_ERRORS = {
  invalidDid: 'invalid_did',
  methodNotSupported: 'method_not_supported',
  notFound: 'not_found',
  timeout: 'timeout',
  tooLarge: 'too_large',
  contentType: 'unsupported_content_type',
  invalidDocument: 'invalid_document',
  network: 'network_error',
  hostNotAllowed: 'host_not_allowed',
} as const;
export type DidResolutionErrorCode = (typeof DID_RESOLUTION_ERRORS)[keyof typeof DID_RESOLUTION_ERRORS];

export type DidResolutionResult = { document: DidDocument } | { error: { code: DidResolutionErrorCode; message: string } };

/** Resolves a DID (not a DID URL) to its document. Never throws for network or format failures. */
export type DidResolver = (did: string) => Promise<DidResolutionResult>;

/** The slice of WHATWG `fetch` the resolver uses; pass `globalThis.fetch`. */
export type FetchFunction = (
  url: string,
  init: { signal: AbortSignal; redirect: 'error'; headers: Record<string, string> },
) => Promise<Response>;

export interface DidResolverOptions {
  fetch: FetchFunction;
  /** For the whole request, body included. */
  timeoutMs: number;
  /** Largest DID document accepted, in bytes. */
  maxBytes: number;
  cache?: Cache<DidDocument>;
  /**
   * Hosts whose did:web documents are fetched over plain http, e.g. `localhost` for the embedded default
   * and tests. Every other host is https only, as did:web requires.
   */
  allowHttpFor?: readonly string[];
}

// DID Core representations and the JSON types static hosts (GitHub Pages among them) serve did.json as.
const ACCEPTED_MEDIA_TYPES = ['application/did+json', 'application/did+ld+json', 'application/json', 'application/ld+json'];

/**
 * Hosts a credential from outside must not make Tessera contact: loopback, private, link-local (cloud
 * metadata at 169.254.169.254) and carrier-grade NAT addresses, and `localhost` names (RFC 6761). A did:web
 * is attacker-chosen input, so without this check verifying an uploaded credential could probe the
 * server's own network. Only literal addresses and names are caught here; a public name that resolves to a
 * private address needs an egress proxy or a `fetch` that checks the address it connects to.
 */
export const isNonPublicHost = (host: string): boolean => {
  // IPv6 literals (URL hostnames keep their brackets): loopback, unique-local, link-local and mapped v4 all
  // belong to the local network; no public badge service is addressed by an IPv6 literal.
  if (host === 'localhost' || host.endsWith('.localhost') || host.startsWith('[')) return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)?.slice(1).map(Number);
  if (!octets) return false;
  const [a = 0, b = 0] = octets;
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
};

const failure = (code: DidResolutionErrorCode, message: string): DidResolutionResult => ({ error: { code, message } });

export const createDidResolver = (options: DidResolverOptions): DidResolver => async (did) => {
  if (did.startsWith('did:key:')) {
    const document = didKeyDocument(did);
    return document ? { document } : failure(DID_RESOLUTION_ERRORS.invalidDid, `${did} is not an Ed25519 did:key.`);
  }
  if (!did.startsWith('did:web:')) {
    return /^did:[a-z0-9]+:/.test(did)
      ? failure(DID_RESOLUTION_ERRORS.methodNotSupported, `Tessera resolves did:key and did:web, not ${did.split(':', 2).join(':')}.`)
      : failure(DID_RESOLUTION_ERRORS.invalidDid, `${did} is not a DID.`);
  }
  const location = parseDidWeb(did);
  if (!location) return failure(DID_RESOLUTION_ERRORS.invalidDid, `${did} is not a valid did:web.`);
  if (isNonPublicHost(location.host) && !options.allowHttpFor?.includes(location.host)) {
    return failure(DID_RESOLUTION_ERRORS.hostNotAllowed, `${location.host} is not a public host; Tessera does not fetch DID documents from it.`);
  }
  const cached = options.cache?.get(did);
  // A copy, so a caller that changes its document cannot change what the next caller gets.
  if (cached) return { document: structuredClone(cached) };
  const result = await fetchDidDocument(did, didWebDocumentUrl(location, options), options);
  if ('document' in result) options.cache?.set(did, result.document);
  return result;
};

const fetchDidDocument = async (did: string, url: URL, options: DidResolverOptions): Promise<DidResolutionResult> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await options.fetch(url.href, {
      signal: controller.signal,
      // A redirect could lead from https to http or to an internal address; did:web documents are served
      // at their own URL.
      redirect: 'error',
      headers: { accept: 'application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8' },
    });
    const problem = checkResponse(response, url, options.maxBytes);
    if (problem) {
      await response.body?.cancel().catch(() => undefined);
      return problem;
    }
    const body = await readLimitedBody(response, options.maxBytes);
    if (body === undefined) return failure(DID_RESOLUTION_ERRORS.tooLarge, `The DID document at ${url.href} is over ${options.maxBytes} bytes.`);
    return parseDocument(did, url, body);
  } catch (error) {
    if (controller.signal.aborted) {
      return failure(DID_RESOLUTION_ERRORS.timeout, `${url.href} did not answer within ${options.timeoutMs} ms.`);
    }
    return failure(DID_RESOLUTION_ERRORS.network, `${url.href} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
};

const checkResponse = (response: Response, url: URL, maxBytes: number): DidResolutionResult | undefined => {
  if (response.status === 404 || response.status === 410) {
    return failure(DID_RESOLUTION_ERRORS.notFound, `No DID document at ${url.href} (HTTP ${response.status}).`);
  }
  if (!response.ok) return failure(DID_RESOLUTION_ERRORS.network, `${url.href} answered HTTP ${response.status}.`);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_MEDIA_TYPES.includes(mediaType)) {
    return failure(DID_RESOLUTION_ERRORS.contentType, `${url.href} answered ${mediaType || 'no content type'}, not a DID document.`);
  }
  const declaredLength = Number(response.headers.get('content-length') ?? 'NaN');
  if (declaredLength > maxBytes) {
    return failure(DID_RESOLUTION_ERRORS.tooLarge, `The DID document at ${url.href} is ${declaredLength} bytes, over ${maxBytes}.`);
  }
  return undefined;
};

const parseDocument = (did: string, url: URL, body: Uint8Array): DidResolutionResult => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return failure(DID_RESOLUTION_ERRORS.invalidDocument, `The document at ${url.href} is not JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return failure(DID_RESOLUTION_ERRORS.invalidDocument, `The document at ${url.href} is not a JSON object.`);
  }
  const document = parsed as DidDocument;
  // did:web: the document must be about the DID it was fetched for, or one domain could speak for another.
  if (document.id !== did) {
    return failure(DID_RESOLUTION_ERRORS.invalidDocument, `The document at ${url.href} is for ${String(document.id)}, not ${did}.`);
  }
  return { document };
};
