import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: unguessable, and short enough for a QR code. Only its hash is stored. */
export const newShareToken = (): string => randomBytes(32).toString('base64url');

export const hashShareToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Tokens are exactly what newShareToken makes; anything else is not looked up at all. */
export const looksLikeShareToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
