import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { AchievementRepository } from '../catalog/achievement.repository.js';
import type { Database } from '../db/tables.js';
import type { IssuanceService } from '../issuing/issuance.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { EvidenceFiles } from './evidence/evidence-files.js';
import { createEnrolmentRepository } from './enrolments/enrolment.repository.js';
import { createEnrolmentService } from './enrolments/enrolment.service.js';
import { createCredentialOnPass, issueMissingCredentials } from './reviews/credential-on-pass.js';
import { createReviewRepository } from './reviews/review.repository.js';
import { createReviewService } from './reviews/review.service.js';
import { createSubmissionService } from './submissions/submission.service.js';

export interface AssessmentDeps {
  db: Kysely<Database>;
  achievements: Pick<AchievementRepository, 'findById' | 'versions' | 'version'>;
  organisations: Pick<OrganisationsRepository, 'findById' | 'findBySlug'>;
  issuance: Pick<IssuanceService, 'issueFor'>;
  notifications: NotificationsService | null;
  evidenceFiles: EvidenceFiles;
  clock: () => Date;
  publicUrl: string;
}

/** Earning, wired: enrolments, submissions and reviews over one set of repositories. */
export function createAssessment(deps: AssessmentDeps) {
  const { db, clock, publicUrl } = deps;
  const enrolments = createEnrolmentRepository(db);
  const reviews = createReviewRepository(db);
  const enrolmentService = createEnrolmentService({ db, enrolments, reviews, achievements: deps.achievements, clock, publicUrl });
  const issueForPass = createCredentialOnPass({ db, enrolments, enrolmentService, reviews, issuance: deps.issuance, organisations: deps.organisations, notifications: deps.notifications, publicUrl });
  return {
    enrolments: enrolmentService,
    submissions: createSubmissionService({ db, enrolments, enrolmentService, evidenceFiles: deps.evidenceFiles, clock }),
    reviews: createReviewService({ db, enrolments, enrolmentService, reviews, organisations: deps.organisations, notifications: deps.notifications, issueForPass, clock }),
    /** Start-up: issues the credentials passes left without one (see issueMissingCredentials). */
    issueMissingCredentials: (onError: (error: unknown, enrolment: { id: string }) => void) => issueMissingCredentials({ enrolments, issueForPass }, onError),
  };
}

export type Assessment = ReturnType<typeof createAssessment>;
