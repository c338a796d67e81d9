import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { EVIDENCE_FILE_NOT_FOUND, EVIDENCE_TOO_LARGE, type EvidenceStore } from './evidence-store.js';
import { createLocalDirectoryEvidenceStore } from './local-directory-evidence-store.js';
import { createS3EvidenceStore } from './s3-evidence-store.js';
import { startS3TestServer } from './s3-test-server.js';

const text = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A body delivered in several chunks, as an HTTP upload arrives. */
const chunked = (bytes: Buffer, chunkSize = 7919): Readable =>
  Readable.from((function* () {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
  })());

const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

interface Harness {
  store: EvidenceStore;
  /** Every object (and, for S3, every unfinished multipart upload) the store's back end holds. */
  leftovers(): Promise<string[]>;
}

/** One contract, run against every adapter: what D2 and the routes rely on. */
function contract(name: string, setUp: () => Promise<Harness & { close(): Promise<void> }>) {
  describe(`EvidenceStore contract: ${name}`, () => {
    let harness: Harness & { close(): Promise<void> };
    beforeAll(async () => {
      harness = await setUp();
    });
    afterAll(() => harness.close());

    it('stores a body and gives back the same bytes, its SHA-256 and its size', async () => {
      const bytes = Buffer.from('a learner’s reflective log\n'.repeat(1000));
      const stored = await harness.store.put(chunked(bytes), { maxBytes: 1_000_000 });
      expect(stored.size).toBe(bytes.length);
      expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(await text(await harness.store.get(stored.key))).toEqual(bytes);
    });

    it('gives every upload its own key, even for the same bytes', async () => {
      const a = await harness.store.put(Readable.from([Buffer.from('same')]), { maxBytes: 100 });
      const b = await harness.store.put(Readable.from([Buffer.from('same')]), { maxBytes: 100 });
      expect(a.key).not.toBe(b.key);
      await harness.store.delete(a.key);
      expect((await text(await harness.store.get(b.key))).toString()).toBe('same');
    });

    it('refuses a body over the limit with 413 and keeps nothing of it', async () => {
      const before = await harness.leftovers();
      const error = await rejection(harness.store.put(chunked(Buffer.alloc(6 * 1024 * 1024, 1), 64 * 1024), { maxBytes: 5 * 1024 * 1024 + 10 }));
      expect(isAppError(error) && error.code === EVIDENCE_TOO_LARGE && error.status === 413).toBe(true);
      expect(await harness.leftovers()).toEqual(before);
    });

    it('answers 404 for an absent key and for a key that tries to leave the store', async () => {
      for (const key of ['0'.repeat(32), '../../etc/passwd', '..', '', 'ab/../../x']) {
        const error = await rejection(harness.store.get(key));
        expect(isAppError(error) && error.code === EVIDENCE_FILE_NOT_FOUND && error.status === 404).toBe(true);
      }
    });

    it('deletes idempotently', async () => {
      const stored = await harness.store.put(Readable.from([Buffer.from('x')]), { maxBytes: 10 });
      await harness.store.delete(stored.key);
      await harness.store.delete(stored.key);
      const error = await rejection(harness.store.get(stored.key));
      expect(isAppError(error) && error.code === EVIDENCE_FILE_NOT_FOUND).toBe(true);
    });

    it('property: a body is kept exactly when it fits, with its true hash and size', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 700 }), async (data, maxBytes, chunkSize) => {
          const bytes = Buffer.from(data);
          const before = await harness.leftovers();
          const outcome = await harness.store.put(chunked(bytes, chunkSize), { maxBytes }).catch((error: unknown) => error);
          if (bytes.length > maxBytes) {
            expect(isAppError(outcome) && outcome.code === EVIDENCE_TOO_LARGE).toBe(true);
            expect(await harness.leftovers()).toEqual(before);
          } else {
            const stored = outcome as { key: string; sha256: string; size: number };
            expect(stored.size).toBe(bytes.length);
            expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
            expect(await text(await harness.store.get(stored.key))).toEqual(bytes);
            await harness.store.delete(stored.key);
          }
        }),
        { numRuns: 25 },
      );
    });
  });
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}

contract('local directory', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tessera-evidence-'));
  return {
    store: createLocalDirectoryEvidenceStore({ directory }),
    leftovers: () => listFiles(directory),
    close: () => rm(directory, { recursive: true, force: true }),
  };
});

contract('S3 (s3rver over HTTP)', async () => {
  const bucket = 'tessera-evidence';
  const server = await startS3TestServer(bucket);
  const store = createS3EvidenceStore({ bucket, region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
  return {
    store,
    leftovers: async () => {
      const objects = await store.client.send(new ListObjectsV2Command({ Bucket: bucket }));
      const uploads = await store.client.send(new ListMultipartUploadsCommand({ Bucket: bucket })).catch(() => ({ Uploads: [] }));
      return [...(objects.Contents ?? []).map((o) => o.Key!), ...(uploads.Uploads ?? []).map((u) => `upload:${u.Key}`)].sort();
    },
    close: async () => {
      store.client.destroy();
      await server.close();
    },
  };
});
