import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { PeopleRepository } from '../accounts/people.repository.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import type { Database } from '../db/tables.js';
import type { IssuableAchievement, IssuanceService } from '../issuing/issuance.service.js';
import type { IssuedCredentialsRepository } from '../issuing/issued-credentials.repository.js';
import type { IssuerKeysService } from '../issuing/issuer-keys.service.js';
import { createPathwayAwards } from './pathway-awards.js';
import { createPathwayOptionsRepository } from './pathway-options.repository.js';
import { createPathwayProgressService } from './pathway-progress.service.js';
import { createPathwayRepository } from './pathway.repository.js';
import { createPathwayService } from './pathway.service.js';

export interface PathwaysDeps {
  db: Kysely<Database>;
  organisations: OrganisationsRepository;
  people: PeopleRepository;
  issued: IssuedCredentialsRepository;
  issuance: IssuanceService;
  keys: IssuerKeysService;
  documentLoader: DocumentLoader;
  issuableAchievement: (achievementId: string) => Promise<IssuableAchievement | undefined>;
  publicUrl: string;
  clock: () => Date;
  onError?: (error: unknown) => void;
}

/** The pathways capability, wired: definitions, awards (listening to every issuance) and learners' progress. */
export function createPathways(deps: PathwaysDeps) {
  const pathways = createPathwayRepository(deps.db);
  let onError = deps.onError ?? ((error: unknown) => console.error(error));
  const awards = createPathwayAwards({ ...deps, pathways, onError: (error) => onError(error) });
  deps.issuance.onIssued(awards.listener);
  return {
    service: createPathwayService({ ...deps, pathways, options: createPathwayOptionsRepository(deps.db), evaluatePending: () => void awards.drain() }),
    progress: createPathwayProgressService({ awards, pathways, issued: deps.issued, publicUrl: deps.publicUrl }),
    awards,
    /** Sends background evaluation failures to the server's log once there is one. */
    reportErrorsTo(handler: (error: unknown) => void): void {
      onError = handler;
    },
  };
}

export type Pathways = ReturnType<typeof createPathways>;
