import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = Record<string, unknown>> = ColumnType<T, string, string>;

export type IssuerKeyStatus = 'active' | 'retired' | 'compromised';
export type StatusPurpose = 'revocation' | 'suspension';
export type CredentialKind = 'OpenBadgeCredential' | 'EndorsementCredential' | 'ClrCredential' | 'VerifiableCredential';
export type CredentialStatusValue = 'active' | 'revoked' | 'suspended';

export interface IssuerKeysTable {
  id: Generated<string>;
  organisation_id: string;
  public_key_multibase: string;
  /** The Ed25519 seed sealed in an AES-256-GCM envelope under the master key (key-envelope.ts). */
  sealed_secret_key: string;
  status: IssuerKeyStatus;
  created_at: CreatedAt;
  retired_at: NullableTimestamp;
  compromised_at: NullableTimestamp;
}

export interface StatusListsTable {
  id: Generated<string>;
  organisation_id: string;
  purpose: StatusPurpose;
  length: number;
  /** The published bits: 1 = revoked (or suspended). */
  status_bits: Buffer;
  /** Which positions are handed out, so none is given twice. Never published. */
  allocated_bits: Buffer;
  allocated_count: Generated<number>;
  is_full: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** The last signed BitstringStatusListCredential; re-signed when older than updated_at. */
  signed_credential: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  signed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface IssuedCredentialsTable {
  id: string;
  organisation_id: string;
  kind: CredentialKind;
  achievement_id: string | null;
  achievement_version: number | null;
  recipient_person_id: string | null;
  /** A DID, or the hashed-email identity of the recipient. */
  recipient_identifier: string;
  /** SHA-256 of the lower-cased address, while a credential issued by email waits for a confirmed account; else null. */
  recipient_email_digest: ColumnType<string | null, string | null | undefined, string | null>;
  credential: Json;
  jwt: string | null;
  issued_at: ColumnType<Date, Date | string, never>;
  valid_until: ColumnType<Date | null, Date | string | null, never>;
  revocation_list_id: string | null;
  revocation_index: number | null;
  suspension_list_id: string | null;
  suspension_index: number | null;
  status: ColumnType<CredentialStatusValue, CredentialStatusValue | undefined, CredentialStatusValue>;
  idempotency_key: string | null;
}

export interface CredentialStatusChangesTable {
  id: Generated<number>;
  credential_id: string;
  action: 'revoke' | 'suspend' | 'reinstate';
  reason: string;
  actor_id: string | null;
  occurred_at: CreatedAt;
}

export interface IssuingTables {
  issuer_keys: IssuerKeysTable;
  status_lists: StatusListsTable;
  issued_credentials: IssuedCredentialsTable;
  credential_status_changes: CredentialStatusChangesTable;
}
