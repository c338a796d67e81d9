import type { Readable } from 'node:stream';
import { AppError } from '../../errors.js';

/** What storage holds for one evidence file: its key, the SHA-256 of its bytes (hex) and its length. */
export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
}

/**
 * Where evidence bytes live (a local directory or an S3-compatible bucket). Keys are chosen by the store,
 * never by the uploader, so no request can name a path or another person's object.
 */
export interface EvidenceStore {
  /** Streams body to storage while hashing and counting; beyond maxBytes it stops, removes the partial object and throws
   *  AppError code 'assessment.evidence_too_large' (413). */
  put(body: Readable, options: { maxBytes: number }): Promise<StoredObject>;
  /** AppError 'assessment.evidence_file_not_found' (404) when absent. */
  get(key: string): Promise<Readable>;
  /** Idempotent: removing an absent key succeeds. */
  delete(key: string): Promise<void>;
}

export const EVIDENCE_TOO_LARGE = 'assessment.evidence_too_large';
export const EVIDENCE_FILE_NOT_FOUND = 'assessment.evidence_file_not_found';
export const EVIDENCE_TYPE_NOT_ALLOWED = 'assessment.evidence_type_not_allowed';
export const EVIDENCE_STORE_FAILED = 'assessment.evidence_store_failed';

export const evidenceTooLarge = (maxBytes: number): AppError =>
  new AppError({
    code: EVIDENCE_TOO_LARGE,
    status: 413,
    title: 'The evidence file is too large',
    detail: `Evidence files may be at most ${maxBytes} bytes.`,
    extensions: { maxBytes },
  });

export const evidenceFileNotFound = (): AppError =>
  new AppError({ code: EVIDENCE_FILE_NOT_FOUND, status: 404, title: 'Not found', detail: 'There is no such evidence file.' });

export const evidenceTypeNotAllowed = (detectedType: string): AppError =>
  new AppError({
    code: EVIDENCE_TYPE_NOT_ALLOWED,
    status: 415,
    title: 'This kind of file is not accepted as evidence',
    detail: `The file's content is ${detectedType}, which is not accepted. Send a PDF, an office document, plain text, an image, a video, audio or a ZIP archive.`,
    extensions: { detectedType },
  });

/** Storage itself failed (disk full, bucket unreachable): our fault, logged, the upload can be retried. */
export const evidenceStoreFailed = (cause: unknown): AppError =>
  new AppError({ code: EVIDENCE_STORE_FAILED, status: 503, title: 'Evidence storage is unavailable', detail: 'The file could not be stored; try again later.', reportable: true, cause });
