import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/tables.js';
import { suggestEscoSkills, type EscoSuggestion } from './esco-suggest.js';
import { escoConceptNotFound, escoNotAnOccupation } from './esco.errors.js';
import type { EscoRepository } from './esco.repository.js';
import type { escoConceptView, escoOccupationSkillsView, escoSearchHitView, EscoSearchQuery, EscoSuggestionInput } from './esco.schema.js';
import { highlight } from './highlight.js';

const NARROWER_SHOWN = 200;

export const RELATIONS_NOT_LOADED_NOTE =
  'No occupation–skill relations are imported in this installation (the reduced ESCO data set lacks occupationSkillRelations_en.csv). Import the full ESCO CSV download with `tessera esco import <dir>` to see essential and optional skills.';

/**
 * ESCO search, browse and alignment suggestions. ESCO is public reference data: every method here is open
 * to anyone, signed in or not (the API still rate-limits callers), so there is no access decision to make.
 */
export function createEscoService(deps: { db: Kysely<Database>; esco: EscoRepository }) {
  const { db, esco } = deps;

  const requireConcept = async (uri: string) => {
    const concept = await esco.findConcept(uri);
    if (!concept) throw escoConceptNotFound(uri);
    return concept;
  };

  return {
    async search(query: EscoSearchQuery): Promise<Array<z.infer<typeof escoSearchHitView>>> {
      const hits = await esco.search(query);
      return hits.map((hit) => ({
        uri: hit.uri,
        type: hit.type,
        preferredLabel: hit.preferredLabel,
        matchedLabel: hit.labelIsPreferred ? null : hit.label,
        highlight: highlight(hit.label, query.q),
        score: Math.round(hit.score * 1000) / 1000,
      }));
    },

    async concept(uri: string): Promise<z.infer<typeof escoConceptView>> {
      const concept = await requireConcept(uri);
      const [broader, narrower, collections, relatedSkills] = await Promise.all([
        esco.broader(uri),
        esco.narrower(uri, NARROWER_SHOWN),
        esco.collections(uri),
        esco.relatedSkills(uri),
      ]);
      return { ...concept, broader, narrower, collections, relatedSkills };
    },

    async occupationSkills(uri: string): Promise<z.infer<typeof escoOccupationSkillsView>> {
      // Whether relations are loaded is asked alongside (the "become X" route asks for up to three occupations).
      const [concept, relationsLoaded] = await Promise.all([requireConcept(uri), esco.occupationSkillRelationsLoaded()]);
      if (concept.type !== 'occupation') throw escoNotAnOccupation(uri, concept.type);
      const occupation = { uri: concept.uri, type: concept.type, preferredLabel: concept.preferredLabel };
      if (!relationsLoaded) {
        return { occupation, relationsLoaded: false, note: RELATIONS_NOT_LOADED_NOTE, essential: [], optional: [] };
      }
      const skills = await esco.occupationSkills(uri);
      const view = ({ relationType: _relation, ...skill }: (typeof skills)[number]) => skill;
      return {
        occupation,
        relationsLoaded: true,
        note: null,
        essential: skills.filter((skill) => skill.relationType === 'essential').map(view),
        optional: skills.filter((skill) => skill.relationType === 'optional').map(view),
      };
    },

    suggest: (input: EscoSuggestionInput): Promise<EscoSuggestion[]> => suggestEscoSkills(db, input),
  };
}

export type EscoService = ReturnType<typeof createEscoService>;
