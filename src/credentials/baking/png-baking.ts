import { inflateSync } from 'node:zlib';
import { imageTooLarge, malformedImage, noBakedCredential } from './baking-errors.js';

/**
 * Open Badges 3.0 baking in PNG (OB 3.0 §5.3.1): the credential (JSON, or a compact VC-JWT) sits in an
 * `iTXt` chunk with the keyword `openbadgecredential`, uncompressed. Reading walks the chunks with
 * bounds and CRC checks, so a truncated or doctored file is refused rather than half-read.
 */
export const PNG_KEYWORD = 'openbadgecredential';
export const MAX_BADGE_IMAGE_BYTES = 10 * 1024 * 1024;
/** No honest badge needs a bigger chunk; a huge one is an attempt to exhaust memory. */
export const MAX_PNG_CHUNK_BYTES = 4 * 1024 * 1024;

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export const isPng = (bytes: Uint8Array): boolean => bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);

// CRC-32 as PNG defines it (ISO 3309); a checksum, not cryptography.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

interface Chunk {
  type: string;
  data: Uint8Array;
  /** Byte offset of the chunk's length field. */
  start: number;
  end: number;
}

function* chunksOf(png: Uint8Array): Generator<Chunk> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw malformedImage('The PNG ends in the middle of a chunk.');
    const length = view.getUint32(offset);
    if (length > MAX_PNG_CHUNK_BYTES) throw malformedImage(`The PNG has a chunk of ${length} bytes, over the ${MAX_PNG_CHUNK_BYTES}-byte limit.`);
    const end = offset + 12 + length;
    if (end > png.length) throw malformedImage('The PNG ends in the middle of a chunk.');
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(offset + 8 + length)) throw malformedImage('A PNG chunk fails its checksum: the file is damaged or was altered.');
    const type = String.fromCharCode(...typeAndData.subarray(0, 4));
    yield { type, data: typeAndData.subarray(4), start: offset, end };
    if (type === 'IEND') return;
    offset = end;
  }
  throw malformedImage('The PNG has no end chunk.');
}

/** Splits an iTXt chunk's data: keyword, compression, language, translated keyword, text (PNG spec §11.3.4.5). */
function readItxt(data: Uint8Array): { keyword: string; text: string } {
  const nul = (from: number) => {
    const at = data.indexOf(0, from);
    if (at < 0) throw malformedImage('An iTXt chunk is malformed.');
    return at;
  };
  const keywordEnd = nul(0);
  const keyword = Buffer.from(data.subarray(0, keywordEnd)).toString('latin1');
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = nul(keywordEnd + 3);
  const translatedEnd = nul(languageEnd + 1);
  const raw = data.subarray(translatedEnd + 1);
  const text = compressed ? inflateSync(raw, { maxOutputLength: MAX_PNG_CHUNK_BYTES }) : raw;
  return { keyword, text: Buffer.from(text).toString('utf8') };
}

/** The baked credential text of a PNG. Throws a `credentials.baked_*` AppError when there is none or the file is bad. */
export function extractFromPng(png: Uint8Array): string {
  if (png.length > MAX_BADGE_IMAGE_BYTES) throw imageTooLarge(MAX_BADGE_IMAGE_BYTES);
  if (!isPng(png)) throw malformedImage('The file does not start with the PNG signature.');
  for (const chunk of chunksOf(png)) {
    if (chunk.type !== 'iTXt') continue;
    const { keyword, text } = readItxt(chunk.data);
    if (keyword === PNG_KEYWORD) return text.trim();
  }
  throw noBakedCredential('PNG');
}

/** One PNG chunk: length, type, data and the CRC of type and data (PNG spec §5.3). */
export const pngChunk = (type: string, data: Uint8Array): Uint8Array => {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
};

/** A copy of the PNG carrying `credential` (replacing any earlier baked credential), before IEND. */
export function bakePng(png: Uint8Array, credential: string): Uint8Array {
  if (!isPng(png)) throw malformedImage('The file does not start with the PNG signature.');
  const kept: Uint8Array[] = [SIGNATURE];
  let iend: Uint8Array | undefined;
  for (const c of chunksOf(png)) {
    const bytes = png.subarray(c.start, c.end);
    if (c.type === 'IEND') iend = bytes;
    else if (!(c.type === 'iTXt' && readItxt(c.data).keyword === PNG_KEYWORD)) kept.push(bytes);
  }
  // keyword NUL, compression flag 0, method 0, empty language NUL, empty translated keyword NUL, text.
  const data = Buffer.concat([Buffer.from(PNG_KEYWORD, 'latin1'), Uint8Array.of(0, 0, 0, 0, 0), Buffer.from(credential, 'utf8')]);
  return Buffer.concat([...kept, pngChunk('iTXt', data), iend!]);
}
