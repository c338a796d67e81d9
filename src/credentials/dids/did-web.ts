/**
 * did:web identifiers and the URLs of their documents, both ways.
 * @see https://w3c-ccg.github.io/did-method-web/#create-register
 *
 * DID → URL: drop `did:web:`, split the rest at `:`, percent-decode each part; the first part is the host
 * (with `%3A` for a port's colon), the others are path segments. No path → `/.well-known/did.json`,
 * else `/<path>/did.json`. The scheme is https, except for hosts the caller allows over plain http.
 *   did:web:example.org                          → https://example.org/.well-known/did.json
 *   did:web:localhost%3A3000:orgs:northbridge    → http://localhost:3000/orgs/northbridge/did.json
 * URL → DID is the reverse; Tessera's organisation DIDs are the public URL plus `/orgs/<slug>`.
 */
const DID_WEB_PREFIX = 'did:web:';
const DOCUMENT_NAME = 'did.json';
const WELL_KNOWN_PATH = ['.well-known'];
/** Host names as did:web allows them: DNS names or IPv4 (IDN in punycode, as URL parsing gives them). */
const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * A host did:web can carry: it fits the pattern and URL parsing keeps it as it is. The second test turns away
 * what the pattern lets through but URL parsing refuses or rewrites: broken punycode (`xn--a`) and numbers
 * it reads as IPv4 (`0x7f`, `1.2`), which would otherwise fail only when the document is fetched.
 */
const isUsableHost = (host: string): boolean => {
  if (!HOST_PATTERN.test(host)) return false;
  try {
    return new URL(`https://${host}/`).hostname === host;
  } catch {
    return false;
  }
};

export interface DidWebLocation {
  /** Host name, without the port. */
  host: string;
  port?: number;
  /** Decoded path segments; empty for a bare domain DID. */
  path: string[];
}

const encodeHost = (location: DidWebLocation) =>
  location.port === undefined ? location.host : `${location.host}%3A${location.port}`;

/** The did:web of a location. Throws `TypeError` for a host or path did:web cannot carry. */
export const didWebFromLocation = (location: DidWebLocation): string => {
  if (!isUsableHost(location.host)) throw new TypeError(`"${location.host}" is not a host name did:web can use.`);
  if (location.path.some((segment) => segment === '')) throw new TypeError('A did:web path has no empty segments.');
  return DID_WEB_PREFIX + [encodeHost(location), ...location.path.map(encodeURIComponent)].join(':');
};

/** Parses a did:web (no fragment, query or path); `undefined` when it is not a valid one. */
export const parseDidWeb = (did: string): DidWebLocation | undefined => {
  if (!did.startsWith(DID_WEB_PREFIX)) return undefined;
  const [hostPart = '', ...pathParts] = did.slice(DID_WEB_PREFIX.length).split(':');
  if (/[/?#]/.test(did) || pathParts.some((part) => part === '')) return undefined;
  const hostMatch = /^([^%]+)(?:%3[aA](\d{1,5}))?$/.exec(hostPart);
  const host = hostMatch?.[1]?.toLowerCase();
  const port = hostMatch?.[2] === undefined ? undefined : Number(hostMatch[2]);
  if (!host || !isUsableHost(host) || (port !== undefined && (port < 1 || port > 65535))) return undefined;
  try {
    const path = pathParts.map((part) => decodeURIComponent(part));
    return { host, ...(port === undefined ? {} : { port }), path };
  } catch {
    return undefined;
  }
};

/** The URL of the DID document of a did:web location. */
export const didWebDocumentUrl = (location: DidWebLocation, options: { allowHttpFor?: readonly string[] } = {}): URL => {
  const scheme = options.allowHttpFor?.includes(location.host) ? 'http' : 'https';
  const path = location.path.length === 0 ? WELL_KNOWN_PATH : location.path;
  const port = location.port === undefined ? '' : `:${location.port}`;
  return new URL(`${scheme}://${location.host}${port}/${[...path.map(encodeURIComponent), DOCUMENT_NAME].join('/')}`);
};

/** The did:web whose document is at `documentUrl` (`…/did.json` or `/.well-known/did.json`). */
export const didWebFromDocumentUrl = (documentUrl: string | URL): string | undefined => {
  const url = new URL(documentUrl);
  const segments = url.pathname.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  if (segments.pop() !== DOCUMENT_NAME || url.search !== '' || url.hash !== '') return undefined;
  const path = segments.length === 1 && segments[0] === WELL_KNOWN_PATH[0] ? [] : segments;
  if (path.length > 0 && path[0] === WELL_KNOWN_PATH[0]) return undefined;
  return didWebFromLocation({ host: url.hostname, ...portOf(url), path });
};

const portOf = (url: URL): { port?: number } => (url.port === '' ? {} : { port: Number(url.port) });

/**
 * The DID of an organisation: its page under the instance's public URL, `<publicUrl>/orgs/<slug>`.
 * A public URL with a path (Tessera behind a reverse proxy at `/tessera`) keeps it: did:web:host:tessera:orgs:slug.
 */
export const organisationDid = (options: { publicUrl: string; slug: string }): string => {
  const url = new URL(options.publicUrl);
  const basePath = url.pathname.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  return didWebFromLocation({ host: url.hostname, ...portOf(url), path: [...basePath, 'orgs', options.slug] });
};
