import type { AccountsTables } from '../accounts/accounts.tables.js';
import type { AssessmentTables } from '../assessment/assessment.tables.js';
import type { BulkTables } from '../assessment/bulk/bulk.tables.js';
import type { CatalogTables } from '../catalog/achievement.tables.js';
import type { EscoTables } from '../catalog/esco/esco.tables.js';
import type { CatalogSearchTables } from '../catalog/search/catalog-search.tables.js';
import type { FeedsTables } from '../catalog/feeds/feeds.tables.js';
import type { IssuingTables } from '../issuing/issuing.tables.js';
import type { NotificationsTables } from '../notifications/notifications.tables.js';
import type { PathwayTables } from '../pathways/pathway.tables.js';
import type { RegistryTables } from '../registry/registry.tables.js';
import type { TrackingTables } from '../tracking/event.tables.js';
import type { TrackingRollupTables } from '../tracking/rollup.tables.js';
import type { WalletExportsTables } from '../wallet/exports/wallet-exports.tables.js';
import type { WalletTables } from '../wallet/wallet.tables.js';
import type { EquityTables } from '../tracking/equity/equity.tables.js';

/** The whole schema as Kysely sees it; each capability declares its own tables. */
export interface Database extends AccountsTables, AssessmentTables, BulkTables, CatalogTables, CatalogSearchTables, EscoTables, FeedsTables, IssuingTables, NotificationsTables, PathwayTables, RegistryTables, TrackingTables, TrackingRollupTables {}
// The wallet's holdings, hidden credentials and share links.
export interface Database extends WalletTables {}
// The wallet's exports and holder DIDs (declaration merging keeps each capability's line its own).
export interface Database extends WalletExportsTables {}
// Equity fields organisations collect and learners' self-declarations (#7).
export interface Database extends EquityTables {}
