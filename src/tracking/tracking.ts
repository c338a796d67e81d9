import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Database } from '../db/tables.js';
import type { PathwayProgressService } from '../pathways/pathway-progress.service.js';
import { createDashboardRepository } from './dashboard.repository.js';
import { createDashboardService } from './dashboard.service.js';
import { createLearnerProgress } from './learner-progress.js';
import { createOpenData } from './open-data.js';
import { createRollupRefresher } from './rollup-refresher.js';
import { createRollups } from './rollups.js';
import { createSearchDemand } from './search-demand.js';
import { createVerificationEvents } from './verification-events.js';

export interface TrackingDeps {
  db: Kysely<Database>;
  organisations: Pick<OrganisationsRepository, 'findBySlug'>;
  pathwayProgress: Pick<PathwayProgressService, 'mine'>;
  /** The open-data suppression threshold (TESSERA_OPEN_DATA_K). */
  openDataK: number;
  clock: () => Date;
  refresher?: { debounceMs?: number; intervalMs?: number };
}

/**
 * The tracking capability, wired: rollups and their refresher, the dashboards, a learner's progress, the
 * open-data export, and the two recorders the verify and search routes call.
 */
export function createTracking(deps: TrackingDeps) {
  const rollups = createRollups({ db: deps.db, clock: deps.clock });
  let onError = (error: unknown): void => console.error(error);
  const refresher = createRollupRefresher({ rollups, ...deps.refresher, onError: (error) => onError(error) });
  const refresh = () => refresher.refreshNow();
  const searchDemand = createSearchDemand({ db: deps.db, clock: deps.clock });
  return {
    rollups,
    refresher,
    searchDemand,
    verificationEvents: createVerificationEvents({ db: deps.db, clock: deps.clock, onRecorded: () => refresher.poke() }),
    dashboards: createDashboardService({ dashboards: createDashboardRepository(deps.db), organisations: deps.organisations, searchDemand, refresh, clock: deps.clock }),
    learnerProgress: createLearnerProgress({ db: deps.db, pathways: deps.pathwayProgress }),
    openData: createOpenData({ db: deps.db, clock: deps.clock, configuredK: deps.openDataK, refresh }),
    /** Sends background refresh failures to the server's log once there is one. */
    reportErrorsTo(handler: (error: unknown) => void): void {
      onError = handler;
    },
  };
}

export type Tracking = ReturnType<typeof createTracking>;
