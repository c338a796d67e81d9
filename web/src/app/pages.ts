/**
 * Which screen answers each area of the navigation table. Keyed by the table's ids, so adding an area
 * without a page (or a page without an area) is a type error rather than a dead link.
 */
import type { ComponentType } from 'react';
import { AccountPage } from '../accounts/account-page.js';
import { MembersPage } from '../accounts/members-page.js';
import { OrganisationsPage } from '../admin/organisations-page.js';
import { RegistryPage } from '../admin/registry-page.js';
import { LearningPage } from '../assessment/learning-page.js';
import { ReviewQueuePage } from '../assessment/review-queue-page.js';
import { AchievementsPage } from '../catalog/achievements-page.js';
import { CataloguePage } from '../catalog/catalogue-page.js';
import { EndorsementsPage } from '../catalog/endorsements-page.js';
import { BulkIssuancePage } from '../credentials/bulk-issuance-page.js';
import { IssuedCredentialsPage } from '../credentials/issued-credentials-page.js';
import { KeysPage } from '../credentials/keys-page.js';
import { VerifyPage } from '../credentials/verify-page.js';
import type { organisationAreas, personalAreas, platformAreas, publicAreas } from '../navigation/navigation.js';
import { OrganisationPathwaysPage } from '../pathways/organisation-pathways-page.js';
import { PathwaysPage } from '../pathways/pathways-page.js';
import { CandidatesPage } from '../tracking/candidates-page.js';
import { OrganisationDashboardPage } from '../tracking/organisation-dashboard-page.js';
import { PlatformDashboardPage } from '../tracking/platform-dashboard-page.js';
import { WalletPage } from '../wallet/wallet-page.js';

type PagesFor<Areas extends readonly { id: string }[]> = Record<Areas[number]['id'], ComponentType>;

export const publicPages: PagesFor<typeof publicAreas> = {
  catalogue: CataloguePage,
  verify: VerifyPage,
};

export const personalPages: PagesFor<typeof personalAreas> = {
  wallet: WalletPage,
  learning: LearningPage,
  pathways: PathwaysPage,
  account: AccountPage,
};

export const organisationPages: PagesFor<typeof organisationAreas> = {
  'org-reviews': ReviewQueuePage,
  'org-achievements': AchievementsPage,
  'org-pathways': OrganisationPathwaysPage,
  'org-bulk': BulkIssuancePage,
  'org-credentials': IssuedCredentialsPage,
  'org-candidates': CandidatesPage,
  'org-members': MembersPage,
  'org-keys': KeysPage,
  'org-dashboard': OrganisationDashboardPage,
  'org-endorsements': EndorsementsPage,
};

export const platformPages: PagesFor<typeof platformAreas> = {
  'admin-organisations': OrganisationsPage,
  'admin-registry': RegistryPage,
  'admin-dashboard': PlatformDashboardPage,
};
