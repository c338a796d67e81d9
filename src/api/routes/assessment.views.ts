import { z } from 'zod';
import { ENROLMENT_STATES } from '../../assessment/assessment.tables.js';
import { ENROLMENT_ACTIONS } from '../../assessment/enrolments/enrolment-state.js';
import type { EvidenceItemRecord } from '../../assessment/enrolments/enrolment.repository.js';
import type { EnrolmentDetail } from '../../assessment/enrolments/enrolment.service.js';
import type { QueueItem } from '../../assessment/reviews/review.service.js';
import { rubricSchema } from '../../assessment/rubrics/rubric.schema.js';

export const evidenceView = z.object({
  id: z.uuid(),
  kind: z.enum(['file', 'link', 'narrative', 'attestation']),
  name: z.string(),
  isPublic: z.boolean(),
  sha256: z.string(),
  file: z.object({ mediaType: z.string(), kind: z.string(), size: z.number().int(), fileName: z.string(), downloadUrl: z.string() }).nullable(),
  url: z.string().nullable(),
  narrative: z.string().nullable(),
  attestation: z.object({ name: z.string(), email: z.string(), role: z.string(), statement: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
});

const reviewView = z.object({
  id: z.uuid(),
  assessorName: z.string(),
  role: z.enum(['assessor', 'moderator']),
  mine: z.boolean(),
  decision: z.enum(['pass', 'return']).nullable(),
  scores: z.array(z.object({ criterion: z.string(), level: z.string(), comment: z.string().optional() })),
  feedback: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});

export const enrolmentView = z.object({
  id: z.uuid(),
  state: z.enum(ENROLMENT_STATES),
  route: z.enum(['course', 'assessment-only']),
  cohortStartsOn: z.string().nullable(),
  attempts: z.number().int(),
  attemptsLeft: z.number().int(),
  maxResubmissions: z.number().int(),
  closed: z.boolean(),
  allowedActions: z.array(z.enum(ENROLMENT_ACTIONS)),
  credentialId: z.uuid().nullable(),
  requiredReviews: z.number().int(),
  viewer: z.enum(['learner', 'reviewer']),
  achievement: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    version: z.number().int(),
    documentUrl: z.string(),
    organisation: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  }),
  rubric: rubricSchema.nullable(),
  submission: z.object({ id: z.uuid(), attempt: z.number().int(), submittedAt: z.iso.datetime().nullable(), evidence: z.array(evidenceView) }).nullable(),
  reviews: z.array(reviewView),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const queueItemView = z.object({
  enrolmentId: z.uuid(),
  state: z.enum(ENROLMENT_STATES),
  learnerName: z.string(),
  achievementId: z.uuid(),
  achievementTitle: z.string(),
  achievementVersion: z.number().int(),
  route: z.string(),
  attempt: z.number().int(),
  submittedAt: z.iso.datetime().nullable(),
  reviewsNeeded: z.number().int(),
  claims: z.number().int(),
  claimedByMe: z.boolean(),
  decidedByMe: z.boolean(),
});

export const toEvidenceView = (item: EvidenceItemRecord): z.infer<typeof evidenceView> => ({
  id: item.id,
  kind: item.kind,
  name: item.name,
  isPublic: item.isPublic,
  sha256: item.contentSha256,
  file: item.file ? { mediaType: item.file.mediaType, kind: item.file.kind, size: item.file.size, fileName: item.file.fileName, downloadUrl: `/api/v1/evidence/${item.id}/file` } : null,
  url: item.url,
  narrative: item.narrative,
  attestation: item.attestation,
  createdAt: item.createdAt.toISOString(),
});

export const toEnrolmentView = (d: EnrolmentDetail, viewerId: string): z.infer<typeof enrolmentView> => ({
  id: d.enrolment.id,
  state: d.enrolment.state,
  route: d.enrolment.route,
  cohortStartsOn: d.enrolment.cohortStartsOn,
  attempts: d.enrolment.attempts,
  attemptsLeft: d.attemptsLeft,
  maxResubmissions: d.enrolment.maxResubmissions,
  closed: d.closed,
  allowedActions: d.allowedActions,
  credentialId: d.enrolment.credentialId,
  requiredReviews: d.requiredReviews,
  viewer: d.viewer,
  achievement: d.achievement,
  rubric: d.rubric,
  submission: d.submission ? { id: d.submission.id, attempt: d.submission.attempt, submittedAt: d.submission.submittedAt?.toISOString() ?? null, evidence: d.submission.evidence.map(toEvidenceView) } : null,
  reviews: d.reviews.map((r) => ({
    id: r.id,
    // Learners see what was decided and why; who decided is for the organisation.
    assessorName: d.viewer === 'learner' ? (r.role === 'moderator' ? 'Moderator' : 'Assessor') : r.assessorName,
    role: r.role,
    mine: r.assessorId === viewerId,
    decision: r.decision,
    scores: r.scores,
    feedback: r.feedback,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  })),
  createdAt: d.enrolment.createdAt.toISOString(),
  updatedAt: d.enrolment.updatedAt.toISOString(),
});

export const toQueueItemView = (item: QueueItem): z.infer<typeof queueItemView> => ({
  enrolmentId: item.enrolmentId,
  state: item.state,
  learnerName: item.learnerName,
  achievementId: item.achievementId,
  achievementTitle: item.achievementTitle,
  achievementVersion: item.achievementVersion,
  route: item.route,
  attempt: item.attempts,
  submittedAt: item.submittedAt?.toISOString() ?? null,
  reviewsNeeded: item.reviewsNeeded,
  claims: item.claims,
  claimedByMe: item.claimedByMe,
  decidedByMe: item.decidedByMe,
});
