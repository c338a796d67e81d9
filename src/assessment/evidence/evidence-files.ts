import type { Readable } from 'node:stream';
import { evidenceTypeNotAllowed, type EvidenceStore } from './evidence-store.js';
import { ALLOWED_TYPES, detectMediaType } from './evidence-types.js';

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

// Even an inline file is a document of its own origin: sandboxed (no script, no same-origin access), fetching nothing
// but itself, so a crafted PDF or a polyglot image cannot act as the signed-in reviewer.
const SANDBOX_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

/** Evidence files: type checking by content, storage, and the headers that make serving them safe. */
export function createEvidenceFiles(deps: { store: EvidenceStore; maxBytes: number; clock?: () => Date }): EvidenceFiles {
  const { store, maxBytes } = deps;

  return {
    async accept(body, meta) {
      // Stored first, checked second: the type of an office document is only known from entries inside its ZIP,
      // which may lie past any fixed sample. A refused file is deleted before the error reaches the caller.
      const stored = await store.put(body, { maxBytes });
      let mediaType: string;
      try {
        mediaType = await detectMediaType(() => store.get(stored.key));
      } catch (error) {
        await store.delete(stored.key);
        throw error;
      }
      const allowed = ALLOWED_TYPES[mediaType];
      if (!allowed) {
        await store.delete(stored.key);
        throw evidenceTypeNotAllowed(mediaType);
      }
      return { ...stored, mediaType, fileName: cleanFileName(meta.fileName), kind: allowed.kind };
    },

    async open(file) {
      const allowed = ALLOWED_TYPES[file.mediaType];
      const body = await store.get(file.key);
      // A stored type no longer on the allow-list is served as opaque bytes, never as what it claims.
      const contentType = !allowed ? 'application/octet-stream' : file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType;
      return {
        body,
        headers: {
          'content-type': contentType,
          'content-length': String(file.size),
          'content-disposition': contentDisposition(allowed?.inline ? 'inline' : 'attachment', file.fileName),
          'x-content-type-options': 'nosniff',
          'content-security-policy': SANDBOX_POLICY,
          'cross-origin-resource-policy': 'same-origin',
          'cache-control': 'private, no-cache',
        },
      };
    },

    remove: (key) => store.delete(key),
  };
}

/** The name as people see it: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001F\u007F"]/g, '').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'evidence' : cleaned;
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name (RFC 8187), so no name can break the header. */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const name = cleanFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7E]/g, '_').replace(/[\\"]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
