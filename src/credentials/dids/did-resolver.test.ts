import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DID_RESOLUTION_ERRORS, createDidResolver, type DidResolverOptions } from './did-resolver.js';
import { createTtlCache } from './ttl-cache.js';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

// A real HTTP server on 127.0.0.1 stands in for the organisations' web servers.
let server: Server;
let host = '';
const routes = new Map<string, Route>();
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1%3A${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const didOf = (...path: string[]) => ['did:web', host, ...path].join(':');
const json = (body: unknown, contentType = 'application/did+json'): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': contentType }).end(JSON.stringify(body));
};
const resolverWith = (overrides: Partial<DidResolverOptions> = {}) =>
  createDidResolver({ fetch: globalThis.fetch, timeoutMs: 5_000, maxBytes: 10_000, allowHttpFor: ['127.0.0.1'], ...overrides });
const errorCode = (result: Awaited<ReturnType<ReturnType<typeof createDidResolver>>>) => ('error' in result ? result.error.code : 'resolved');

describe('DID resolver', () => {
  it('resolves did:key offline', async () => {
    const resolver = createDidResolver({ fetch: () => Promise.reject(new Error('no network')), timeoutMs: 1, maxBytes: 1 });
    const result = await resolver('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi');
    expect('document' in result && result.document.id).toBe('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi');
  });

  it('fetches a did:web document over http from an allowed host', async () => {
    const did = didOf('orgs', 'northbridge');
    routes.set('/orgs/northbridge/did.json', json({ id: did, verificationMethod: [] }, 'application/json; charset=utf-8'));
    const result = await resolverWith()(did);
    expect('document' in result && result.document.id).toBe(did);
  });

  it('uses https for every host not allowed plain http', async () => {
    const requested: string[] = [];
    // Tests never go to the internet: this fetch only records where the resolver would go.
    const recordingFetch: DidResolverOptions['fetch'] = (url) => {
      requested.push(url);
      return Promise.reject(new Error('offline'));
    };
    const result = await resolverWith({ fetch: recordingFetch })('did:web:example.org:orgs:northbridge');
    expect(requested).toEqual(['https://example.org/orgs/northbridge/did.json']);
    expect(errorCode(result)).toBe(DID_RESOLUTION_ERRORS.network);
  });

  it('refuses local and private hosts unless they are allowed', async () => {
    for (const did of [didOf('orgs', 'northbridge'), 'did:web:10.1.2.3', 'did:web:169.254.169.254', 'did:web:192.168.0.1%3A8443:x', 'did:web:localhost', 'did:web:db.localhost']) {
      expect(errorCode(await resolverWith({ allowHttpFor: [] })(did)), did).toBe(DID_RESOLUTION_ERRORS.hostNotAllowed);
    }
  });

  it('reports a missing document as not found', async () => {
    expect(errorCode(await resolverWith()(didOf('orgs', 'nobody')))).toBe(DID_RESOLUTION_ERRORS.notFound);
  });

  it('gives up on a server that never answers', async () => {
    routes.set('/silent/did.json', () => undefined);
    expect(errorCode(await resolverWith({ timeoutMs: 200 })(didOf('silent')))).toBe(DID_RESOLUTION_ERRORS.timeout);
  });

  it('gives up on a body that never ends', async () => {
    routes.set('/trickle/did.json', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/did+json' });
      response.write('{"id":');
    });
    expect(errorCode(await resolverWith({ timeoutMs: 200 })(didOf('trickle')))).toBe(DID_RESOLUTION_ERRORS.timeout);
  });

  it('refuses documents over the size limit, declared or streamed', async () => {
    const big = { id: didOf('big'), padding: 'x'.repeat(20_000) };
    routes.set('/big/did.json', json(big));
    routes.set('/streamed/did.json', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/did+json' }); // chunked: no Content-Length
      for (let i = 0; i < 30; i += 1) response.write('x'.repeat(1_000));
      response.end();
    });
    expect(errorCode(await resolverWith()(didOf('big')))).toBe(DID_RESOLUTION_ERRORS.tooLarge);
    expect(errorCode(await resolverWith()(didOf('streamed')))).toBe(DID_RESOLUTION_ERRORS.tooLarge);
  });

  it('refuses an HTML page, a document for another DID, and non-JSON', async () => {
    routes.set('/html/did.json', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'));
    routes.set('/other/did.json', json({ id: 'did:web:example.org' }));
    routes.set('/garbled/did.json', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":'));
    expect(errorCode(await resolverWith()(didOf('html')))).toBe(DID_RESOLUTION_ERRORS.contentType);
    expect(errorCode(await resolverWith()(didOf('other')))).toBe(DID_RESOLUTION_ERRORS.invalidDocument);
    expect(errorCode(await resolverWith()(didOf('garbled')))).toBe(DID_RESOLUTION_ERRORS.invalidDocument);
  });

  it('does not follow redirects', async () => {
    routes.set('/moved/did.json', (_request, response) => response.writeHead(302, { location: '/orgs/northbridge/did.json' }).end());
    expect(errorCode(await resolverWith()(didOf('moved')))).toBe(DID_RESOLUTION_ERRORS.network);
  });

  it('answers from the cache until the entry expires', async () => {
    const did = didOf('cached');
    routes.set('/cached/did.json', json({ id: did }));
    let now = 1_000_000;
    const resolver = resolverWith({ cache: createTtlCache({ ttlMs: 60_000, now: () => now }) });
    await resolver(did);
    await resolver(did);
    expect(hits.get('/cached/did.json')).toBe(1);
    now += 60_000;
    await resolver(did);
    expect(hits.get('/cached/did.json')).toBe(2);
  });

  it('does not cache failures', async () => {
    const resolver = resolverWith({ cache: createTtlCache({ ttlMs: 60_000, now: () => 0 }) });
    await resolver(didOf('later'));
    routes.set('/later/did.json', json({ id: didOf('later') }));
    expect(errorCode(await resolver(didOf('later')))).toBe('resolved');
  });

  it('names unsupported methods and malformed DIDs', async () => {
    expect(errorCode(await resolverWith()('did:example:123'))).toBe(DID_RESOLUTION_ERRORS.methodNotSupported);
    expect(errorCode(await resolverWith()('https://example.org'))).toBe(DID_RESOLUTION_ERRORS.invalidDid);
    expect(errorCode(await resolverWith()('did:web:exa mple.org'))).toBe(DID_RESOLUTION_ERRORS.invalidDid);
    expect(errorCode(await resolverWith()('did:key:zNotAKey'))).toBe(DID_RESOLUTION_ERRORS.invalidDid);
  });
});
