import { AppError } from '../../errors.js';

// Key failures are the server's own (configuration or stored data), so they are 500s and reportable; the
// detail never includes key material.

export const KEY_ERROR_CODES = {
  keyDecryptionFailed: 'credentials.key_decryption_failed',
  masterKeyInvalid: 'credentials.master_key_invalid',
} as const;

/** A sealed key could not be opened: wrong master key, or the stored envelope was altered or damaged. */
export const keyDecryptionFailed = (detail: string, cause?: unknown): AppError =>
  new AppError({
    code: KEY_ERROR_CODES.keyDecryptionFailed,
    status: 500,
    title: 'An issuer key could not be decrypted',
    detail,
    reportable: true,
    ...(cause === undefined ? {} : { cause }),
  });

/** `TESSERA_MASTER_KEY` is missing or is not 32 bytes of base64url. */
export const masterKeyInvalid = (detail: string): AppError =>
  new AppError({
    code: KEY_ERROR_CODES.masterKeyInvalid,
    status: 500,
    title: 'The master key is not valid',
    detail,
    reportable: true,
  });
