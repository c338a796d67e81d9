import { createBulkIssuanceService, type BulkIssuanceService } from '../../src/assessment/bulk/bulk-issuance.service.js';
import { createBulkJobsRepository } from '../../src/assessment/bulk/bulk-jobs.repository.js';
import { createOrganisationsRepository } from '../../src/accounts/organisations.repository.js';
import type { TestApp } from './test-app.js';

/** A bulk issuance service over a test app's database and issuance, with the test's own issuable rule. */
export function bulkServiceOf(app: TestApp, isIssuable: (achievementId: string, organisationId: string) => Promise<boolean>): BulkIssuanceService {
  const { db } = app.database;
  return createBulkIssuanceService({ db, jobs: createBulkJobsRepository(db), organisations: createOrganisationsRepository(db), issuance: app.services.issuance, isIssuable, clock: () => new Date() });
}
