import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type HoldingSource = 'file' | 'image' | 'url' | 'paste';
export type HoldingImageType = 'image/png' | 'image/svg+xml';

export interface WalletHoldingsTable {
  id: string;
  person_id: string;
  source: HoldingSource;
  source_url: string | null;
  credential: Json<Record<string, unknown>>;
  jwt: string | null;
  fingerprint: string;
  image_type: HoldingImageType | null;
  image: Buffer | null;
  report: Json<Record<string, unknown>>;
  verified_at: Timestamp;
  imported_at: Timestamp;
}

export interface WalletHiddenCredentialsTable {
  person_id: string;
  credential_id: string;
  hidden_at: Timestamp;
}

export interface WalletSharesTable {
  id: string;
  person_id: string;
  token_hash: string;
  title: string | null;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  view_count: ColumnType<number, number | undefined, number>;
  last_viewed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface WalletShareItemsTable {
  share_id: string;
  credential_id: string;
  position: number;
  shown_evidence: Json<number[]>;
}

export interface WalletTables {
  wallet_holdings: WalletHoldingsTable;
  wallet_hidden_credentials: WalletHiddenCredentialsTable;
  wallet_shares: WalletSharesTable;
  wallet_share_items: WalletShareItemsTable;
}
