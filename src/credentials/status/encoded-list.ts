import { gzipSync, gunzipSync } from 'node:zlib';
import { AppError } from '../../errors.js';
import { bitstringFromBytes, type Bitstring } from './bitstring.js';

/**
 * `encodedList`: the bitstring GZIP-compressed (RFC 1952), then Multibase base64url without padding,
 * i.e. `u` + base64url (spec §3.3 Bitstring Generation, §3.4 Bitstring Expansion).
 * StatusList2021, its predecessor, wrote the same without the `u` prefix.
 */
const MULTIBASE_BASE64URL = 'u';

/** Largest bitstring accepted when expanding, so a small gzip bomb cannot exhaust memory. 16 MiB. */
export const DEFAULT_MAX_BITSTRING_BYTES = 16 * 1024 * 1024;

export const STATUS_LIST_MALFORMED = 'credentials.status_list_malformed';

const malformed = (detail: string, cause?: unknown): AppError =>
  new AppError({ code: STATUS_LIST_MALFORMED, status: 422, title: 'The status list is malformed', detail, ...(cause === undefined ? {} : { cause }) });

export const encodeBitstring = (bitstring: Bitstring): string =>
  MULTIBASE_BASE64URL + gzipSync(bitstring.bytes).toString('base64url');

/**
 * Expands an `encodedList`. `multibase: 'required'` (Bitstring Status List) insists on the `u` prefix;
 * `'optional'` also accepts StatusList2021's bare base64url.
 * @throws AppError `credentials.status_list_malformed` for anything that is not base64url-encoded GZIP.
 */
export const decodeEncodedList = (
  encodedList: string,
  options: { multibase?: 'required' | 'optional'; maxBytes?: number } = {},
): Bitstring => {
  const prefixed = encodedList.startsWith(MULTIBASE_BASE64URL);
  if (!prefixed && options.multibase !== 'optional') throw malformed('encodedList lacks the multibase base64url prefix "u".');
  const text = prefixed ? encodedList.slice(1) : encodedList;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) throw malformed('encodedList is not base64url.');
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(text, 'base64url'), { maxOutputLength: options.maxBytes ?? DEFAULT_MAX_BITSTRING_BYTES });
  } catch (error) {
    throw malformed('encodedList is not GZIP data, or expands beyond the size limit.', error);
  }
  if (bytes.length === 0) throw malformed('encodedList expands to an empty bitstring.');
  return bitstringFromBytes(bytes);
};
