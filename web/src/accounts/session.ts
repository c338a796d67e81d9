import { ApiError, api } from '../api/client.js';

export type OrganisationKind = 'issuer' | 'industry_partner' | 'employer';
export type MembershipRole = 'admin' | 'assessor' | 'endorser';

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export interface Membership {
  organisation: OrganisationSummary;
  role: MembershipRole;
}

/** What `GET /api/v1/me` and sign-in answer: who is signed in and in which organisations. */
export interface SessionView {
  /** `emailConfirmed`: whether the person followed the link mailed to `email`; until then it links nothing to them. */
  person: { id: string; email: string; displayName: string; isPlatformAdmin: boolean; emailConfirmed: boolean };
  memberships: Membership[];
  /** Sent back as `x-csrf-token` on writes made with the session cookie; null when signed in by API token. */
  csrfToken: string | null;
}

/** Error codes of the accounts API the screens react to. */
export const accountErrorCodes = {
  invalidCredentials: 'auth.invalid_credentials',
  tooManyAttempts: 'auth.too_many_attempts',
  csrfFailed: 'auth.csrf_failed',
} as const;

/** The current session, or null when nobody is signed in (the server answers 401). */
export async function fetchSession(): Promise<SessionView | null> {
  try {
    return await api.get<SessionView>('/api/v1/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function signIn(credentials: { email: string; password: string }): Promise<SessionView> {
  return api.post<SessionView>('/api/v1/auth/sign-in', credentials);
}

export function signOut(): Promise<void> {
  return api.post<void>('/api/v1/auth/sign-out');
}

/** Creates a learner account and signs it in; anyone may, organisations then give roles to people. */
export function signUp(input: { displayName: string; email: string; password: string }): Promise<SessionView> {
  return api.post<SessionView>('/api/v1/auth/sign-up', input);
}

/** Follows the link mailed at sign-up: the token from its fragment. Works signed in or not. */
export function confirmEmail(token: string): Promise<{ email: string; credentialsClaimed: number }> {
  return api.post<{ email: string; credentialsClaimed: number }>('/api/v1/auth/confirm-email', { token });
}

/** Mails the signed-in person a new confirmation link (the server paces these). */
export function requestConfirmationLink(): Promise<{ sentTo: string }> {
  return api.post<{ sentTo: string }>('/api/v1/me/email-confirmation');
}
