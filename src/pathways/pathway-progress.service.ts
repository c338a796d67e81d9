import type { Principal } from '../accounts/principal.js';
import type { IssuedCredentialsRepository } from '../issuing/issued-credentials.repository.js';
import { authorizePathways } from './pathway.access.js';
import type { PathwayAwards, PathwayStanding } from './pathway-awards.js';
import { pathwayUrl } from './pathway.document.js';
import { notAwarded } from './pathway.errors.js';
import type { PathwayRepository } from './pathway.repository.js';

export interface PathwayProgressDeps {
  awards: Pick<PathwayAwards, 'standings'>;
  pathways: Pick<PathwayRepository, 'awardsOf'>;
  issued: Pick<IssuedCredentialsRepository, 'find'>;
  publicUrl: string;
}

/** A learner's side: the pathways their credentials count toward, and what they were awarded. */
export function createPathwayProgressService(deps: PathwayProgressDeps) {
  return {
    async mine(principal: Principal): Promise<Array<PathwayStanding & { documentUrl: string }>> {
      const actor = authorizePathways(principal, 'pathways.read_own', {});
      const standings = await deps.awards.standings(actor.person.id);
      return standings.map((s) => ({ ...s, documentUrl: pathwayUrl(deps.publicUrl, s.pathway.organisation.slug, s.pathway.slug, s.version.version) }));
    },

    /** The pathway credential and the signed CLR 2.0 transcript made when it was awarded. */
    async transcript(principal: Principal, pathwayId: string): Promise<{ credential: Record<string, unknown>; transcript: Record<string, unknown>; awardedAt: Date }> {
      const actor = authorizePathways(principal, 'pathways.read_own', {});
      const award = (await deps.pathways.awardsOf(actor.person.id, pathwayId)).at(-1);
      const record = award ? await deps.issued.find(award.credentialId) : undefined;
      if (!award || !record) throw notAwarded();
      return { credential: record.credential, transcript: award.transcript, awardedAt: award.awardedAt };
    },
  };
}

export type PathwayProgressService = ReturnType<typeof createPathwayProgressService>;
