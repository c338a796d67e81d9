import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../../accounts/principal.js';
import type { Database } from '../../db/tables.js';
import { forbidden, invalidInput } from '../../errors.js';
import { recordEvent } from '../../tracking/event-log.js';
import { mayAssessment } from '../assessment.access.js';
import { enrolmentClosed, evidenceNotFound, nothingToSubmit, underAssessment } from '../assessment.errors.js';
import { evidenceInput, evidencePublicInput } from '../assessment.schema.js';
import type { EvidenceFiles } from '../evidence/evidence-files.js';
import { attemptsLeft, transition } from '../enrolments/enrolment-state.js';
import { storageKeyInUse, type EnrolmentRecord, type EnrolmentRepository, type EvidenceItemRecord, type NewEvidenceItem, type SubmissionRecord } from '../enrolments/enrolment.repository.js';
import type { EnrolmentDetail, EnrolmentService } from '../enrolments/enrolment.service.js';

export interface SubmissionServiceDeps {
  db: Kysely<Database>;
  enrolments: EnrolmentRepository;
  enrolmentService: EnrolmentService;
  evidenceFiles: EvidenceFiles;
  clock: () => Date;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Refuses evidence changes unless the learner is preparing a (re)submission. */
function assertOpenForEvidence(enrolment: EnrolmentRecord): void {
  if (enrolment.state === 'passed') throw enrolmentClosed('it has passed');
  if (enrolment.state === 'withdrawn') throw enrolmentClosed('it was withdrawn');
  if (enrolment.state === 'not_yet_passed' && attemptsLeft(enrolment.attempts, enrolment.maxResubmissions) === 0) throw enrolmentClosed('no resubmission is left');
  if (enrolment.state !== 'enrolled' && enrolment.state !== 'not_yet_passed') throw underAssessment();
}

/**
 * What a learner hands in: evidence (files, links, narratives, supervisor attestations) gathered in a
 * draft submission per attempt, then submitted. A resubmission starts from a copy of the previous
 * attempt's evidence, so a learner only changes what the feedback asked for.
 */
export function createSubmissionService(deps: SubmissionServiceDeps) {
  const { db, enrolments, enrolmentService, clock } = deps;

  const ownEnrolment = async (principal: Principal, enrolmentId: string): Promise<EnrolmentRecord> => {
    const { enrolment, viewer } = await enrolmentService.readable(principal, enrolmentId);
    if (viewer !== 'learner') throw forbidden('Only the learner hands in evidence.');
    return enrolment;
  };

  /** The open draft of the next attempt, created (with the last attempt's evidence copied in) when missing. */
  async function draftFor(trx: Transaction<Database>, enrolment: EnrolmentRecord): Promise<SubmissionRecord> {
    const current = await enrolments.currentSubmission(trx, enrolment.id);
    if (current && current.submittedAt === null) return current;
    const draft = await enrolments.insertSubmission(trx, enrolment.id, enrolment.attempts + 1);
    if (current) {
      for (const item of await enrolments.evidenceOf([current.id], trx)) {
        const { id: _id, createdAt: _createdAt, ...copy } = item;
        await enrolments.insertEvidence(trx, { ...copy, submissionId: draft.id });
      }
    }
    return draft;
  }

  /** Adds one item inside a transaction holding the enrolment's row lock. */
  async function addItem(enrolmentId: string, actorId: string, item: Omit<NewEvidenceItem, 'submissionId'>): Promise<EvidenceItemRecord> {
    return db.transaction().execute(async (trx) => {
      const enrolment = (await enrolments.findById(enrolmentId, trx, { lock: true }))!;
      assertOpenForEvidence(enrolment);
      const draft = await draftFor(trx, enrolment);
      const added = await enrolments.insertEvidence(trx, { ...item, submissionId: draft.id });
      await recordEvent(trx, {
        type: 'evidence.added',
        actorId,
        organisationId: enrolment.organisationId,
        subjectType: 'enrolment',
        subjectId: enrolment.id,
        payload: { evidenceId: added.id, kind: added.kind, attempt: draft.attempt, sha256: added.contentSha256 },
      });
      return added;
    });
  }

  /** The enrolment, its evidence item and whether the caller is its learner; evidence of other enrolments looks absent. */
  async function evidenceIn(principal: Principal, enrolmentId: string, evidenceId: string) {
    const enrolment = await ownEnrolment(principal, enrolmentId);
    const found = await enrolments.enrolmentOfEvidence(evidenceId);
    if (!found || found.enrolment.id !== enrolment.id) throw evidenceNotFound();
    return { enrolment, evidence: found.evidence };
  }

  return {
    /** Streams the upload into storage (type checked by content), then records it; a refused record removes the file. */
    async addFile(principal: Principal, enrolmentId: string, file: { stream: Readable; fileName: string; declaredType?: string; name?: string; isPublic?: boolean }): Promise<EvidenceItemRecord> {
      const enrolment = await ownEnrolment(principal, enrolmentId);
      // Checked before the bytes are stored too, so a closed enrolment costs no upload.
      assertOpenForEvidence(enrolment);
      const accepted = await deps.evidenceFiles.accept(file.stream, { fileName: file.fileName, ...(file.declaredType ? { declaredType: file.declaredType } : {}) });
      try {
        return await addItem(enrolmentId, enrolment.personId, {
          kind: 'file',
          name: file.name?.trim() || accepted.fileName,
          isPublic: file.isPublic ?? false,
          contentSha256: accepted.sha256,
          file: { key: accepted.key, mediaType: accepted.mediaType, kind: accepted.kind, size: accepted.size, fileName: accepted.fileName },
          url: null,
          narrative: null,
          attestation: null,
        });
      } catch (error) {
        await deps.evidenceFiles.remove(accepted.key);
        throw error;
      }
    },

    /** A link, a narrative or a supervisor's attestation. */
    async addEvidence(principal: Principal, enrolmentId: string, raw: unknown): Promise<EvidenceItemRecord> {
      const enrolment = await ownEnrolment(principal, enrolmentId);
      const parsed = evidenceInput.safeParse(raw);
      if (!parsed.success) throw invalidInput('The evidence is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      const input = parsed.data;
      const base = { isPublic: input.isPublic, file: null, url: null, narrative: null, attestation: null };
      if (input.kind === 'link') return addItem(enrolment.id, enrolment.personId, { ...base, kind: 'link', name: input.name ?? new URL(input.url).hostname, url: input.url, contentSha256: sha256(input.url) });
      if (input.kind === 'narrative') return addItem(enrolment.id, enrolment.personId, { ...base, kind: 'narrative', name: input.name, narrative: input.narrative, contentSha256: sha256(input.narrative) });
      const s = input.supervisor;
      return addItem(enrolment.id, enrolment.personId, {
        ...base,
        kind: 'attestation',
        name: `Attestation by ${s.name}, ${s.role}`,
        attestation: s,
        contentSha256: sha256(JSON.stringify([s.name, s.email.toLowerCase(), s.role, s.statement])),
      });
    },

    /** Removes an item from the draft; the stored file goes too once no attempt refers to it. */
    async removeEvidence(principal: Principal, enrolmentId: string, evidenceId: string): Promise<void> {
      const { enrolment, evidence } = await evidenceIn(principal, enrolmentId, evidenceId);
      const orphanedKey = await db.transaction().execute(async (trx) => {
        const locked = (await enrolments.findById(enrolment.id, trx, { lock: true }))!;
        assertOpenForEvidence(locked);
        const current = await enrolments.currentSubmission(trx, locked.id);
        // Handed-in evidence is the record of what was assessed: only the draft's items can go.
        if (!current || current.id !== evidence.submissionId || current.submittedAt !== null) throw underAssessment();
        await enrolments.deleteEvidence(trx, evidence.id);
        await recordEvent(trx, { type: 'evidence.removed', actorId: locked.personId, organisationId: locked.organisationId, subjectType: 'enrolment', subjectId: locked.id, payload: { evidenceId: evidence.id, kind: evidence.kind } });
        return evidence.file && !(await storageKeyInUse(trx, evidence.file.key)) ? evidence.file.key : null;
      });
      if (orphanedKey) await deps.evidenceFiles.remove(orphanedKey);
    },

    /** The learner decides which evidence the credential embeds; fixed once it is issued. */
    async setPublic(principal: Principal, enrolmentId: string, evidenceId: string, raw: unknown): Promise<EvidenceItemRecord> {
      const { enrolment, evidence } = await evidenceIn(principal, enrolmentId, evidenceId);
      const parsed = evidencePublicInput.safeParse(raw);
      if (!parsed.success) throw invalidInput('Send {"isPublic": true|false}.');
      return db.transaction().execute(async (trx) => {
        const locked = (await enrolments.findById(enrolment.id, trx, { lock: true }))!;
        if (locked.state === 'passed' || locked.state === 'withdrawn') throw enrolmentClosed(locked.state === 'passed' ? 'its credential is issued with the evidence chosen then' : 'it was withdrawn');
        const updated = await enrolments.setEvidencePublic(trx, evidence.id, parsed.data.isPublic);
        await recordEvent(trx, { type: 'evidence.visibility_changed', actorId: locked.personId, organisationId: locked.organisationId, subjectType: 'enrolment', subjectId: locked.id, payload: { evidenceId: evidence.id, isPublic: parsed.data.isPublic } });
        return updated;
      });
    },

    /** Hands in the draft: the enrolment becomes `submitted` and joins the organisation's review queue. */
    async submit(principal: Principal, enrolmentId: string): Promise<EnrolmentDetail> {
      const enrolment = await ownEnrolment(principal, enrolmentId);
      const updated = await db.transaction().execute(async (trx) => {
        const locked = (await enrolments.findById(enrolment.id, trx, { lock: true }))!;
        // Closed enrolments say why; one already handed in is the state machine's 409.
        if (locked.state !== 'submitted' && locked.state !== 'under_review' && locked.state !== 'in_moderation') assertOpenForEvidence(locked);
        else transition(locked.state, 'submit');
        const draft = await draftFor(trx, locked);
        if ((await enrolments.evidenceOf([draft.id], trx)).length === 0) throw nothingToSubmit();
        const moved = await enrolmentService.move(trx, locked, 'submit', locked.personId, { attempts: draft.attempt, payload: { attempt: draft.attempt } });
        await enrolments.markSubmitted(trx, draft.id, clock());
        return moved;
      });
      return enrolmentService.detail(updated, 'learner');
    },

    /**
     * An evidence file, with the storage's safe headers. Its learner and the organisation's assessors and
     * admins may open it; so may anyone once the learner made it public and its credential was issued,
     * because the credential then links to it.
     */
    async openFile(principal: Principal, evidenceId: string): Promise<{ body: Readable; headers: Record<string, string> }> {
      const found = await enrolments.enrolmentOfEvidence(evidenceId);
      const file = found?.evidence.file;
      if (!found || !file) throw evidenceNotFound();
      const { enrolment, evidence } = found;
      const published = evidence.isPublic && enrolment.state === 'passed' && enrolment.credentialId !== null;
      const own = principal.kind === 'person' && principal.person.id === enrolment.personId;
      if (!published && !own && !mayAssessment(principal, 'enrolment.review', { organisationId: enrolment.organisationId })) throw evidenceNotFound();
      return deps.evidenceFiles.open(file);
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
