import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Each label row (0003) carries its concept's type, with a trigram index per type searched by type. The
// "become X" route searches occupations only, yet the one trigram index over every label handed it every
// label sharing a few trigrams with the job title ("manager": 4,600 labels, skills among them), each
// tested for similarity before the type was looked at. The trigger that writes the label rows fills the
// type in, and rewrites them when the type changes too.
const labelsTrigger = (withType: boolean) => `create or replace function esco_concepts_labels() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' and old.preferred_label = new.preferred_label and old.alt_labels = new.alt_labels${withType ? ' and old.concept_type = new.concept_type' : ''} then
            return null;
          end if;
          delete from esco_labels where concept_uri = new.uri;
          insert into esco_labels (concept_uri, label, is_preferred, lexemes${withType ? ', concept_type' : ''})
            select new.uri, label, bool_or(is_preferred), tsvector_to_array(to_tsvector('english', label))${withType ? ', new.concept_type' : ''}
            from (select new.preferred_label as label, true as is_preferred
                  union all select unnest(new.alt_labels), false) labels
            where length(label) > 0
            group by label;
          return null;
        end $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // The rows are written again rather than updated: an update left every old row behind, dead, in the
    // table and its indexes (the embedded database has no autovacuum), and the planner then chose to read
    // the whole table for every label search. They are the trigger's rows, so written as it writes them.
    `alter table esco_labels add column concept_type text`,
    `truncate esco_labels`,
    `insert into esco_labels (concept_uri, label, is_preferred, lexemes, concept_type)
        select c.uri, l.label, bool_or(l.is_preferred), tsvector_to_array(to_tsvector('english', l.label)), c.concept_type
        from esco_concepts c
        cross join lateral (select c.preferred_label as label, true as is_preferred union all select unnest(c.alt_labels), false) l
        where length(l.label) > 0
        group by c.uri, c.concept_type, l.label`,
    `alter table esco_labels alter column concept_type set not null`,
    labelsTrigger(true),
    `create index esco_labels_occupation_trigram on esco_labels using gin (label gin_trgm_ops) where concept_type = 'occupation'`,
    `create index esco_labels_skill_trigram on esco_labels using gin (label gin_trgm_ops) where concept_type = 'skill'`,
    `analyze esco_labels`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `drop index esco_labels_skill_trigram`,
    `drop index esco_labels_occupation_trigram`,
    labelsTrigger(false),
    `alter table esco_labels drop column concept_type`,
  ]);
}
