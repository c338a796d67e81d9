import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { evidenceTooLarge } from './evidence-store.js';

/**
 * A pass-through that hashes and counts what flows through it and fails with
 * `assessment.evidence_too_large` as soon as one byte more than `maxBytes` arrives, so an oversize upload is
 * cut off mid-stream instead of being buffered or written in full first. Both stores pipe through it.
 */
export class MeasuredBody extends Transform {
  readonly #hash = createHash('sha256');
  readonly #maxBytes: number;
  #size = 0;

  constructor(maxBytes: number) {
    super();
    this.#maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.#size += bytes.length;
    if (this.#size > this.#maxBytes) {
      callback(evidenceTooLarge(this.#maxBytes));
      return;
    }
    this.#hash.update(bytes);
    callback(null, bytes);
  }

  get size(): number {
    return this.#size;
  }

  /** Call once, after the stream has ended. */
  digest(): string {
    return this.#hash.digest('hex');
  }
}
