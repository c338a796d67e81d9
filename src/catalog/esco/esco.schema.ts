import { z } from 'zod';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_LIMIT = 50;
export const MAX_OUTCOME_LENGTH = 2000;

const conceptTypeSchema = z.enum(['skill', 'occupation', 'isco_group', 'skill_group']);
const escoUri = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) ESCO concept URI' })
  .max(500, 'must be at most 500 characters')
  .describe('An ESCO concept URI, e.g. http://data.europa.eu/esco/skill/…');

export const escoSearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
      .describe('Words of a skill or occupation label; typos are tolerated'),
    type: z.enum(['skill', 'occupation']).optional().describe('Only skills or only occupations'),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_SEARCH_LIMIT, `must be at most ${MAX_SEARCH_LIMIT}`).default(10),
  })
  .strict();
export type EscoSearchQuery = z.infer<typeof escoSearchQuery>;

export const escoUriQuery = z.object({ uri: escoUri }).strict();

export const escoSuggestionInput = z
  .object({
    text: z
      .string()
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(MAX_OUTCOME_LENGTH, `must be at most ${MAX_OUTCOME_LENGTH} characters`)
      .describe('A learning outcome, e.g. "Learners can build pivot tables to summarise sales data"'),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).default(10),
  })
  .strict();
export type EscoSuggestionInput = z.infer<typeof escoSuggestionInput>;

// Responses: they feed the OpenAPI document as much as they check what goes out.

const highlightSegment = z.object({ text: z.string(), match: z.boolean() });

export const escoSearchHitView = z.object({
  uri: z.string(),
  type: conceptTypeSchema,
  preferredLabel: z.string(),
  matchedLabel: z.string().nullable().describe('The alternative label that matched, when it was not the preferred one'),
  highlight: z.array(highlightSegment).describe('The matched label in pieces, the ones matching the query marked'),
  score: z.number(),
});

export const escoConceptRefView = z.object({
  uri: z.string(),
  type: conceptTypeSchema.nullable(),
  preferredLabel: z.string().nullable().describe('Null when the concept is referenced but not imported here'),
});

export const escoConceptView = z.object({
  uri: z.string(),
  type: conceptTypeSchema,
  preferredLabel: z.string(),
  altLabels: z.array(z.string()),
  description: z.string().nullable(),
  skillType: z.string().nullable(),
  reuseLevel: z.string().nullable(),
  code: z.string().nullable(),
  iscoCode: z.string().nullable(),
  status: z.string().nullable(),
  broader: z.array(escoConceptRefView),
  narrower: z.object({ items: z.array(escoConceptRefView), total: z.number().int() }),
  collections: z.array(z.string()),
  relatedSkills: z.array(escoConceptRefView.extend({ relationType: z.string() })),
});

const occupationSkillView = escoConceptRefView.extend({ skillType: z.string().nullable() });

export const escoOccupationSkillsView = z.object({
  occupation: escoConceptRefView,
  relationsLoaded: z.boolean().describe('False when no occupation–skill relations were imported (the reduced ESCO data set has none)'),
  note: z.string().nullable(),
  essential: z.array(occupationSkillView),
  optional: z.array(occupationSkillView),
});

export const escoSuggestionView = z.object({
  uri: z.string(),
  preferredLabel: z.string(),
  matchedLabel: z.string(),
  skillType: z.string().nullable(),
  score: z.number(),
});
