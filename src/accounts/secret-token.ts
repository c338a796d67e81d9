import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: session cookies, CSRF tokens and API tokens. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are long random strings, so a plain SHA-256 stored at rest cannot be reversed or guessed. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const API_TOKEN_PREFIX = 'tsr_';
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomToken()}`;
