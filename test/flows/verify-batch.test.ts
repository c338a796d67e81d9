import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakePng } from '../../src/credentials/baking/png-baking.js';
import { bakeSvg } from '../../src/credentials/baking/svg-baking.js';
import { buildClrCredential } from '../../src/credentials/issue/clr-credential.js';
import { issueCredential } from '../../src/credentials/issue/issue-credential.js';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { signIn } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Row {
  source: string;
  embeddedIndex: number | null;
  outcome: string;
  firstProblem: { id: string; message: string } | null;
  notices: string[];
  summary: { achievement: { name: string | null }; issuer: { id: string | null; name: string | null }; evidence: Array<{ name: string | null }>; embeddedCount: number } | null;
  error: { code: string; detail: string } | null;
}

// The smallest valid PNG: 1x1, one IDAT, IEND.
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

/** A multipart body as a browser would send it. */
async function multipart(files: Array<{ name: string; bytes: Uint8Array | string; type: string }>) {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

describe('batch verification for employers', () => {
  let app: TestApp;
  let credential: Record<string, unknown>;
  let other: Record<string, unknown>;

  const rowsOf = (response: { statusCode: number; body: string; json(): unknown }): Row[] => {
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Row[] }).items;
  };

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4997' }, { start: 'demo' });
    const registrar = await signIn(app.server, demoLogins.find((l) => l.email.startsWith('registrar'))!.email, DEMO_PASSWORD);
    const achievement = await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow();
    const issue = async (email: string) => {
      const response = await app.server.inject({
        method: 'POST',
        url: '/api/v1/organisations/northbridge/credentials',
        headers: { ...registrar },
        payload: { achievementId: achievement.id, recipient: { email }, evidence: [{ id: 'https://evidence.example/workbook.xlsx', name: 'Workbook', narrative: 'Cleaned the sales data.' }] },
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { credential: Record<string, unknown> }).credential;
    };
    credential = await issue('candidate-one@example.test');
    other = await issue('candidate-two@example.test');
  }, 400_000);
  afterAll(async () => app?.dispose());

  it('gives one row per credential with subject, achievement, issuer, outcome and the first failing check', async () => {
    const tampered = { ...credential, name: 'Something else entirely' };
    const rows = rowsOf(await app.server.inject({ method: 'POST', url: '/api/v1/verify/batch', payload: { items: [{ credential, source: 'a.json' }, { credential: tampered, source: 'b.json' }, { credential: 'not a credential' }] } }));
    expect(rows.map((r) => [r.source, r.outcome])).toEqual([
      ['a.json', expect.stringMatching(/^(verified|warnings)$/)],
      ['b.json', 'not_verified'],
      ['item 3', 'not_verified'],
    ]);
    expect(rows[0]!.summary).toMatchObject({ achievement: { name: expect.any(String) }, issuer: { id: expect.stringMatching(/^did:web:localhost%3A4997:orgs:northbridge$/) }, evidence: [{ name: 'Workbook' }] });
    expect(rows[1]!.firstProblem?.id).toBe('proof');
  });

  it('reads uploaded files: JSON, baked PNG and SVG verify; a JPEG, a bare image and an SVG with script say why not', async () => {
    const json = JSON.stringify(credential);
    const scripted = SVG.replace('<rect', '<script>window.pwned = true</script><rect');
    const body = await multipart([
      { name: 'badge.json', bytes: json, type: 'application/json' },
      { name: 'badge.png', bytes: bakePng(TINY_PNG, json), type: 'image/png' },
      { name: 'badge.svg', bytes: bakeSvg(SVG, json), type: 'image/svg+xml' },
      { name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), type: 'image/jpeg' },
      { name: 'plain.png', bytes: TINY_PNG, type: 'image/png' },
      { name: 'evil.svg', bytes: scripted, type: 'image/svg+xml' },
    ]);
    const rows = rowsOf(await app.server.inject({ method: 'POST', url: '/api/v1/verify/files', ...body }));
    expect(rows.map((r) => [r.source, r.outcome === 'warnings' ? 'verified' : r.outcome, r.error?.code ?? null])).toEqual([
      ['badge.json', 'verified', null],
      ['badge.png', 'verified', null],
      ['badge.svg', 'verified', null],
      ['photo.jpg', 'unreadable', 'credentials.baked_not_an_image'],
      ['plain.png', 'unreadable', 'credentials.baked_no_credential'],
      ['evil.svg', 'unreadable', 'credentials.baked_no_credential'],
    ]);
    expect(rows[5]!.notices.join(' ')).toMatch(/contains script.*never runs it/);
    expect(rows[2]!.notices).toEqual([]);
  });

  it('checks each credential a CLR bundles in its own row, and a tampered one fails its row and the CLR', async () => {
    const identity = await app.services.keys.identityForSlug('northbridge');
    const clr = await issueCredential({
      credential: buildClrCredential({
        id: 'urn:uuid:5b0f0a43-7a57-4b8e-9d55-0c3b1c2e0001',
        issuer: { id: identity.did, name: 'Northbridge College' },
        learner: { email: 'candidate-one@example.test', salt: 'salt-salt-salt' },
        name: 'Transcript',
        verifiableCredential: [credential, { ...other, name: 'Tampered' }],
        validFrom: '2026-01-01T00:00:00Z',
      }),
      signer: identity.signer,
      documentLoader: app.services.documentLoader,
      clock: () => new Date(),
    });
    const rows = rowsOf(await app.server.inject({ method: 'POST', url: '/api/v1/verify/batch', payload: { items: [{ credential: clr, source: 'transcript.json' }] } }));
    expect(rows.map((r) => [r.embeddedIndex, r.outcome === 'warnings' ? 'verified' : r.outcome])).toEqual([
      [null, 'not_verified'],
      [1, 'verified'],
      [2, 'not_verified'],
    ]);
    expect(rows[0]!.summary?.embeddedCount).toBe(2);
    expect(rows[0]!.firstProblem?.id).toBe('embedded_credentials');
    expect(rows[2]!.firstProblem?.id).toBe('proof');
  });

  it('refuses batches over the limits with a problem document, and a URL it may not fetch is that row\'s error', async () => {
    const tooMany = await app.server.inject({ method: 'POST', url: '/api/v1/verify/batch', payload: { items: Array.from({ length: 101 }, () => ({ credential: {} })) } });
    expect(tooMany.statusCode).toBe(400);
    const files = await multipart(Array.from({ length: 51 }, (_, i) => ({ name: `${i}.json`, bytes: '{}', type: 'application/json' })));
    const tooManyFiles = await app.server.inject({ method: 'POST', url: '/api/v1/verify/files', ...files });
    expect(tooManyFiles.statusCode).toBe(413);
    expect(tooManyFiles.headers['content-type']).toMatch(/problem\+json/);
    const rows = rowsOf(await app.server.inject({ method: 'POST', url: '/api/v1/verify/batch', payload: { items: [{ url: 'http://10.0.0.1/credential.json' }] } }));
    expect(rows[0]).toMatchObject({ outcome: 'unreadable', error: { code: 'request.invalid', detail: expect.stringMatching(/not a public https address/) } });
  });
});
