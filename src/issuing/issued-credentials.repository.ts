import type { Kysely, Transaction } from 'kysely';
import { sha256Hex } from '../accounts/secret-token.js';
import type { Database } from '../db/tables.js';
import type { CredentialKind, CredentialStatusValue } from './issuing.tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface IssuedCredentialRecord {
  id: string;
  organisationId: string;
  kind: CredentialKind;
  achievementId: string | null;
  achievementVersion: number | null;
  recipientPersonId: string | null;
  recipientIdentifier: string;
  credential: Record<string, unknown>;
  /** The compact VC-JWT, for credentials issued in that format. */
  jwt: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  status: CredentialStatusValue;
  revocation: { listId: string; index: number } | null;
  suspension: { listId: string; index: number } | null;
}

export interface StatusChangeRecord {
  action: 'revoke' | 'suspend' | 'reinstate';
  reason: string;
  actorId: string | null;
  occurredAt: Date;
}

export const issuedCredentialColumns = [
  'id', 'organisation_id', 'kind', 'achievement_id', 'achievement_version', 'recipient_person_id', 'recipient_identifier', 'credential', 'jwt',
  'issued_at', 'valid_until', 'status', 'revocation_list_id', 'revocation_index', 'suspension_list_id', 'suspension_index',
] as const;

type Row = {
  id: string;
  organisation_id: string;
  kind: CredentialKind;
  achievement_id: string | null;
  achievement_version: number | null;
  recipient_person_id: string | null;
  recipient_identifier: string;
  credential: Record<string, unknown>;
  jwt: string | null;
  issued_at: Date;
  valid_until: Date | null;
  status: CredentialStatusValue;
  revocation_list_id: string | null;
  revocation_index: number | null;
  suspension_list_id: string | null;
  suspension_index: number | null;
};

const position = (listId: string | null, index: number | null) => (listId !== null && index !== null ? { listId, index } : null);

export const toIssuedCredentialRecord = (row: Row): IssuedCredentialRecord => ({
  id: row.id,
  organisationId: row.organisation_id,
  kind: row.kind,
  achievementId: row.achievement_id,
  achievementVersion: row.achievement_version,
  recipientPersonId: row.recipient_person_id,
  recipientIdentifier: row.recipient_identifier,
  credential: row.credential,
  jwt: row.jwt,
  issuedAt: row.issued_at,
  validUntil: row.valid_until,
  status: row.status,
  revocation: position(row.revocation_list_id, row.revocation_index),
  suspension: position(row.suspension_list_id, row.suspension_index),
});

/** 18 parameters a row: 500 rows stay well under PostgreSQL's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 500;

type NewIssuedCredential = Omit<IssuedCredentialRecord, 'status'> & {
  idempotencyKey: string | null;
  /** For a credential issued by email that no confirmed account holds yet: see emailDigest. */
  unclaimedEmailDigest?: string | null;
};

/** How an issued credential waiting for its address finds it again (migration 0030). */
export const emailDigest = (email: string): string => sha256Hex(email.trim().toLowerCase());

const toRow = (record: NewIssuedCredential) => ({
  id: record.id,
  organisation_id: record.organisationId,
  kind: record.kind,
  achievement_id: record.achievementId,
  achievement_version: record.achievementVersion,
  recipient_person_id: record.recipientPersonId,
  recipient_identifier: record.recipientIdentifier,
  recipient_email_digest: record.unclaimedEmailDigest ?? null,
  credential: JSON.stringify(record.credential),
  jwt: record.jwt,
  issued_at: record.issuedAt,
  valid_until: record.validUntil,
  revocation_list_id: record.revocation?.listId ?? null,
  revocation_index: record.revocation?.index ?? null,
  suspension_list_id: record.suspension?.listId ?? null,
  suspension_index: record.suspension?.index ?? null,
  idempotency_key: record.idempotencyKey,
});

const columns = issuedCredentialColumns;
const toRecord = toIssuedCredentialRecord;

export function createIssuedCredentialsRepository(db: Kysely<Database>) {
  return {
    async find(id: string, executor: Executor = db, options: { lock?: boolean } = {}): Promise<IssuedCredentialRecord | undefined> {
      let query = executor.selectFrom('issued_credentials').select(columns).where('id', '=', id);
      if (options.lock) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && toRecord(row);
    },

    async findByIdempotencyKey(key: string, executor: Executor = db): Promise<IssuedCredentialRecord | undefined> {
      const row = await executor.selectFrom('issued_credentials').select(columns).where('idempotency_key', '=', key).executeTakeFirst();
      return row && toRecord(row);
    },

    async findByIdempotencyKeys(keys: string[]): Promise<Array<{ key: string; record: IssuedCredentialRecord }>> {
      if (keys.length === 0) return [];
      const rows = await db.selectFrom('issued_credentials').select([...columns, 'idempotency_key']).where('idempotency_key', 'in', keys).execute();
      return rows.map((row) => ({ key: row.idempotency_key!, record: toRecord(row) }));
    },

    async insert(trx: Transaction<Database>, record: NewIssuedCredential): Promise<void> {
      await trx.insertInto('issued_credentials').values(toRow(record)).execute();
    },

    /** Many records in multi-row INSERTs (bulk batches): one round trip per few hundred credentials. */
    async insertMany(trx: Transaction<Database>, records: readonly NewIssuedCredential[]): Promise<void> {
      for (let start = 0; start < records.length; start += ROWS_PER_INSERT) {
        await trx.insertInto('issued_credentials').values(records.slice(start, start + ROWS_PER_INSERT).map(toRow)).execute();
      }
    },

    /** Gives the credentials waiting for `email` to the person who just confirmed it; returns them. */
    async claimByEmail(trx: Transaction<Database>, personId: string, email: string): Promise<IssuedCredentialRecord[]> {
      const rows = await trx
        .updateTable('issued_credentials')
        .set({ recipient_person_id: personId, recipient_email_digest: null })
        .where('recipient_email_digest', '=', emailDigest(email))
        .where('recipient_person_id', 'is', null)
        .returning(columns)
        .execute();
      return rows.map(toRecord);
    },

    async setStatus(trx: Transaction<Database>, id: string, status: CredentialStatusValue): Promise<void> {
      await trx.updateTable('issued_credentials').set({ status }).where('id', '=', id).execute();
    },

    async recordStatusChange(trx: Transaction<Database>, change: StatusChangeRecord & { credentialId: string }): Promise<void> {
      await trx
        .insertInto('credential_status_changes')
        .values({ credential_id: change.credentialId, action: change.action, reason: change.reason, actor_id: change.actorId, occurred_at: change.occurredAt })
        .execute();
    },

    async statusHistory(id: string): Promise<StatusChangeRecord[]> {
      const rows = await db.selectFrom('credential_status_changes').select(['action', 'reason', 'actor_id', 'occurred_at']).where('credential_id', '=', id).orderBy('id').execute();
      return rows.map((r) => ({ action: r.action, reason: r.reason, actorId: r.actor_id, occurredAt: r.occurred_at }));
    },

    async ofRecipient(personId: string): Promise<IssuedCredentialRecord[]> {
      const rows = await db.selectFrom('issued_credentials').select(columns).where('recipient_person_id', '=', personId).orderBy('issued_at', 'desc').execute();
      return rows.map(toRecord);
    },

    async endorsementsOf(achievementId: string): Promise<IssuedCredentialRecord[]> {
      const rows = await db
        .selectFrom('issued_credentials')
        .select(columns)
        .where('kind', '=', 'EndorsementCredential')
        .where('achievement_id', '=', achievementId)
        .where('status', '=', 'active')
        .orderBy('issued_at', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    async ofOrganisation(organisationId: string, page: { limit: number; before?: Date }): Promise<IssuedCredentialRecord[]> {
      let query = db.selectFrom('issued_credentials').select(columns).where('organisation_id', '=', organisationId);
      if (page.before) query = query.where('issued_at', '<', page.before);
      const rows = await query.orderBy('issued_at', 'desc').limit(page.limit).execute();
      return rows.map(toRecord);
    },
  };
}

export type IssuedCredentialsRepository = ReturnType<typeof createIssuedCredentialsRepository>;
