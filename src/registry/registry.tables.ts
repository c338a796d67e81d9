import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type VettingMethod = 'accreditation_register' | 'company_register' | 'government_record' | 'official_website' | 'documents' | 'other';

/** A platform admin's approval of an issuing organisation, and its withdrawal (migration 0021). */
export interface TrustedIssuerApprovalsTable {
  id: Generated<string>;
  organisation_id: string;
  method: VettingMethod;
  evidence_url: string | null;
  notes: ColumnType<string, string | undefined, string>;
  approved_by: string | null;
  approved_at: Timestamp;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: NullableTimestamp;
  withdrawal_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Another Tessera instance's published registry that this one trusts too. */
export interface TrustedRegistrySourcesTable {
  id: Generated<string>;
  url: string;
  publisher_did: ColumnType<string | null, string | null | undefined, string | null>;
  entries: Json<RegistryEntry[]>;
  fetched_at: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  last_attempt_at: NullableTimestamp;
  added_by: string | null;
  added_at: ColumnType<Date, Date | string | undefined, never>;
}

/** One approved issuer as a published registry lists it. */
export interface RegistryEntry {
  /** Every DID the issuer signs under (its did:web and the did:key of each key). */
  ids: string[];
  name: string;
  url?: string;
  method: VettingMethod;
  approvedAt: string;
}

export type CandidateOutcome = 'verified' | 'warnings' | 'not_verified' | 'unreadable';

/** An employer's saved candidate share link, with its last verification (migration 0021). */
export interface EmployerCandidatesTable {
  id: Generated<string>;
  organisation_id: string;
  share_url: string;
  note: ColumnType<string, string | undefined, string>;
  last_outcome: ColumnType<CandidateOutcome | null, CandidateOutcome | null | undefined, CandidateOutcome | null>;
  last_detail: ColumnType<string | null, string | null | undefined, string | null>;
  last_summary: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  last_verified_at: NullableTimestamp;
  added_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RegistryTables {
  trusted_issuer_approvals: TrustedIssuerApprovalsTable;
  trusted_registry_sources: TrustedRegistrySourcesTable;
  employer_candidates: EmployerCandidatesTable;
}
