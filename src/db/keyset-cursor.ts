import { invalidInput } from '../errors.js';

/**
 * An opaque cursor for keyset pages ordered by (timestamp desc, uuid desc): the position of the last row
 * shown, so a page never skips or repeats rows when new ones arrive meanwhile (an offset would).
 */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export const encodeKeysetCursor = ({ at, id }: KeysetPosition): string => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

/** Throws `request.invalid` for anything this API did not give out. */
export function decodeKeysetCursor(cursor: string): KeysetPosition {
  const [text, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(text ?? '');
  if (Number.isNaN(at.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id)) throw invalidInput('The `before` cursor is not one this API gave out.');
  return { at, id };
}
