import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// The ESCO classification (skills, occupations, ISCO groups, skill groups) and its relations, as the
// importer loads it from the official CSV download. Relations carry no foreign keys on purpose: ESCO
// files arrive in any order and reduced data sets reference concepts they do not contain.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create extension if not exists pg_trgm`,
    `create table esco_concepts (
          uri text primary key check (uri ~ '^https?://'),
          concept_type text not null check (concept_type in ('skill', 'occupation', 'isco_group', 'skill_group')),
          preferred_label text not null check (length(preferred_label) between 1 and 1000),
          alt_labels text[] not null default '{}',
          description text,
          skill_type text,
          reuse_level text,
          code text,
          isco_code text,
          status text,
          search_vector tsvector not null default ''::tsvector,
          description_lexemes text[] not null default '{}',
          updated_at timestamptz not null default now()
        )`,
    `create index esco_concepts_type on esco_concepts (concept_type)`,
    // Full-text over preferred label (A), alternative labels (B) and description (D).
    `create index esco_concepts_search on esco_concepts using gin (search_vector)`,
    `create index esco_concepts_description_lexemes on esco_concepts using gin (description_lexemes)`,
    `create table esco_labels (
          concept_uri text not null references esco_concepts (uri) on delete cascade,
          label text not null,
          is_preferred boolean not null,
          lexemes text[] not null,
          primary key (concept_uri, label)
        )`,
    `create index esco_labels_trigram on esco_labels using gin (label gin_trgm_ops)`,
    `create index esco_labels_prefix on esco_labels (lower(label) text_pattern_ops)`,
    `create index esco_labels_lexemes on esco_labels using gin (lexemes)`,
    // Merges alternative labels from several files (a skill appears in skills_en and in collections):
    // union, first occurrence order kept, so a re-import of the same files changes nothing.
    `create function esco_merge_labels(current_labels text[], new_labels text[]) returns text[]
          language sql immutable as $$
            select coalesce(array_agg(label order by position), '{}')
            from (select label, min(position) as position
                  from unnest(current_labels || new_labels) with ordinality as t(label, position)
                  group by label) merged
          $$`,
    // The search vector and the label rows follow the concept, whatever code writes it.
    `create function esco_concepts_search_vector() returns trigger language plpgsql as $$
        begin
          new.search_vector :=
            setweight(to_tsvector('english', new.preferred_label), 'A') ||
            setweight(to_tsvector('english', array_to_string(new.alt_labels, ' ')), 'B') ||
            setweight(to_tsvector('english', coalesce(new.description, '')), 'D');
          new.description_lexemes := tsvector_to_array(to_tsvector('english', coalesce(new.description, '')));
          return new;
        end $$`,
    `create trigger esco_concepts_search_vector before insert or update on esco_concepts
          for each row execute function esco_concepts_search_vector()`,
    `create function esco_concepts_labels() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' and old.preferred_label = new.preferred_label and old.alt_labels = new.alt_labels then
            return null;
          end if;
          delete from esco_labels where concept_uri = new.uri;
          insert into esco_labels (concept_uri, label, is_preferred, lexemes)
            select new.uri, label, bool_or(is_preferred), tsvector_to_array(to_tsvector('english', label))
            from (select new.preferred_label as label, true as is_preferred
                  union all select unnest(new.alt_labels), false) labels
            where length(label) > 0
            group by label;
          return null;
        end $$`,
    `create trigger esco_concepts_labels after insert or update on esco_concepts
          for each row execute function esco_concepts_labels()`,
    `create table esco_broader (
          concept_uri text not null,
          broader_uri text not null,
          primary key (concept_uri, broader_uri)
        )`,
    `create index esco_broader_broader on esco_broader (broader_uri)`,
    `create table esco_collection_members (
          collection text not null,
          concept_uri text not null,
          primary key (collection, concept_uri)
        )`,
    `create index esco_collection_members_concept on esco_collection_members (concept_uri)`,
    `create table esco_occupation_skills (
          occupation_uri text not null,
          skill_uri text not null,
          relation_type text not null check (relation_type in ('essential', 'optional')),
          primary key (occupation_uri, skill_uri)
        )`,
    `create index esco_occupation_skills_skill on esco_occupation_skills (skill_uri)`,
    `create table esco_skill_relations (
          skill_uri text not null,
          related_skill_uri text not null,
          relation_type text not null,
          primary key (skill_uri, related_skill_uri)
        )`,
    `create table esco_concept_schemes (
          uri text primary key,
          preferred_label text not null,
          title text,
          description text,
          status text
        )`,
    // Document frequency of each lexeme over the concepts' search vectors, refreshed after an import:
    // the suggester weighs rare words (pivot, forklift) above common ones (use, manage).
    `create table esco_lexeme_stats (
          lexeme text primary key,
          document_count integer not null
        )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop table esco_lexeme_stats, esco_concept_schemes, esco_skill_relations, esco_occupation_skills, esco_collection_members, esco_broader, esco_labels, esco_concepts',
    'drop function esco_concepts_labels()',
    'drop function esco_concepts_search_vector()',
    'drop function esco_merge_labels(text[], text[])',
  ]);
}
