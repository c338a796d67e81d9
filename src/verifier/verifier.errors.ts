import { AppError } from '../errors.js';

export const VERIFIER_ERROR_CODES = {
  tooManyItems: 'verifier.too_many_items',
  uploadTooLarge: 'verifier.upload_too_large',
  nothingToVerify: 'verifier.nothing_to_verify',
  shareGone: 'verifier.share_gone',
} as const;

export const tooManyItems = (limit: number): AppError =>
  new AppError({ code: VERIFIER_ERROR_CODES.tooManyItems, status: 413, title: 'Too many credentials', detail: `A batch holds at most ${limit} credentials (bundled ones included); split it into smaller batches.`, extensions: { limit } });

export const uploadTooLarge = (limit: number): AppError =>
  new AppError({ code: VERIFIER_ERROR_CODES.uploadTooLarge, status: 413, title: 'Upload too large', detail: `The files of one batch may add up to ${Math.round(limit / (1024 * 1024))} MB.`, extensions: { limit } });

export const nothingToVerify = (): AppError =>
  new AppError({ code: VERIFIER_ERROR_CODES.nothingToVerify, status: 400, title: 'Nothing to verify', detail: 'Send at least one credential, file or URL.' });

export const shareGone = (): AppError =>
  new AppError({ code: VERIFIER_ERROR_CODES.shareGone, status: 410, title: 'No longer shared', detail: 'This share link is no longer shared: the holder revoked it, or it expired.' });
