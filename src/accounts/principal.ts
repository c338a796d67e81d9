import type { MembershipRole, OrganisationKind } from './accounts.tables.js';

/** Who is calling: nobody, or a person through a session cookie or one of their API tokens. */
export type Principal = AnonymousPrincipal | PersonPrincipal;

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export interface PersonSummary {
  id: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  /** Whether the person confirmed `email` by following the link mailed to it (see email-confirmation.service.ts). */
  emailConfirmed: boolean;
}

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export interface MembershipView {
  organisation: OrganisationSummary;
  role: MembershipRole;
}

export interface PersonPrincipal {
  kind: 'person';
  person: PersonSummary;
  memberships: MembershipView[];
  via: 'session' | 'token';
  /** A session may do whatever the person may; a token only what its scopes allow. */
  scopes: 'all' | readonly string[];
  /** The session's CSRF token (sessions only). */
  csrfToken?: string;
  /** The session id or token id, so the caller can be signed out or the token's use recorded. */
  credentialId: string;
}

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };

export const hasRole = (principal: PersonPrincipal, organisationId: string, role: MembershipRole): boolean =>
  principal.memberships.some((m) => m.organisation.id === organisationId && m.role === role);

/**
 * The operator at the command line: someone with shell access to the server and its configuration, who
 * can do anything a platform admin can. Events record the nil UUID as the actor.
 */
export const OPERATOR: PersonPrincipal = {
  kind: 'person',
  person: { id: '00000000-0000-0000-0000-000000000000', email: 'operator@localhost', displayName: 'tessera CLI operator', isPlatformAdmin: true, emailConfirmed: true },
  memberships: [],
  via: 'session',
  scopes: 'all',
  credentialId: 'cli',
};
