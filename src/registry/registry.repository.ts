import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { RegistryEntry, VettingMethod } from './registry.tables.js';

export interface ApprovalRecord {
  id: string;
  organisationId: string;
  method: VettingMethod;
  evidenceUrl: string | null;
  notes: string;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: Date;
  withdrawnBy: string | null;
  withdrawnByName: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface RegistrySourceRecord {
  id: string;
  url: string;
  publisherDid: string | null;
  entries: RegistryEntry[];
  fetchedAt: Date | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  addedAt: Date;
}

type Db = Kysely<Database> | Transaction<Database>;

/** SQL of the trusted issuer registry: approvals (with history) and the other instances' registries. */
export function createRegistryRepository(db: Kysely<Database>) {
  const approvals = (from: Db = db) =>
    from
      .selectFrom('trusted_issuer_approvals as a')
      .leftJoin('people as approver', 'approver.id', 'a.approved_by')
      .leftJoin('people as withdrawer', 'withdrawer.id', 'a.withdrawn_by')
      .select([
        'a.id',
        'a.organisation_id',
        'a.method',
        'a.evidence_url',
        'a.notes',
        'a.approved_by',
        'approver.display_name as approved_by_name',
        'a.approved_at',
        'a.withdrawn_by',
        'withdrawer.display_name as withdrawn_by_name',
        'a.withdrawn_at',
        'a.withdrawal_reason',
      ]);
  type ApprovalRow = Awaited<ReturnType<ReturnType<typeof approvals>['execute']>>[number];
  const toApproval = (row: ApprovalRow): ApprovalRecord => ({
    id: row.id,
    organisationId: row.organisation_id,
    method: row.method,
    evidenceUrl: row.evidence_url,
    notes: row.notes,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    withdrawnBy: row.withdrawn_by,
    withdrawnByName: row.withdrawn_by_name,
    withdrawnAt: row.withdrawn_at,
    withdrawalReason: row.withdrawal_reason,
  });

  const sourceColumns = ['id', 'url', 'publisher_did', 'entries', 'fetched_at', 'last_error', 'last_attempt_at', 'added_at'] as const;
  const toSource = (row: { id: string; url: string; publisher_did: string | null; entries: RegistryEntry[]; fetched_at: Date | null; last_error: string | null; last_attempt_at: Date | null; added_at: Date }): RegistrySourceRecord => ({
    id: row.id,
    url: row.url,
    publisherDid: row.publisher_did,
    entries: row.entries,
    fetchedAt: row.fetched_at,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    addedAt: row.added_at,
  });

  return {
    /** Every approval, standing and withdrawn, newest first. */
    async allApprovals(): Promise<ApprovalRecord[]> {
      return (await approvals().orderBy('a.approved_at', 'desc').execute()).map(toApproval);
    },

    async standingApprovals(): Promise<ApprovalRecord[]> {
      return (await approvals().where('a.withdrawn_at', 'is', null).orderBy('a.approved_at').execute()).map(toApproval);
    },

    async standingApprovalOf(trx: Db, organisationId: string): Promise<ApprovalRecord | undefined> {
      const row = await approvals(trx).where('a.organisation_id', '=', organisationId).where('a.withdrawn_at', 'is', null).executeTakeFirst();
      return row && toApproval(row);
    },

    async insertApproval(trx: Transaction<Database>, approval: { organisationId: string; method: VettingMethod; evidenceUrl: string | null; notes: string; approvedBy: string; approvedAt: Date }): Promise<string> {
      const row = await trx
        .insertInto('trusted_issuer_approvals')
        .values({ organisation_id: approval.organisationId, method: approval.method, evidence_url: approval.evidenceUrl, notes: approval.notes, approved_by: approval.approvedBy, approved_at: approval.approvedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async withdraw(trx: Transaction<Database>, approvalId: string, withdrawal: { by: string; at: Date; reason: string }): Promise<void> {
      await trx.updateTable('trusted_issuer_approvals').set({ withdrawn_by: withdrawal.by, withdrawn_at: withdrawal.at, withdrawal_reason: withdrawal.reason }).where('id', '=', approvalId).execute();
    },

    async sources(): Promise<RegistrySourceRecord[]> {
      return (await db.selectFrom('trusted_registry_sources').select(sourceColumns).orderBy('added_at').execute()).map(toSource);
    },

    async source(id: string): Promise<RegistrySourceRecord | undefined> {
      const row = await db.selectFrom('trusted_registry_sources').select(sourceColumns).where('id', '=', id).executeTakeFirst();
      return row && toSource(row);
    },

    async sourceByUrl(url: string): Promise<RegistrySourceRecord | undefined> {
      const row = await db.selectFrom('trusted_registry_sources').select(sourceColumns).where('url', '=', url).executeTakeFirst();
      return row && toSource(row);
    },

    async insertSource(trx: Transaction<Database>, source: { url: string; addedBy: string }): Promise<string> {
      const row = await trx.insertInto('trusted_registry_sources').values({ url: source.url, added_by: source.addedBy }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * Claims the source least recently tried among those not tried since `staleBefore`: its attempt time moves
     * to `now` in the statement that locks it, so another process skips it and each is refreshed once.
     */
    async claimStale(now: Date, staleBefore: Date): Promise<RegistrySourceRecord | undefined> {
      return db.transaction().execute(async (trx) => {
        const stale = await trx
          .selectFrom('trusted_registry_sources')
          .select('id')
          .where((eb) => eb.or([eb('last_attempt_at', 'is', null), eb('last_attempt_at', '<', staleBefore)]))
          .orderBy(sql`last_attempt_at nulls first`)
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!stale) return undefined;
        const row = await trx.updateTable('trusted_registry_sources').set({ last_attempt_at: now }).where('id', '=', stale.id).returning(sourceColumns).executeTakeFirstOrThrow();
        return toSource(row);
      });
    },

    async recordHarvest(id: string, harvest: { at: Date } & ({ publisherDid: string; entries: RegistryEntry[] } | { error: string })): Promise<void> {
      await db
        .updateTable('trusted_registry_sources')
        .set('error' in harvest ? { last_error: harvest.error, last_attempt_at: harvest.at } : { publisher_did: harvest.publisherDid, entries: JSON.stringify(harvest.entries), fetched_at: harvest.at, last_error: null, last_attempt_at: harvest.at })
        .where('id', '=', id)
        .execute();
    },

    async deleteSource(trx: Transaction<Database>, id: string): Promise<boolean> {
      const result = await trx.deleteFrom('trusted_registry_sources').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
