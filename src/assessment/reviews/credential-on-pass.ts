import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { Database } from '../../db/tables.js';
import type { IssuanceService } from '../../issuing/issuance.service.js';
import type { NotificationsService } from '../../notifications/notifications.service.js';
import { recordEvent } from '../../tracking/event-log.js';
import type { EnrolmentRecord, EnrolmentRepository, EvidenceItemRecord } from '../enrolments/enrolment.repository.js';
import type { EnrolmentService } from '../enrolments/enrolment.service.js';
import type { CriterionScoreRow } from '../assessment.tables.js';
import type { ReviewRecord, ReviewRepository } from './review.repository.js';

export interface CredentialOnPassDeps {
  db: Kysely<Database>;
  enrolments: EnrolmentRepository;
  enrolmentService: Pick<EnrolmentService, 'load'>;
  reviews: ReviewRepository;
  issuance: Pick<IssuanceService, 'issueFor'>;
  organisations: Pick<OrganisationsRepository, 'findById'>;
  notifications: NotificationsService | null;
  publicUrl: string;
}

/** The idempotency key of an enrolment's credential: however often issuing is retried, one credential. */
export const enrolmentIdempotencyKey = (enrolmentId: string): string => `enrolment:${enrolmentId}`;

/** Where a public evidence file is fetched from: the id a credential's Evidence carries. */
export const evidenceFileUrl = (publicUrl: string, evidenceId: string): string => `${publicUrl}/api/v1/evidence/${evidenceId}/file`;

/** OB 3.0 Evidence for a piece the learner made public; a supervisor's email stays out of the credential. */
export function toOpenBadgeEvidence(item: EvidenceItemRecord, publicUrl: string): Record<string, string> {
  switch (item.kind) {
    case 'file':
      return { id: evidenceFileUrl(publicUrl, item.id), name: item.name, genre: 'File', description: `${item.file!.mediaType}, ${item.file!.size} bytes, SHA-256 ${item.contentSha256}` };
    case 'link':
      return { id: item.url!, name: item.name, genre: 'Link' };
    case 'narrative':
      return { name: item.name, narrative: item.narrative!, genre: 'Narrative' };
    case 'attestation': {
      const a = item.attestation!;
      return { name: item.name, narrative: `${a.statement}\n\n${a.name}, ${a.role}`, genre: 'Supervisor attestation' };
    }
  }
}

/** The scores the pass rests on: the moderator's when there was moderation, else the last passing assessor's. */
export function decisiveScores(reviews: readonly ReviewRecord[]): CriterionScoreRow[] {
  const decided = reviews.filter((r) => r.decision === 'pass');
  const moderator = decided.find((r) => r.role === 'moderator');
  return (moderator ?? decided[decided.length - 1])?.scores ?? [];
}

/**
 * Issues the credential of a passed enrolment through the issuance service, with a result per rubric
 * criterion (the level reached) and per outcome, and the learner's public evidence; records it on the
 * enrolment and tells the learner. Safe to call again: the idempotency key makes a retry return the
 * first credential, and `enrolment.credential_issued` is recorded once, by the call that links it.
 */
export function createCredentialOnPass(deps: CredentialOnPassDeps) {
  return async function issueForPass(enrolment: EnrolmentRecord, actorId: string | null): Promise<string> {
    if (enrolment.credentialId) return enrolment.credentialId;
    const { version } = await deps.enrolmentService.load(enrolment);
    const submission = (await deps.enrolments.currentSubmission(deps.db, enrolment.id))!;
    const scores = decisiveScores(await deps.reviews.reviewsOf([submission.id]));
    const evidence = (await deps.enrolments.evidenceOf([submission.id])).filter((e) => e.isPublic);
    const outcomes = [...new Set((version.definition.rubric?.criteria ?? []).flatMap((c) => c.outcomes))];
    const organisation = (await deps.organisations.findById(enrolment.organisationId))!;
    const { record } = await deps.issuance.issueFor(
      organisation,
      {
        achievementId: enrolment.achievementId,
        version: enrolment.achievementVersion,
        recipient: { personId: enrolment.personId },
        results: outcomes.map((outcome) => ({ outcome, status: 'Completed' as const })),
        criterionResults: scores.map((s) => ({ criterion: s.criterion, level: s.level })),
        evidence: evidence.map((e) => toOpenBadgeEvidence(e, deps.publicUrl)),
        idempotencyKey: enrolmentIdempotencyKey(enrolment.id),
      },
      actorId,
    );
    await deps.db.transaction().execute(async (trx) => {
      // Only the call that records the credential tells the event log and the learner: a retry, or the
      // start-up recovery racing a reviewer's retry, finds it recorded and adds nothing.
      if (!(await deps.enrolments.linkCredential(trx, enrolment.id, record.id, new Date(record.issuedAt)))) return;
      await recordEvent(trx, { type: 'enrolment.credential_issued', actorId, organisationId: enrolment.organisationId, subjectType: 'enrolment', subjectId: enrolment.id, payload: { credentialId: record.id } });
      await deps.notifications?.notify(trx, {
        personId: enrolment.personId,
        kind: 'enrolment.passed',
        title: `You passed ${version.definition.title}`,
        body: `Your assessor passed your submission. Your credential for ${version.definition.title} is issued and in your wallet.`,
        link: `/learning/${enrolment.id}`,
      });
    });
    return record.id;
  };
}

/**
 * Start-up: issues the credential of every passed enrolment that has none, which is what a process killed
 * between the pass's commit and the issue leaves behind (the credential may even exist already, under the
 * enrolment's idempotency key; it is then linked, not issued again). One enrolment's failure is reported
 * and does not stop the others; it is tried again at the next start or by a reviewer.
 */
export async function issueMissingCredentials(
  deps: { enrolments: Pick<EnrolmentRepository, 'passedWithoutCredential'>; issueForPass: (enrolment: EnrolmentRecord, actorId: string | null) => Promise<string> },
  onError: (error: unknown, enrolment: EnrolmentRecord) => void,
): Promise<{ issued: number; failed: number }> {
  const result = { issued: 0, failed: 0 };
  const seen = new Set<string>();
  for (;;) {
    const batch = (await deps.enrolments.passedWithoutCredential(100)).filter((enrolment) => !seen.has(enrolment.id));
    if (batch.length === 0) return result;
    for (const enrolment of batch) {
      seen.add(enrolment.id);
      try {
        await deps.issueForPass(enrolment, null);
        result.issued += 1;
      } catch (error) {
        result.failed += 1;
        onError(error, enrolment);
      }
    }
  }
}
