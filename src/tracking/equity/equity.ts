import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { Database } from '../../db/tables.js';
import { createDashboardRepository } from '../dashboard.repository.js';
import { createEquityMonths } from './equity-months.js';
import { createEquityOpenData } from './equity-open-data.js';
import { createEquityRepository } from './equity.repository.js';
import { createEquityService } from './equity.service.js';

/**
 * Equity fields (#7, item 3), wired: organisation settings, learners' self-declarations, the suppressed
 * breakdown of an organisation's dashboard and the public equity export. Every figure passes the open
 * data's k (TESSERA_OPEN_DATA_K).
 */
export function createEquity(deps: { db: Kysely<Database>; organisations: Pick<OrganisationsRepository, 'findBySlug'>; openDataK: number; refresh: () => Promise<{ lastEventId: number }>; clock: () => Date }) {
  const equity = createEquityRepository(deps.db);
  const dashboards = createDashboardRepository(deps.db);
  // Shared by the breakdowns and the export: a month computed for one is kept for the other.
  const months = createEquityMonths({ equity, k: deps.openDataK });
  return {
    service: createEquityService({ db: deps.db, equity, organisations: deps.organisations, achievementExists: (id, organisationId) => dashboards.achievementExists(id, organisationId), months, k: deps.openDataK, refresh: deps.refresh, clock: deps.clock }),
    openData: createEquityOpenData({ equity, months, achievementNames: (ids) => dashboards.achievementNames(ids), configuredK: deps.openDataK, refresh: deps.refresh, clock: deps.clock }),
  };
}

export type Equity = ReturnType<typeof createEquity>;
