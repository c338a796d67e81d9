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
  /** When the learner proved control of it (a did:key Tessera made: when made); null: not used until proved. */
  proved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface HolderDidChallengesTable {
  person_id: string;
  /** The DID the challenge was asked for: an answer signed by another DID does not count. */
  did: string;
  challenge: string;
  /** Asking again replaces the challenge, and with it this time. */
  created_at: Timestamp;
  expires_at: Timestamp;
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
  holder_did_challenges: HolderDidChallengesTable;
  wallet_transcripts: WalletTranscriptsTable;
}
