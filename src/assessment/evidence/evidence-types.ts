import type { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';
import type { EvidenceKind } from './evidence-files.js';

/**
 * What evidence may be, decided from the bytes. `inline` types are inert when a browser shows them itself
 * (images, video, PDF); everything else is served as a download.
 *
 * SVG and HTML are refused, not stored: both run script when opened, and an SVG served as a download is of no
 * use to a reviewer, so accepting it would only keep a dangerous file around. Legacy Office files (.doc,
 * .xls, .ppt) are refused too: file-type sees them as a Compound File Binary container, the same container
 * as Windows installers (.msi), so the bytes cannot tell a document from a program.
 */
export const ALLOWED_TYPES: Readonly<Record<string, { kind: EvidenceKind; inline: boolean }>> = {
  'application/pdf': { kind: 'document', inline: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', inline: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', inline: false },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', inline: false },
  'application/vnd.oasis.opendocument.text': { kind: 'document', inline: false },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'document', inline: false },
  'application/vnd.oasis.opendocument.presentation': { kind: 'document', inline: false },
  'text/plain': { kind: 'document', inline: false },
  'image/png': { kind: 'image', inline: true },
  'image/jpeg': { kind: 'image', inline: true },
  'image/gif': { kind: 'image', inline: true },
  'image/webp': { kind: 'image', inline: true },
  'video/mp4': { kind: 'video', inline: true },
  'video/webm': { kind: 'video', inline: true },
  'video/quicktime': { kind: 'video', inline: true },
  'audio/mpeg': { kind: 'audio', inline: false },
  'audio/wav': { kind: 'audio', inline: false },
  'audio/ogg': { kind: 'audio', inline: false },
  'audio/ogg; codecs=opus': { kind: 'audio', inline: false },
  'application/zip': { kind: 'archive', inline: false },
};

/** How many leading bytes decide whether an unrecognised file is plain text. */
const TEXT_SAMPLE_BYTES = 8192;

// Markup a browser would render (and run) if it ever sniffed the file: refused even though it is text.
const MARKUP = /^\s*(?:<\?xml|<!doctype|<html|<head|<body|<script|<svg|<iframe|<!--|<\w+[\s>][\s\S]*<\/\w+>)/i;

/** The media type the content really has, or a description of what it is when that is not one we know. */
export async function detectMediaType(open: () => Promise<Readable>): Promise<string> {
  const binary = await fileTypeFromStreamAndClose(await open());
  if (binary) return binary;
  const head = await readHead(await open(), TEXT_SAMPLE_BYTES);
  return classifyText(head);
}

async function fileTypeFromStreamAndClose(stream: Readable): Promise<string | undefined> {
  try {
    return (await fileTypeFromStream(stream))?.mime;
  } finally {
    stream.destroy();
  }
}

async function readHead(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** UTF-8 without control characters (other than tab, newline, carriage return, form feed) and not markup. */
export function classifyText(head: Buffer): string {
  if (head.length === 0) return 'application/x-empty';
  // A multi-byte character may be cut at the end of the sample: ignore up to three trailing bytes.
  const text = decodeUtf8Prefix(head);
  if (text === undefined) return 'application/octet-stream';
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return 'application/octet-stream';
  if (MARKUP.test(text.replace(/^\uFEFF/, ''))) return /<svg/i.test(text) ? 'image/svg+xml' : /<\?xml/i.test(text) ? 'application/xml' : 'text/html';
  return 'text/plain';
}

function decodeUtf8Prefix(head: Buffer): string | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= Math.min(3, head.length - 1); cut++) {
    try {
      return decoder.decode(head.subarray(0, head.length - cut));
    } catch {
      // try a shorter prefix
    }
  }
  return undefined;
}
