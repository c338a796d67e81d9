import { AppError, conflict, notFound } from '../../errors.js';

/** Errors of the learner's exports, holder DID, presentations and account deletion. */
export const WALLET_EXPORT_ERROR_CODES = {
  invalidHolderDid: 'wallet.holder_did_invalid',
  noHolderDid: 'wallet.holder_did_missing',
  holderKeyNotManaged: 'wallet.holder_key_not_managed',
  holderProofRequired: 'wallet.holder_proof_required',
  holderChallengeMissing: 'wallet.holder_challenge_missing',
  holderProofInvalid: 'wallet.holder_proof_invalid',
  credentialNotExportable: 'wallet.credential_not_exportable',
  transcriptNotFound: 'wallet.transcript_not_found',
  mixedIssuers: 'wallet.transcript_mixed_issuers',
  deletionNotConfirmed: 'accounts.deletion_not_confirmed',
  deletionBlocked: 'accounts.deletion_blocked',
} as const;

const unprocessable = (code: string, title: string, detail: string): AppError => new AppError({ code, status: 422, title, detail });

export const invalidHolderDid = (detail: string): AppError => unprocessable(WALLET_EXPORT_ERROR_CODES.invalidHolderDid, 'Not a DID Tessera can bind credentials to', detail);
export const noHolderDid = (): AppError => notFound(WALLET_EXPORT_ERROR_CODES.noHolderDid, 'You have no holder DID yet: add your own or have a did:key made for you.');
export const holderKeyNotManaged = (did: string): AppError =>
  conflict(WALLET_EXPORT_ERROR_CODES.holderKeyNotManaged, `${did} is your own DID: Tessera does not hold its key, so sign presentations with your own wallet (or have a did:key made here).`);
export const holderProofRequired = (did: string): AppError =>
  unprocessable(
    WALLET_EXPORT_ERROR_CODES.holderProofRequired,
    'Prove that the DID is yours',
    `Ask for a challenge (POST /api/v1/me/holder-did/challenge with {"did": "${did}"}), sign a Verifiable Presentation with the DID's key for that challenge and domain (for example with \`tessera holder prove\`), and send it here as "presentation".`,
  );
export const holderChallengeMissing = (): AppError =>
  new AppError({
    code: WALLET_EXPORT_ERROR_CODES.holderChallengeMissing,
    status: 400,
    title: 'No open challenge for this DID',
    detail: 'There is no open challenge for this DID: it expired, was used, or was asked for another DID. Ask for a new challenge and sign it.',
  });
export const holderProofInvalid = (reasons: string[]): AppError =>
  new AppError({ code: WALLET_EXPORT_ERROR_CODES.holderProofInvalid, status: 422, title: 'The proof does not show control of the DID', detail: reasons.join(' '), extensions: { reasons } });
export const credentialNotExportable = (detail: string): AppError => unprocessable(WALLET_EXPORT_ERROR_CODES.credentialNotExportable, 'This credential cannot be exported that way', detail);
export const transcriptNotFound = (): AppError => notFound(WALLET_EXPORT_ERROR_CODES.transcriptNotFound, 'There is no such transcript.');
export const mixedIssuers = (): AppError =>
  unprocessable(WALLET_EXPORT_ERROR_CODES.mixedIssuers, 'Credentials of several issuers', 'A transcript mixing issuers is signed with your holder key: have a did:key made for you first (Account page), or choose credentials of one issuer.');
export const deletionNotConfirmed = (): AppError =>
  new AppError({ code: WALLET_EXPORT_ERROR_CODES.deletionNotConfirmed, status: 400, title: 'Deletion not confirmed', detail: 'Type your email address exactly to confirm that your account should be deleted.' });
export const deletionBlocked = (detail: string): AppError => conflict(WALLET_EXPORT_ERROR_CODES.deletionBlocked, detail);
