import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import { createDidResolver, isNonPublicHost, type DidResolver, type FetchFunction } from '../credentials/dids/did-resolver.js';
import { invalidInput } from '../errors.js';
import { parseDidWeb } from '../credentials/dids/did-web.js';
import { readLimitedBody } from '../credentials/dids/read-limited-body.js';
import { createTtlCache } from '../credentials/dids/ttl-cache.js';
import type { DidDocument } from '../credentials/dids/did-document.js';
import { createStatusChecker } from '../credentials/status/status-checker.js';
import type { StatusCheckResult } from '../credentials/verify/collaborators.js';
import type { VerificationReport } from '../credentials/verify/verification-report.js';
import { verifyCredential } from '../credentials/verify/verify-credential.js';

export interface VerificationServiceDeps {
  documentLoader: DocumentLoader;
  publicUrl: string;
  clock: () => Date;
  /** This instance's own DID documents and status lists, answered without a network round trip. */
  localDidDocument?: (slug: string) => Promise<DidDocument | undefined>;
  localStatusList?: (slug: string, listId: string) => Promise<Record<string, unknown> | undefined>;
  /** Whether an issuer id is on the trusted registry. */
  isTrustedIssuer: (issuerId: string) => Promise<boolean>;
  fetch?: FetchFunction;
  /** Hosts whose did:web documents may be fetched over plain HTTP or from private addresses (tests, local networks). */
  allowHttpFor?: readonly string[];
  /** Shortest status list accepted (default 8 entries; see below). */
  minimumStatusListEntries?: number;
}

const REMOTE_TIMEOUT_MS = 5_000;
const MAX_DID_DOCUMENT_BYTES = 256 * 1024;
const MAX_FETCHED_BYTES = 2 * 1024 * 1024;
const DID_CACHE_TTL_MS = 5 * 60_000;

/**
 * Verifies credentials from anywhere with the credential engine, giving it this instance's collaborators:
 * its own DIDs and status lists locally (so the embedded default on localhost verifies end to end), and
 * everyone else's over the network with timeouts, size limits and a cache.
 */
export function createVerificationService(deps: VerificationServiceDeps) {
  const fetchFn: FetchFunction = deps.fetch ?? ((url, init) => fetch(url, init));
  const publicUrl = new URL(deps.publicUrl);
  const remoteResolver: DidResolver = createDidResolver({
    fetch: fetchFn,
    timeoutMs: REMOTE_TIMEOUT_MS,
    maxBytes: MAX_DID_DOCUMENT_BYTES,
    cache: createTtlCache({ ttlMs: DID_CACHE_TTL_MS, now: () => deps.clock().getTime(), maxEntries: 1_000 }),
    // This instance's own host may be plain HTTP (the local default): its DIDs must still resolve.
    allowHttpFor: [...(deps.allowHttpFor ?? []), ...(publicUrl.protocol === 'http:' ? [publicUrl.hostname] : [])],
  });

  /** `did:web:<our host>:orgs:<slug>` → that organisation's slug; anything else → undefined. */
  const ownSlug = (did: string): string | undefined => {
    const location = parseDidWeb(did);
    if (!location || location.host !== publicUrl.hostname || String(location.port ?? '') !== publicUrl.port) return undefined;
    const prefix = publicUrl.pathname.replace(/\/$/, '').split('/').filter(Boolean);
    const path = location.path.slice(prefix.length);
    return path.length === 2 && path[0] === 'orgs' ? path[1] : undefined;
  };

  const resolveDid: DidResolver = async (did) => {
    const slug = deps.localDidDocument ? ownSlug(did) : undefined;
    if (slug === undefined || !deps.localDidDocument) return remoteResolver(did);
    const document = await deps.localDidDocument(slug);
    return document ? { document } : { error: { code: 'not_found', message: `${did} is not an organisation of this Tessera instance.` } };
  };

  const allowHttpFor = new Set([...(deps.allowHttpFor ?? []), ...(publicUrl.protocol === 'http:' ? [publicUrl.hostname] : [])]);
  /**
   * Fetches a URL named by untrusted input (a credential's status list, a URL to verify) under the same
   * rules as did:web: https only, and never the server's own network, unless the host is allowed.
   */
  const fetchUntrusted = async (url: string, accept: string): Promise<string> => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalidInput(`"${url}" is not a URL.`);
    }
    const allowed = allowHttpFor.has(parsed.hostname);
    if (!allowed && (parsed.protocol !== 'https:' || isNonPublicHost(parsed.hostname))) {
      throw invalidInput(`${parsed.origin} is not a public https address; Tessera does not fetch from it.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalidInput(`${parsed.protocol} URLs cannot be fetched.`);
    return fetchText(fetchFn, parsed.href, accept);
  };

  const ownStatusList = /^\/orgs\/([a-z0-9-]+)\/status\/([0-9a-f-]{36})$/;
  const fetchStatusList = async (url: string): Promise<unknown> => {
    const parsed = new URL(url);
    const local = deps.localStatusList && parsed.origin === publicUrl.origin ? ownStatusList.exec(parsed.pathname) : null;
    if (local && deps.localStatusList) return deps.localStatusList(local[1]!, local[2]!);
    return JSON.parse(await fetchUntrusted(url, 'application/vc+ld+json, application/ld+json;q=0.9, application/json;q=0.8')) as unknown;
  };

  const checkStatus = createStatusChecker({
    fetchStatusList,
    // A status list is itself a credential: its proof must verify, and it must come from the same issuer.
    verifyStatusListCredential: async (list) => {
      const report = await verifyCredential({ credential: list, documentLoader: deps.documentLoader, clock: deps.clock, resolveDid });
      const proof = report.checks.find((c) => c.id === 'proof');
      return { verified: proof?.outcome === 'pass', ...(proof?.outcome === 'pass' ? {} : { message: proof?.message ?? 'The status list is not signed.' }) };
    },
    now: deps.clock,
    // The spec's 131,072-entry minimum is the issuer's duty (herd privacy); a shorter list still answers
    // correctly, and widely used issuers publish shorter ones (the Digital Credentials Consortium: 100,000),
    // so Tessera reads any whole-byte list rather than call their credentials unverifiable.
    minimumNumberOfEntries: deps.minimumStatusListEntries ?? 8,
  });

  return {
    resolveDid,

    /** The credential published at a URL (JSON or VC-JWT text), fetched under the untrusted-URL rules. */
    fetchCredential: (url: string): Promise<string> => fetchUntrusted(url, 'application/vc+ld+json, application/ld+json, application/json, application/jwt, text/plain;q=0.5'),

    async verify(credential: unknown): Promise<VerificationReport> {
      return verifyCredential({
        credential,
        documentLoader: deps.documentLoader,
        clock: deps.clock,
        resolveDid,
        checkStatus: async (c) => (await checkStatus(c)) as StatusCheckResult[],
        trustedIssuers: deps.isTrustedIssuer,
      });
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;

async function fetchText(fetchFn: FetchFunction, url: string, accept: string): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS), redirect: 'error', headers: { accept } });
  } catch (error) {
    throw invalidInput(`${url} could not be fetched: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!response.ok) throw invalidInput(`${url} answered ${response.status}.`, { upstreamStatus: response.status });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_FETCHED_BYTES) throw invalidInput(`${url} is larger than ${MAX_FETCHED_BYTES} bytes.`);
  const body = await readLimitedBody(response, MAX_FETCHED_BYTES);
  if (!body) throw invalidInput(`${url} is larger than ${MAX_FETCHED_BYTES} bytes.`);
  return new TextDecoder('utf-8').decode(body);
}
