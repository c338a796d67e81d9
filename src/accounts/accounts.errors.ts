import { AppError, conflict, notFound } from '../errors.js';

export const invalidCredentials = (): AppError =>
  new AppError({ code: 'auth.invalid_credentials', status: 401, title: 'Sign-in failed', detail: 'The email or password is not correct.' });

export const tooManyAttempts = (retryAfterSeconds: number): AppError =>
  new AppError({
    code: 'auth.too_many_attempts',
    status: 429,
    title: 'Too many failed sign-ins',
    detail: `Sign-in for this email is paused after repeated failures. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    extensions: { retryAfterSeconds },
  });

export const csrfFailed = (): AppError =>
  new AppError({
    code: 'auth.csrf_failed',
    status: 403,
    title: 'Missing or wrong CSRF token',
    detail: 'Requests that change data with a session cookie must send the x-csrf-token header from GET /api/v1/me.',
  });

export const tokenScopeMissing = (scope: string): AppError =>
  new AppError({ code: 'auth.scope_missing', status: 403, title: 'Token scope missing', detail: `This API token lacks the "${scope}" scope.` });

export const sessionRequired = (): AppError =>
  new AppError({ code: 'auth.session_required', status: 403, title: 'Sign-in session required', detail: 'Only a signed-in session may do this; API tokens cannot. Sign in to do it.' });

export const emailTaken = (): AppError => conflict('accounts.email_taken', 'An account with this email already exists.');

export const organisationSlugTaken = (slug: string): AppError =>
  conflict('accounts.organisation_slug_taken', `An organisation with the slug "${slug}" already exists.`);

export const organisationNotFound = (slug: string): AppError =>
  notFound('accounts.organisation_not_found', `There is no organisation "${slug}".`);

export const personNotFound = (): AppError => notFound('accounts.person_not_found', 'There is no such person.');

export const membershipExists = (): AppError => conflict('accounts.membership_exists', 'This person already has this role here.');

export const apiTokenNotFound = (): AppError => notFound('accounts.api_token_not_found', 'There is no such API token.');

export const unknownScopes = (scopes: string[]): AppError =>
  new AppError({ code: 'accounts.unknown_scope', status: 400, title: 'Unknown scope', detail: `Unknown scopes: ${scopes.join(', ')}.`, extensions: { scopes } });

export const confirmationLinkInvalid = (): AppError =>
  new AppError({
    code: 'auth.confirmation_invalid',
    status: 400,
    title: 'Confirmation link not valid',
    detail: 'This confirmation link is not valid: it may be incomplete, replaced by a newer one, or for an address the account no longer has. Sign in and ask for a new link.',
  });

export const confirmationLinkExpired = (): AppError =>
  new AppError({ code: 'auth.confirmation_expired', status: 400, title: 'Confirmation link expired', detail: 'This confirmation link has expired. Sign in and ask for a new link.' });

export const confirmationTooSoon = (retryAfterSeconds: number): AppError =>
  new AppError({
    code: 'auth.confirmation_too_soon',
    status: 429,
    title: 'A link was sent moments ago',
    detail: `A confirmation link was just sent. Check your mail (and its spam folder), or ask again in ${retryAfterSeconds} second(s).`,
    extensions: { retryAfterSeconds },
  });

export const emailAlreadyConfirmed = (): AppError => conflict('auth.email_already_confirmed', 'Your email address is already confirmed.');

export const memberEmailUnconfirmed = (): AppError =>
  conflict('accounts.member_email_unconfirmed', 'This person has not confirmed their email address yet, so it cannot be trusted to name them. Ask them to follow the link Tessera emailed them, then try again.');
