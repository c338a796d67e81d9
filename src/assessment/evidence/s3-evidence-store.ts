import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isAppError } from '../../errors.js';
import { evidenceFileNotFound, evidenceStoreFailed, evidenceTooLarge, type EvidenceStore, type StoredObject } from './evidence-store.js';
import { MeasuredBody } from './measured-body.js';

export interface S3EvidenceStoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, Ceph, Garage, R2…); unset for AWS itself. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path instead of the host name, as most self-hosted services need. */
  forcePathStyle?: boolean;
  /** Object keys start with this (default `evidence/`). */
  prefix?: string;
}

const KEY_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Evidence in an S3-compatible bucket. Uploads stream through a multipart upload (lib-storage's Upload:
 * parts of 5 MiB, at most 4 in flight), hashing and counting on the way; an oversize body aborts the upload,
 * so no part is kept, and any object already completed under the key is deleted.
 */
export function createS3EvidenceStore(options: S3EvidenceStoreOptions): EvidenceStore & { client: S3Client } {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
    // Many S3-compatible servers do not understand the SDK's default CRC checksums and aws-chunked bodies;
    // send checksums only where the S3 API requires them. The SHA-256 we compute ourselves is the integrity record.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const prefix = options.prefix ?? 'evidence/';
  const objectKey = (key: string): string => `${prefix}${key}`;

  const deleteObject = async (key: string): Promise<void> => {
    await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
  };

  return {
    client,

    async put(body: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredObject> {
      const key = randomUUID().replaceAll('-', '');
      const measured = new MeasuredBody(maxBytes);
      const upload = new Upload({ client, params: { Bucket: options.bucket, Key: objectKey(key), Body: measured, ContentType: 'application/octet-stream' }, queueSize: 4 });
      let tooLarge = false;
      body.on('error', (error) => measured.destroy(error));
      measured.on('error', () => {
        tooLarge = measured.size > maxBytes;
        body.unpipe(measured);
        body.resume();
        void upload.abort().catch(() => undefined);
      });
      body.pipe(measured);
      try {
        await upload.done();
      } catch (error) {
        await deleteObject(key).catch(() => undefined);
        if (tooLarge) throw evidenceTooLarge(maxBytes);
        throw isAppError(error) ? error : evidenceStoreFailed(error);
      }
      if (measured.size > maxBytes || tooLarge) {
        await deleteObject(key).catch(() => undefined);
        throw evidenceTooLarge(maxBytes);
      }
      return { key, sha256: measured.digest(), size: measured.size };
    },

    async get(key: string): Promise<Readable> {
      if (!KEY_PATTERN.test(key)) throw evidenceFileNotFound();
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
        if (!(object.Body instanceof Readable)) throw new Error('the S3 client returned a body that is not a Node stream');
        return object.Body;
      } catch (error) {
        if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) throw evidenceFileNotFound();
        throw isAppError(error) ? error : evidenceStoreFailed(error);
      }
    },

    async delete(key: string): Promise<void> {
      if (!KEY_PATTERN.test(key)) return;
      try {
        await deleteObject(key);
      } catch (error) {
        throw evidenceStoreFailed(error);
      }
    },
  };
}
