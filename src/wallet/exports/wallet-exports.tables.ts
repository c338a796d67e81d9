import type { ColumnType, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface HolderDidsTable {
  person_id: string;
  did: string;
  method: 'key' | 'web';
  sealed_secret_key: string | null;
  /** When the current DID was set (replacing one resets it). */
  created_at: Timestamp;
}

export interface WalletTranscriptsTable {
  id: string;
  person_id: string;
  credential: JSONColumnType<Record<string, unknown>, string, string>;
  credential_ids: string[];
  created_at: CreatedAt;
}

export interface WalletExportsTables {
  holder_dids: HolderDidsTable;
  wallet_transcripts: WalletTranscriptsTable;
}
