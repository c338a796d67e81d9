import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { EnrolmentRoute, EnrolmentState, EvidenceItemKind, SupervisorAttestation } from '../assessment.tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface EnrolmentRecord {
  id: string;
  personId: string;
  organisationId: string;
  achievementId: string;
  achievementVersion: number;
  route: EnrolmentRoute;
  cohortStartsOn: string | null;
  state: EnrolmentState;
  attempts: number;
  maxResubmissions: number;
  credentialId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubmissionRecord {
  id: string;
  enrolmentId: string;
  attempt: number;
  submittedAt: Date | null;
  createdAt: Date;
}

export interface EvidenceItemRecord {
  id: string;
  submissionId: string;
  kind: EvidenceItemKind;
  name: string;
  isPublic: boolean;
  contentSha256: string;
  file: { key: string; mediaType: string; kind: string; size: number; fileName: string } | null;
  url: string | null;
  narrative: string | null;
  attestation: SupervisorAttestation | null;
  createdAt: Date;
}

export type NewEvidenceItem = Omit<EvidenceItemRecord, 'id' | 'createdAt' | 'isPublic'> & { isPublic?: boolean };

const toEnrolment = (row: {
  id: string; person_id: string; organisation_id: string; achievement_id: string; achievement_version: number; route: EnrolmentRoute;
  cohort_starts_on: string | Date | null; state: EnrolmentState; attempts: number; max_resubmissions: number; credential_id: string | null; created_at: Date; updated_at: Date;
}): EnrolmentRecord => ({
  id: row.id,
  personId: row.person_id,
  organisationId: row.organisation_id,
  achievementId: row.achievement_id,
  achievementVersion: row.achievement_version,
  route: row.route,
  // PGlite and node-postgres both give dates as Date objects for `date` columns; keep the calendar day.
  cohortStartsOn: row.cohort_starts_on === null ? null : typeof row.cohort_starts_on === 'string' ? row.cohort_starts_on.slice(0, 10) : isoDay(row.cohort_starts_on),
  state: row.state,
  attempts: row.attempts,
  maxResubmissions: row.max_resubmissions,
  credentialId: row.credential_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const isoDay = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const toSubmission = (row: { id: string; enrolment_id: string; attempt: number; submitted_at: Date | null; created_at: Date }): SubmissionRecord => ({
  id: row.id,
  enrolmentId: row.enrolment_id,
  attempt: row.attempt,
  submittedAt: row.submitted_at,
  createdAt: row.created_at,
});

type EvidenceRow = Awaited<ReturnType<ReturnType<typeof evidenceQuery>['executeTakeFirstOrThrow']>>;
const evidenceQuery = (db: Executor) => db.selectFrom('evidence_items').selectAll();
const toEvidence = (row: EvidenceRow): EvidenceItemRecord => ({
  id: row.id,
  submissionId: row.submission_id,
  kind: row.kind,
  name: row.name,
  isPublic: row.is_public,
  contentSha256: row.content_sha256,
  file: row.storage_key === null ? null : { key: row.storage_key, mediaType: row.media_type!, kind: row.file_kind!, size: Number(row.size_bytes), fileName: row.file_name! },
  url: row.url,
  narrative: row.narrative,
  attestation: row.attestation,
  createdAt: row.created_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Enrolments, their submissions (one per attempt) and the evidence in each. */
export function createEnrolmentRepository(db: Kysely<Database>) {
  return {
    async findById(id: string, executor: Executor = db, options: { lock?: boolean } = {}): Promise<EnrolmentRecord | undefined> {
      if (!UUID.test(id)) return undefined;
      let query = executor.selectFrom('enrolments').selectAll().where('id', '=', id);
      // The row lock orders concurrent changes of one enrolment (two submits, two decisions).
      if (options.lock) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toEnrolment(row) : undefined;
    },

    async listForPerson(personId: string): Promise<EnrolmentRecord[]> {
      const rows = await db.selectFrom('enrolments').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
      return rows.map(toEnrolment);
    },

    async latestForPerson(executor: Executor, personId: string, achievementId: string): Promise<EnrolmentRecord[]> {
      const rows = await executor.selectFrom('enrolments').selectAll().where('person_id', '=', personId).where('achievement_id', '=', achievementId).orderBy('created_at', 'desc').execute();
      return rows.map(toEnrolment);
    },

    async insert(trx: Transaction<Database>, values: Omit<EnrolmentRecord, 'id' | 'attempts' | 'credentialId' | 'createdAt' | 'updatedAt' | 'state'> & { at: Date }): Promise<EnrolmentRecord> {
      const row = await trx
        .insertInto('enrolments')
        .values({
          person_id: values.personId,
          organisation_id: values.organisationId,
          achievement_id: values.achievementId,
          achievement_version: values.achievementVersion,
          route: values.route,
          cohort_starts_on: values.cohortStartsOn,
          state: 'enrolled',
          max_resubmissions: values.maxResubmissions,
          created_at: values.at,
          updated_at: values.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEnrolment(row);
    },

    async update(trx: Transaction<Database>, id: string, changes: { state?: EnrolmentState; attempts?: number; credentialId?: string }, at: Date): Promise<EnrolmentRecord> {
      const row = await trx
        .updateTable('enrolments')
        .set({
          updated_at: at,
          ...(changes.state ? { state: changes.state } : {}),
          ...(changes.attempts !== undefined ? { attempts: changes.attempts } : {}),
          ...(changes.credentialId ? { credential_id: changes.credentialId } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEnrolment(row);
    },

    /**
     * Records the enrolment's credential unless one is recorded already: true when this call recorded it.
     * The condition is checked under the row lock, so of two racing callers exactly one gets true.
     */
    async linkCredential(trx: Transaction<Database>, id: string, credentialId: string, at: Date): Promise<boolean> {
      const rows = await trx.updateTable('enrolments').set({ credential_id: credentialId, updated_at: at }).where('id', '=', id).where('credential_id', 'is', null).returning('id').execute();
      return rows.length > 0;
    },

    /** Passed enrolments whose credential was never recorded (a process stopped between the pass and the issue). */
    async passedWithoutCredential(limit: number): Promise<EnrolmentRecord[]> {
      const rows = await db.selectFrom('enrolments').selectAll().where('state', '=', 'passed').where('credential_id', 'is', null).orderBy('created_at').limit(limit).execute();
      return rows.map(toEnrolment);
    },

    /** The newest submission (the open draft, or the one last handed in). */
    async currentSubmission(executor: Executor, enrolmentId: string): Promise<SubmissionRecord | undefined> {
      const row = await executor.selectFrom('submissions').selectAll().where('enrolment_id', '=', enrolmentId).orderBy('attempt', 'desc').limit(1).executeTakeFirst();
      return row ? toSubmission(row) : undefined;
    },

    async submissions(enrolmentId: string): Promise<SubmissionRecord[]> {
      const rows = await db.selectFrom('submissions').selectAll().where('enrolment_id', '=', enrolmentId).orderBy('attempt', 'desc').execute();
      return rows.map(toSubmission);
    },

    async insertSubmission(trx: Transaction<Database>, enrolmentId: string, attempt: number): Promise<SubmissionRecord> {
      return toSubmission(await trx.insertInto('submissions').values({ enrolment_id: enrolmentId, attempt }).returningAll().executeTakeFirstOrThrow());
    },

    async markSubmitted(trx: Transaction<Database>, submissionId: string, at: Date): Promise<void> {
      await trx.updateTable('submissions').set({ submitted_at: at }).where('id', '=', submissionId).execute();
    },

    async evidenceOf(submissionIds: readonly string[], executor: Executor = db): Promise<EvidenceItemRecord[]> {
      if (submissionIds.length === 0) return [];
      const rows = await evidenceQuery(executor).where('submission_id', 'in', submissionIds).orderBy('created_at').orderBy('id').execute();
      return rows.map(toEvidence);
    },

    async findEvidence(executor: Executor, evidenceId: string): Promise<EvidenceItemRecord | undefined> {
      if (!UUID.test(evidenceId)) return undefined;
      const row = await evidenceQuery(executor).where('id', '=', evidenceId).executeTakeFirst();
      return row ? toEvidence(row) : undefined;
    },

    async insertEvidence(trx: Transaction<Database>, item: NewEvidenceItem): Promise<EvidenceItemRecord> {
      const row = await trx
        .insertInto('evidence_items')
        .values({
          submission_id: item.submissionId,
          kind: item.kind,
          name: item.name,
          is_public: item.isPublic ?? false,
          content_sha256: item.contentSha256,
          storage_key: item.file?.key ?? null,
          media_type: item.file?.mediaType ?? null,
          file_kind: item.file?.kind ?? null,
          size_bytes: item.file?.size ?? null,
          file_name: item.file?.fileName ?? null,
          url: item.url,
          narrative: item.narrative,
          attestation: item.attestation === null ? null : JSON.stringify(item.attestation),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEvidence(row);
    },

    async setEvidencePublic(trx: Transaction<Database>, evidenceId: string, isPublic: boolean): Promise<EvidenceItemRecord> {
      return toEvidence(await trx.updateTable('evidence_items').set({ is_public: isPublic }).where('id', '=', evidenceId).returningAll().executeTakeFirstOrThrow());
    },

    async deleteEvidence(trx: Transaction<Database>, evidenceId: string): Promise<void> {
      await trx.deleteFrom('evidence_items').where('id', '=', evidenceId).execute();
    },

    /** The enrolment an evidence item belongs to, for access checks on downloads. */
    async enrolmentOfEvidence(evidenceId: string): Promise<{ evidence: EvidenceItemRecord; enrolment: EnrolmentRecord } | undefined> {
      const evidence = await this.findEvidence(db, evidenceId);
      if (!evidence) return undefined;
      const submission = await db.selectFrom('submissions').select('enrolment_id').where('id', '=', evidence.submissionId).executeTakeFirstOrThrow();
      const enrolment = await this.findById(submission.enrolment_id);
      return enrolment ? { evidence, enrolment } : undefined;
    },
  };
}

export type EnrolmentRepository = ReturnType<typeof createEnrolmentRepository>;

/** Whether any evidence row still names a stored file (copies into a resubmission share it). */
export async function storageKeyInUse(executor: Executor, key: string): Promise<boolean> {
  const row = await executor.selectFrom('evidence_items').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst();
  return row !== undefined;
}
