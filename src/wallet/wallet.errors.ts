import { AppError, notFound } from '../errors.js';
import type { VerificationCheck } from '../credentials/verify/verification-report.js';

/** The wallet's stable problem codes, declared once. */
export const WALLET_ERROR_CODES = {
  credentialNotFound: 'wallet.credential_not_found',
  notACredential: 'wallet.not_a_credential',
  unknownContext: 'wallet.unknown_context',
  notAuthentic: 'wallet.credential_not_authentic',
  svgActiveContent: 'wallet.svg_active_content',
  credentialHidden: 'wallet.credential_hidden',
  issuedNotRemovable: 'wallet.issued_not_removable',
  shareNotFound: 'wallet.share_not_found',
  shareGone: 'wallet.share_gone',
} as const;

const checksOf = (checks: VerificationCheck[]) => ({ checks: checks.map(({ id, outcome, message }) => ({ id, outcome, message })) });

export const walletCredentialNotFound = (): AppError => notFound(WALLET_ERROR_CODES.credentialNotFound, 'There is no such credential in your wallet.');

export const notACredential = (detail: string, checks: VerificationCheck[] = []): AppError =>
  new AppError({ code: WALLET_ERROR_CODES.notACredential, status: 422, title: 'Not a credential', detail, extensions: checksOf(checks) });

export const unknownContext = (detail: string, checks: VerificationCheck[]): AppError =>
  new AppError({ code: WALLET_ERROR_CODES.unknownContext, status: 422, title: 'Unknown credential context', detail, extensions: checksOf(checks) });

export const credentialNotAuthentic = (detail: string, checks: VerificationCheck[]): AppError =>
  new AppError({ code: WALLET_ERROR_CODES.notAuthentic, status: 422, title: 'The credential does not verify', detail, extensions: checksOf(checks) });

export const svgActiveContent = (what: string): AppError =>
  new AppError({
    code: WALLET_ERROR_CODES.svgActiveContent,
    status: 422,
    title: 'SVG with active content',
    detail: `The SVG contains ${what}; badge images must be pictures only, so Tessera does not keep it.`,
  });

export const credentialHidden = (): AppError =>
  new AppError({ code: WALLET_ERROR_CODES.credentialHidden, status: 409, title: 'Credential hidden', detail: 'A hidden credential cannot be shared; show it again first.' });

export const issuedNotRemovable = (): AppError =>
  new AppError({
    code: WALLET_ERROR_CODES.issuedNotRemovable,
    status: 409,
    title: 'Issued here: cannot be removed',
    detail: 'A credential issued on this Tessera stays in your wallet, so that it stays verifiable; hide it instead.',
  });

export const shareNotFound = (): AppError => notFound(WALLET_ERROR_CODES.shareNotFound, 'There is no such share link.');

export const shareGone = (why: 'revoked' | 'expired'): AppError =>
  new AppError({ code: WALLET_ERROR_CODES.shareGone, status: 410, title: 'No longer shared', detail: why === 'revoked' ? 'The holder stopped sharing this link.' : 'This share link has expired.', extensions: { reason: why } });

export const invalidShare = (detail: string): AppError => new AppError({ code: 'wallet.invalid_share', status: 422, title: 'Share not possible', detail });
