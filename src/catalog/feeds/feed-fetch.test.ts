import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../credentials/index.js';
import { feedUrlProblem, fetchFeedPage } from './feed-fetch.js';

/** The feed fetcher against a local server playing https://feeds.example through an injected fetch. */
describe('fetchFeedPage', () => {
  let server: http.Server;
  let fetchLocal: FetchFunction;
  const stalled: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/stall') return void stalled.push(response.writeHead(200, { 'content-type': 'application/json' }));
      if (request.url === '/declared-large') return void response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(20 * 1024 * 1024) }).end();
      if (request.url === '/not-a-feed') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"hello": "world"}');
      if (request.url === '/broken-json') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"items": [');
      if (request.url === '/conditional') {
        if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
        return void response.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end('{"items": [], "next": null}');
      }
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fetchLocal = (url, init) => fetch(`http://127.0.0.1:${port}${new URL(url).pathname}`, init);
  });
  afterAll(async () => {
    for (const response of stalled) response.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = (path: string, extra: { etag?: string } = {}) =>
    fetchFeedPage(`https://feeds.example${path}`, { fetch: fetchLocal, timeoutMs: 300, maxBytes: 1024 * 1024, allowHttpFor: [], ...extra });

  it('gives up on a server that stops sending', async () => {
    expect(await get('/stall')).toMatchObject({ kind: 'error', code: 'feeds.timeout' });
  });

  it('refuses a declared length over the limit before reading', async () => {
    expect(await get('/declared-large')).toMatchObject({ kind: 'error', code: 'feeds.too_large' });
  });

  it('tells JSON that is not a feed from JSON that is not JSON', async () => {
    expect(await get('/not-a-feed')).toMatchObject({ kind: 'error', code: 'feeds.not_a_feed' });
    expect(await get('/broken-json')).toMatchObject({ kind: 'error', code: 'feeds.invalid_json' });
    expect(await get('/500')).toMatchObject({ kind: 'error', code: 'feeds.http_status' });
  });

  it('sends the ETag it was given and understands 304', async () => {
    const first = await get('/conditional');
    expect(first).toMatchObject({ kind: 'page', etag: '"v1"', body: { items: [], next: null } });
    expect(await get('/conditional', { etag: '"v1"' })).toEqual({ kind: 'not-modified' });
  });

  it('fetches https from public hosts only, unless a host is allowed', () => {
    expect(feedUrlProblem('https://feeds.example/feed', [])).toBeUndefined();
    expect(feedUrlProblem('http://feeds.example/feed', [])).toMatch(/not https/);
    expect(feedUrlProblem('https://localhost/feed', [])).toMatch(/not a public host/);
    expect(feedUrlProblem('https://192.168.1.4/feed', [])).toMatch(/not a public host/);
    expect(feedUrlProblem('file:///etc/passwd', [])).toMatch(/cannot be fetched/);
    expect(feedUrlProblem('http://localhost:4000/feed', ['localhost'])).toBeUndefined();
  });
});
