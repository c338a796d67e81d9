import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type OrganisationKind = 'issuer' | 'industry_partner' | 'employer';
export type MembershipRole = 'admin' | 'assessor' | 'endorser';

export interface PeopleTable {
  id: Generated<string>;
  /** Stored as typed; uniqueness is case-insensitive (an index on lower(email)). */
  email: string;
  display_name: string;
  /** argon2id PHC string; null for people who cannot sign in with a password. */
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  /** When the person followed a confirmation link sent to `email`; until then the address is not trusted as theirs. */
  email_confirmed_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  deleted_at: NullableTimestamp;
}

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: OrganisationKind;
  url: string | null;
  description: string | null;
  /** Which DID method the organisation signs under (column added by the issuing migration). */
  issuer_did_method: Generated<'web' | 'key'>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface MembershipsTable {
  organisation_id: string;
  person_id: string;
  role: MembershipRole;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database copy cannot be replayed as a cookie. */
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  person_id: string;
  name: string;
  /** First characters of the token, shown in lists so people can tell tokens apart. */
  prefix: string;
  /** SHA-256 of the whole token; tokens are long random strings, so a fast hash is the right tool. */
  token_hash: string;
  scopes: string[];
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginFailuresTable {
  /** Lower-cased email, whether or not an account has it: throttling must not reveal which exist. */
  email: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface EmailConfirmationsTable {
  /** SHA-256 of the token in the link; the token itself is only in the email. */
  token_hash: string;
  person_id: string;
  /** The address the link was sent to: it confirms that address only. */
  email: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface AccountsTables {
  people: PeopleTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  email_confirmations: EmailConfirmationsTable;
}
