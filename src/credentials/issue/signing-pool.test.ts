import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from './issue-fixtures.js';
import { issueCredential } from './issue-credential.js';
import { SCHEMA_INVALID } from './issue-errors.js';
import { buildOpenBadgeCredential } from './open-badge-credential.js';
import { createSigningPool } from './signing-pool.js';

const pool = createSigningPool({ size: 2 });
afterAll(() => pool.close());

describe('signing pool (worker threads)', () => {
  it('signs exactly what issueCredential signs in this thread, for many credentials at once', async () => {
    const { did, signer } = await sampleIssuerKey();
    const created = new Date('2026-03-01T09:00:00Z');
    const unsigned = Array.from({ length: 40 }, (_, i) => buildOpenBadgeCredential({ ...SAMPLE_OPEN_BADGE_INPUT(did), id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    let signatures = 0;
    const counting = { ...signer, sign: (input: { data: Uint8Array }) => ((signatures += 1), signer.sign(input)) };
    const pooled = await Promise.all(unsigned.map((credential) => pool.issue({ credential, signer: counting, created })));
    const local = await Promise.all(unsigned.map((credential) => issueCredential({ credential, signer, documentLoader: createDocumentLoader(), clock: () => created })));
    expect(pooled).toEqual(local);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(local));
    // Every signature was made here, by the signer given: the workers hold no key.
    expect(signatures).toBe(40);
  });

  it('signs a credential that already carries a proof (the whole document comes back) as this thread does', async () => {
    const { did, signer } = await sampleIssuerKey();
    const created = new Date('2026-03-02T09:00:00Z');
    const once = await issueCredential({ credential: buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(did)), signer, documentLoader: createDocumentLoader(), clock: () => created });
    const pooled = await pool.issue({ credential: once, signer, created });
    const local = await issueCredential({ credential: once, signer, documentLoader: createDocumentLoader(), clock: () => created });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(local));
    expect((pooled.proof as unknown[]).length).toBe(2);
  });

  it('refuses a credential that fails its schema with the same AppError, and keeps working', async () => {
    const { did, signer } = await sampleIssuerKey();
    const bad = { ...buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(did)), validFrom: 'not a date' };
    const error = await pool.issue({ credential: bad, signer, created: new Date() }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe(SCHEMA_INVALID);
    expect(isAppError(error) && error.status).toBe(422);
    const good = await pool.issue({ credential: buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(did)), signer, created: new Date() });
    expect((good.proof as { type: string }).type).toBe('DataIntegrityProof');
  });

  it('fails the issuance when the signer refuses, without a signature', async () => {
    const { did, signer } = await sampleIssuerKey();
    const refusing = { ...signer, sign: () => Promise.reject(new Error('key gone')) };
    await expect(pool.issue({ credential: buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(did)), signer: refusing, created: new Date() })).rejects.toThrow(/refused/);
  });
});
