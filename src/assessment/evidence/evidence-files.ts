import type { Readable } from 'node:stream';
import type { EvidenceStore } from './evidence-store.js';

export type EvidenceKind = 'document' | 'image' | 'video' | 'audio' | 'archive';

/** An evidence file as stored: where it is, what it is (by content, not by name) and what it was called. */
export interface AcceptedEvidenceFile {
  key: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  kind: EvidenceKind;
}

export interface EvidenceFiles {
  /** Sniffs the real type from the first bytes (never trusts the declared type or extension), refuses types outside the
   *  allow-list with AppError 'assessment.evidence_type_not_allowed' (415) naming the detected type, stores, returns metadata. */
  accept(body: Readable, meta: { fileName: string; declaredType?: string }): Promise<AcceptedEvidenceFile>;
  /** The stream plus headers that make it safe to serve: a type that cannot run script in the browser, nosniff,
   *  Content-Security-Policy sandbox, Content-Disposition (attachment for anything that is not an inert image/video/pdf). */
  open(file: Pick<AcceptedEvidenceFile, 'key' | 'mediaType' | 'fileName' | 'size'>): Promise<{ body: Readable; headers: Record<string, string> }>;
  remove(key: string): Promise<void>;
}

export function createEvidenceFiles(deps: { store: EvidenceStore; maxBytes: number; clock?: () => Date }): EvidenceFiles {
  void deps;
  throw new Error('createEvidenceFiles: implementation in progress (helper D1)');
}
