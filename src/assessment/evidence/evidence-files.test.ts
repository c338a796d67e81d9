import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { contentDisposition, createEvidenceFiles, type EvidenceFiles } from './evidence-files.js';
import { EVIDENCE_TOO_LARGE, EVIDENCE_TYPE_NOT_ALLOWED } from './evidence-store.js';
import { createLocalDirectoryEvidenceStore } from './local-directory-evidence-store.js';
import { classifyText } from './evidence-types.js';

/** A ZIP of stored (uncompressed) entries, enough for file-type to read the entry names and contents. */
function zip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0d4a50000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64), Buffer.from('ffd9', 'hex')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const MP4 = Buffer.concat([Buffer.from('0000001866747970', 'hex'), Buffer.from('isom'), Buffer.from('00000200', 'hex'), Buffer.from('isomiso2'), Buffer.alloc(64)]);
const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.from('24000000', 'hex'), Buffer.from('WAVEfmt '), Buffer.alloc(40)]);
const DOCX = zip([
  ['[Content_Types].xml', '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
  ['word/document.xml', '<w:document/>'],
]);
const ZIP = zip([['notes/readme.txt', 'portfolio']]);
const HTML = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('evidence files', () => {
  let directory: string;
  let files: EvidenceFiles;
  const stored = async (): Promise<string[]> => (await readdir(directory, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'tessera-evidence-files-'));
    files = createEvidenceFiles({ store: createLocalDirectoryEvidenceStore({ directory }), maxBytes: 4096 });
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  const cases: Array<{ name: string; bytes: Buffer; fileName: string; mediaType: string; kind: string; disposition: 'inline' | 'attachment'; contentType: string }> = [
    { name: 'PDF', bytes: PDF, fileName: 'report.pdf', mediaType: 'application/pdf', kind: 'document', disposition: 'inline', contentType: 'application/pdf' },
    { name: 'Word document', bytes: DOCX, fileName: 'essay.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document', disposition: 'attachment', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    { name: 'plain text', bytes: Buffer.from('Reflective log — week 1\n'), fileName: 'log.txt', mediaType: 'text/plain', kind: 'document', disposition: 'attachment', contentType: 'text/plain; charset=utf-8' },
    { name: 'PNG', bytes: PNG, fileName: 'screenshot.png', mediaType: 'image/png', kind: 'image', disposition: 'inline', contentType: 'image/png' },
    { name: 'JPEG named .txt', bytes: JPEG, fileName: 'photo.txt', mediaType: 'image/jpeg', kind: 'image', disposition: 'inline', contentType: 'image/jpeg' },
    { name: 'MP4', bytes: MP4, fileName: 'demo.mp4', mediaType: 'video/mp4', kind: 'video', disposition: 'inline', contentType: 'video/mp4' },
    { name: 'WAV', bytes: WAV, fileName: 'talk.wav', mediaType: 'audio/wav', kind: 'audio', disposition: 'attachment', contentType: 'audio/wav' },
    { name: 'ZIP', bytes: ZIP, fileName: 'portfolio.zip', mediaType: 'application/zip', kind: 'archive', disposition: 'attachment', contentType: 'application/zip' },
  ];

  for (const c of cases) {
    it(`accepts ${c.name} by its content and serves it safely`, async () => {
      const accepted = await files.accept(Readable.from([c.bytes]), { fileName: c.fileName, declaredType: 'application/x-whatever' });
      expect(accepted).toMatchObject({ mediaType: c.mediaType, kind: c.kind, fileName: c.fileName, size: c.bytes.length });
      const { body, headers } = await files.open(accepted);
      body.destroy();
      expect(headers).toMatchObject({
        'content-type': c.contentType,
        'content-length': String(c.bytes.length),
        'x-content-type-options': 'nosniff',
        'content-disposition': contentDisposition(c.disposition, c.fileName),
      });
      expect(headers['content-security-policy']).toMatch(/^sandbox;.*default-src 'none'/);
    });
  }

  for (const [name, bytes, fileName, detected] of [
    ['an executable renamed .pdf', EXE, 'report.pdf', 'application/x-msdownload'],
    ['HTML renamed .txt', HTML, 'notes.txt', 'text/html'],
    ['HTML named .html', HTML, 'page.html', 'text/html'],
    ['SVG', SVG, 'drawing.svg', 'image/svg+xml'],
  ] as const) {
    it(`refuses ${name} with 415 naming the detected type, and keeps nothing`, async () => {
      const before = await stored();
      const error = await rejection(files.accept(Readable.from([bytes]), { fileName, declaredType: 'application/pdf' }));
      expect(isAppError(error) && error.code === EVIDENCE_TYPE_NOT_ALLOWED && error.status === 415).toBe(true);
      expect(isAppError(error) && error.extensions.detectedType).toBe(detected);
      expect(await stored()).toEqual(before);
    });
  }

  it('refuses an oversize file with 413 and keeps nothing', async () => {
    const before = await stored();
    const error = await rejection(files.accept(Readable.from([PDF, Buffer.alloc(5000)]), { fileName: 'big.pdf' }));
    expect(isAppError(error) && error.code === EVIDENCE_TOO_LARGE && error.status === 413).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('serves a stored type that left the allow-list as opaque bytes, as a download', async () => {
    const accepted = await files.accept(Readable.from([PNG]), { fileName: 'a.png' });
    const { body, headers } = await files.open({ ...accepted, mediaType: 'text/html' });
    body.destroy();
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('keeps names harmless in Content-Disposition', () => {
    expect(contentDisposition('attachment', '../../"evil"\r\nSet-Cookie: x.pdf')).toBe(`attachment; filename="evilSet-Cookie: x.pdf"; filename*=UTF-8''evilSet-Cookie%3A%20x.pdf`);
    expect(contentDisposition('inline', 'Zeugnis Müller.pdf')).toBe(`inline; filename="Zeugnis M_ller.pdf"; filename*=UTF-8''Zeugnis%20M%C3%BCller.pdf`);
  });

  it('tells text from binary and markup', () => {
    expect(classifyText(Buffer.from('plain words\n'))).toBe('text/plain');
    expect(classifyText(Buffer.from([0x68, 0x00, 0x69]))).toBe('application/octet-stream');
    expect(classifyText(Buffer.from('  <script>alert(1)</script>'))).toBe('text/html');
    expect(classifyText(Buffer.from('<?xml version="1.0"?><svg/>'))).toBe('image/svg+xml');
    expect(classifyText(Buffer.from('a < b and c > d'))).toBe('text/plain');
  });
});
