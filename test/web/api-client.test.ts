import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, clientErrorCodes, onSessionExpired, setCsrfToken } from '../../web/src/api/client.js';

// The client's only collaborator is the browser's fetch; these tests stand in for the server to pin the
// wire contract (headers sent, problem+json read), which the browser tests then exercise for real.
interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  credentials: string | undefined;
}

let calls: Call[];

function answerWith(response: Response | Error) {
  calls = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? init.body : undefined,
      credentials: init.credentials,
    });
    if (response instanceof Error) throw response;
    return response;
  });
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

beforeEach(() => setCsrfToken('csrf-123'));
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  onSessionExpired(null);
});

describe('api client', () => {
  it('reads JSON and sends no CSRF header on reads', async () => {
    answerWith(json(200, { items: [1] }));
    expect(await api.get<{ items: number[] }>('/api/v1/things')).toEqual({ items: [1] });
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(calls[0]?.credentials).toBe('same-origin');
  });

  it('sends JSON and the CSRF token on every write', async () => {
    for (const write of [
      () => api.post('/x', { a: 1 }),
      () => api.put('/x', { a: 1 }),
      () => api.patch('/x', { a: 1 }),
      () => api.delete('/x'),
    ]) {
      answerWith(new Response(null, { status: 204 }));
      expect(await write()).toBeUndefined();
      expect(calls[0]?.headers['x-csrf-token']).toBe('csrf-123');
    }
    answerWith(json(201, { ok: true }));
    await api.post('/x', { a: 1 });
    expect(calls[0]).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(calls[0]?.headers['content-type']).toBe('application/json');
  });

  it('drops the CSRF header once the session ends', async () => {
    setCsrfToken(null);
    answerWith(new Response(null, { status: 204 }));
    await api.post('/x');
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined();
  });

  it('turns problem+json into an ApiError with the server code', async () => {
    const problem = { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'CSRF token missing.', code: 'auth.csrf_failed' };
    answerWith(json(403, problem, 'application/problem+json'));
    const error = await api.post('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'auth.csrf_failed', status: 403, title: 'Forbidden', detail: 'CSRF token missing.' });
  });

  it('keeps the problem document’s extension members, such as the invalid fields', async () => {
    const issues = [{ path: '/definition/title', message: 'Too small' }];
    answerWith(json(400, { title: 'The request is not valid', status: 400, detail: 'x', code: 'request.invalid', issues, location: 'body' }, 'application/problem+json'));
    const error = await api.post('/x').catch((e: unknown) => e);
    expect((error as ApiError).extensions).toEqual({ issues, location: 'body' });
  });

  it('still gives an ApiError when the failure is not a problem document', async () => {
    answerWith(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }));
    const error = await api.get('/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: clientErrorCodes.unexpectedResponse, status: 502 });
  });

  it('reports an unreachable server as status 0', async () => {
    answerWith(new TypeError('Failed to fetch'));
    const error = await api.get('/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: clientErrorCodes.unreachable, status: 0 });
  });

  it('reports an expired session once, and not a 401 while signed out', async () => {
    const unauthorised = () => json(401, { status: 401, title: 'Unauthorized', code: 'auth.unauthenticated' }, 'application/problem+json');
    let expired = 0;
    onSessionExpired(() => expired++);
    answerWith(unauthorised());
    await expect(api.get('/api/v1/me/tokens')).rejects.toMatchObject({ status: 401 });
    expect(expired).toBe(1);
    setCsrfToken(null);
    answerWith(unauthorised());
    await expect(api.post('/api/v1/auth/sign-in', {})).rejects.toMatchObject({ status: 401 });
    expect(expired).toBe(1);
  });
});
