import { AppError, notFound } from '../errors.js';

export const issuerKeyNotFound = (): AppError => notFound('issuing.key_not_found', 'There is no such key for this organisation.');

export const credentialNotFound = (): AppError => notFound('issuing.credential_not_found', 'There is no such credential.');

export const statusListNotFound = (): AppError => notFound('issuing.status_list_not_found', 'There is no such status list.');

export const notAnIssuer = (slug: string): AppError =>
  new AppError({ code: 'issuing.not_an_issuer', status: 409, title: 'Not an issuing organisation', detail: `"${slug}" is not an issuing organisation or industry partner, so it has no keys.` });

export const statusChangeNotAllowed = (detail: string): AppError =>
  new AppError({ code: 'issuing.status_change_not_allowed', status: 409, title: 'Status change not allowed', detail });

export const achievementNotIssuable = (): AppError =>
  new AppError({ code: 'issuing.achievement_not_issuable', status: 422, title: 'Achievement cannot be issued', detail: 'There is no published version of this achievement at this organisation.' });
