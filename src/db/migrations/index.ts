import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.js';
import * as achievements from './0002-achievements.js';
import * as esco from './0003-esco.js';
import * as achievementDetails from './0004-achievement-details.js';
import * as issuing from './0005-issuing.js';
import * as catalogSearch from './0006-catalog-search.js';
import * as catalogFeeds from './0007-catalog-feeds.js';
import * as bulkIssuance from './0008-bulk-issuance.js';
import * as catalogHarvestedSearch from './0009-catalog-harvested-search.js';
import * as evidenceNotifications from './0010-evidence-notifications.js';
import * as assessment from './0011-assessment.js';
import * as pathways from './0012-pathways.js';
import * as catalogSearchSpeed from './0014-catalog-search-speed.js';
import * as trackingRollups from './0015-tracking-rollups.js';
import * as catalogSearchVersion from './0016-catalog-search-version.js';
import * as enrolmentsAwaitingCredential from './0017-enrolments-awaiting-credential.js';
import * as walletHoldingsSharing from './0019-wallet-holdings-sharing.js';
import * as walletExports from './0020-wallet-exports.js';
import * as trustedIssuerRegistry from './0021-trusted-issuer-registry.js';
import * as catalogSearchMatch from './0022-catalog-search-match.js';
import * as trackingRollupsAtScale from './0024-tracking-rollups-at-scale.js';
import * as equityDeclarations from './0025-equity-declarations.js';
import * as trackingEquityRollups from './0026-tracking-equity-rollups.js';
import * as escoLabelTypes from './0027-esco-label-types.js';
import * as emailConfirmation from './0028-email-confirmation.js';
import * as holderDidProof from './0029-holder-did-proof.js';
import * as unclaimedCredentials from './0030-unclaimed-credentials.js';

/**
 * Every migration, in order. A static list (not a folder scan) so the compiled build and the tests see
 * the same set. Never edit a migration that has shipped: add the next one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-achievements': achievements,
  '0003-esco': esco,
  '0004-achievement-details': achievementDetails,
  '0005-issuing': issuing,
  '0006-catalog-search': catalogSearch,
  '0007-catalog-feeds': catalogFeeds,
  '0008-bulk-issuance': bulkIssuance,
  '0009-catalog-harvested-search': catalogHarvestedSearch,
  '0010-evidence-notifications': evidenceNotifications,
  '0011-assessment': assessment,
  '0012-pathways': pathways,
  '0014-catalog-search-speed': catalogSearchSpeed,
  '0015-tracking-rollups': trackingRollups,
  '0016-catalog-search-version': catalogSearchVersion,
  '0017-enrolments-awaiting-credential': enrolmentsAwaitingCredential,
  '0019-wallet-holdings-sharing': walletHoldingsSharing,
  '0020-wallet-exports': walletExports,
  '0021-trusted-issuer-registry': trustedIssuerRegistry,
  '0022-catalog-search-match': catalogSearchMatch,
  '0024-tracking-rollups-at-scale': trackingRollupsAtScale,
  '0025-equity-declarations': equityDeclarations,
  '0026-tracking-equity-rollups': trackingEquityRollups,
  '0027-esco-label-types': escoLabelTypes,
  '0028-email-confirmation': emailConfirmation,
  '0029-holder-did-proof': holderDidProof,
  '0030-unclaimed-credentials': unclaimedCredentials,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
