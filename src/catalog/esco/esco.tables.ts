import type { ColumnType, Generated } from 'kysely';

/** ESCO's concept kinds, as stored (`conceptType` KnowledgeSkillCompetence, Occupation, ISCOGroup, SkillGroup). */
export type EscoConceptType = 'skill' | 'occupation' | 'isco_group' | 'skill_group';

export interface EscoConceptsTable {
  uri: string;
  concept_type: EscoConceptType;
  preferred_label: string;
  alt_labels: string[];
  description: string | null;
  /** `skill/competence` or `knowledge` (skills only). */
  skill_type: string | null;
  /** `transversal`, `cross-sector`, `sector-specific` or `occupation-specific` (skills only). */
  reuse_level: string | null;
  /** ESCO's own notation where the file gives one (ISCO group code, occupation code, skill group code). */
  code: string | null;
  /** The ISCO-08 group code: an ISCO group's own, or an occupation's group. */
  isco_code: string | null;
  status: string | null;
  /** Maintained by a trigger from the labels and description. */
  search_vector: ColumnType<string, never, never>;
  /** The description's English lexemes, for the suggester. Maintained by the same trigger. */
  description_lexemes: ColumnType<string[], never, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One row per preferred or alternative label, maintained by a trigger on esco_concepts. */
export interface EscoLabelsTable {
  concept_uri: string;
  label: string;
  is_preferred: boolean;
  /** The label's English lexemes (stemmed, stop words removed). */
  lexemes: string[];
  /** The concept's type (migration 0027), written by the same trigger. */
  concept_type: ColumnType<EscoConceptType, never, never>;
}

export interface EscoBroaderTable {
  concept_uri: string;
  broader_uri: string;
}

export interface EscoCollectionMembersTable {
  /** From the file name: `digital`, `green`, `language`, `transversal`, `digComp`, `research`, `ict`… */
  collection: string;
  concept_uri: string;
}

export interface EscoOccupationSkillsTable {
  occupation_uri: string;
  skill_uri: string;
  relation_type: 'essential' | 'optional';
}

export interface EscoSkillRelationsTable {
  skill_uri: string;
  related_skill_uri: string;
  relation_type: string;
}

export interface EscoConceptSchemesTable {
  uri: string;
  preferred_label: string;
  title: string | null;
  description: string | null;
  status: string | null;
}

export interface EscoLexemeStatsTable {
  lexeme: string;
  document_count: Generated<number>;
}

export interface EscoTables {
  esco_concepts: EscoConceptsTable;
  esco_labels: EscoLabelsTable;
  esco_broader: EscoBroaderTable;
  esco_collection_members: EscoCollectionMembersTable;
  esco_occupation_skills: EscoOccupationSkillsTable;
  esco_skill_relations: EscoSkillRelationsTable;
  esco_concept_schemes: EscoConceptSchemesTable;
  esco_lexeme_stats: EscoLexemeStatsTable;
}
