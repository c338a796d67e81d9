import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';

export interface EscoSuggestion {
  uri: string;
  preferredLabel: string;
  /** The label (preferred or alternative) that best matches the text. */
  matchedLabel: string;
  skillType: string | null;
  /** Relevance, higher is better; comparable within one answer only. */
  score: number;
}

// How outcome statements usually begin; it says who, not what skill, so it is cut before matching.
const OUTCOME_PREAMBLE =
  /^\s*(?:(?:by the end|at the end|on completion|upon completion|after completing|having completed)[^,]{0,80},\s*)?(?:the\s+)?(?:learners?|students?|participants?|graduates?|trainees?|candidates?|apprentices?|you)\s+(?:will\s+be\s+able\s+to|are\s+able\s+to|should\s+be\s+able\s+to|can|will|must|are\s+expected\s+to|learn\s+(?:how\s+)?to|know\s+how\s+to)\s+/i;

// Stemmed words frequent in outcome statements but meaningless for which skill is meant. PostgreSQL's
// English configuration already drops the grammatical stop words (the, to, and, can…).
const OUTCOME_STOP_LEXEMES = new Set(['learner', 'student', 'particip', 'trainee', 'graduat', 'abl', 'confid', 'independ', 'effect', 'appropri', 'correct']);

const LABEL_WEIGHT = 1;
const DESCRIPTION_WEIGHT = 0.35;
const TRIGRAM_WEIGHT = 0.25;
const RESCORED = 60;

// Words in more than this share of concepts (operate, manage, use…) do not by themselves make a label a
// candidate: thousands of labels share them, and scoring them all would cost most of the time.
const COMMON_WORD_SHARE = 0.05;
const DESCRIBED_CANDIDATES = 100;

interface ContentWords {
  all: string[];
  /** The rarer words: a label sharing one of them is a candidate. */
  distinctive: string[];
}

/** The outcome's content words: preamble cut, then PostgreSQL's English stemming and stop words. */
async function contentWords(db: Kysely<Database>, text: string): Promise<ContentWords> {
  const content = text.replace(OUTCOME_PREAMBLE, '');
  const { rows } = await sql<{ lexeme: string; share: number }>`
    select x.lexeme, coalesce(s.document_count, 0)::float8 / greatest((select count(*) from esco_concepts), 1) as share
    from unnest(tsvector_to_array(to_tsvector('english', ${content}))) as x(lexeme)
    left join esco_lexeme_stats s on s.lexeme = x.lexeme`.execute(db);
  const words = rows.filter((row) => !OUTCOME_STOP_LEXEMES.has(row.lexeme));
  return { all: words.map((row) => row.lexeme), distinctive: words.filter((row) => Number(row.share) <= COMMON_WORD_SHARE).map((row) => row.lexeme) };
}

/**
 * ESCO skills for a learning-outcome sentence, most relevant first. Three signals, each weighing words
 * by rarity (inverse document frequency over ESCO, so "pivot" counts for more than "use"):
 * - label match: the best label's F1 of "how much of the label the text contains" and "how much of the
 *   text the label explains", over stemmed words;
 * - description match: how much of the text the skill's description contains;
 * - trigram word similarity of the best label within the text, for spellings stemming misses.
 * Labels made only of common words count only when the text contains them whole (see COMMON_WORD_SHARE).
 */
export async function suggestEscoSkills(db: Kysely<Database>, input: { text: string; limit: number }): Promise<EscoSuggestion[]> {
  const words = await contentWords(db, input.text);
  if (words.all.length === 0) return [];
  const { rows } = await suggestionQuery(words, input).execute(db);
  return rows.map((row) => ({ uri: row.uri, preferredLabel: row.preferred_label, matchedLabel: row.label, skillType: row.skill_type, score: Number(row.score) }));
}

function suggestionQuery({ all: lexemes, distinctive }: ContentWords, input: { text: string; limit: number }) {
  return sql<{ uri: string; preferred_label: string; label: string; skill_type: string | null; score: number }>`
    with corpus as (select greatest(count(*), 1)::float8 as n from esco_concepts),
    terms as (
      select t.lexeme, ln(corpus.n / (1 + coalesce(s.document_count, 0))) + 1 as idf
      from (select distinct unnest(${lexemes}::text[]) as lexeme) t
      cross join corpus
      left join esco_lexeme_stats s on s.lexeme = t.lexeme
    ),
    text_weight as (select sum(idf) as total from terms),
    description_matches as (
      select c.uri as concept_uri,
        (select coalesce(sum(t.idf), 0) from terms t where t.lexeme = any(c.description_lexemes)) / w.total as description_score
      from esco_concepts c cross join text_weight w
      where c.concept_type = 'skill' and c.description_lexemes && ${lexemes}::text[]
    ),
    top_descriptions as (select concept_uri from description_matches order by description_score desc limit ${DESCRIBED_CANDIDATES}),
    candidate_labels as (
      -- A label is a candidate when it shares a distinctive word, when the text contains all of its words,
      -- or when its skill's description is among the closest to the text.
      select l.concept_uri, l.label, l.lexemes from esco_labels l
      where l.lexemes && ${lexemes}::text[] and (l.lexemes && ${distinctive}::text[] or l.lexemes <@ ${lexemes}::text[])
      union
      select l.concept_uri, l.label, l.lexemes from esco_labels l join top_descriptions d on d.concept_uri = l.concept_uri
      where l.lexemes && ${lexemes}::text[]
    ),
    label_matches as (
      select l.concept_uri, l.label,
        (select coalesce(sum(t.idf), 0) from terms t where t.lexeme = any(l.lexemes)) as matched,
        (select coalesce(sum(ln(corpus.n / (1 + coalesce(s.document_count, 0))) + 1), 0)
           from unnest(l.lexemes) as x(lexeme) cross join corpus left join esco_lexeme_stats s on s.lexeme = x.lexeme) as label_total
      from candidate_labels l
      join esco_concepts c on c.uri = l.concept_uri and c.concept_type = 'skill'
    ),
    best_labels as (
      select distinct on (concept_uri) concept_uri, label,
        2 * (matched / label_total) * (matched / w.total) / nullif(matched / label_total + matched / w.total, 0) as label_score
      from label_matches cross join text_weight w
      where label_total > 0
      order by concept_uri, label_score desc nulls last
    ),
    combined as (
      select coalesce(b.concept_uri, d.concept_uri) as uri, b.label,
        ${LABEL_WEIGHT}::float8 * coalesce(b.label_score, 0) + ${DESCRIPTION_WEIGHT}::float8 * coalesce(d.description_score, 0) as score
      from best_labels b full join description_matches d on d.concept_uri = b.concept_uri
      order by score desc
      limit ${RESCORED}
    )
    select c.uri, c.preferred_label, coalesce(m.label, c.preferred_label) as label, c.skill_type,
      m.score + ${TRIGRAM_WEIGHT}::float8 * word_similarity(coalesce(m.label, c.preferred_label), ${input.text}) as score
    from combined m join esco_concepts c on c.uri = m.uri
    order by score desc, c.preferred_label
    limit ${input.limit}`;
}

export interface AlignmentCase {
  text: string;
  uri: string;
}

export interface AlignmentQuality {
  cases: number;
  recallAt1: number;
  recallAt5: number;
  /** Mean reciprocal rank of the right skill within the first 10 suggestions (0 when absent). */
  mrr: number;
  misses: Array<AlignmentCase & { suggested: string[] }>;
}

/** How well the suggester finds the labelled skill of each outcome sentence. */
export async function measureAlignmentQuality(db: Kysely<Database>, cases: AlignmentCase[]): Promise<AlignmentQuality> {
  let at1 = 0;
  let at5 = 0;
  let reciprocal = 0;
  const misses: AlignmentQuality['misses'] = [];
  for (const item of cases) {
    const suggested = (await suggestEscoSkills(db, { text: item.text, limit: 10 })).map((suggestion) => suggestion.uri);
    const rank = suggested.indexOf(item.uri);
    if (rank === 0) at1 += 1;
    if (rank >= 0 && rank < 5) at5 += 1;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (rank < 0 || rank >= 5) misses.push({ ...item, suggested: suggested.slice(0, 5) });
  }
  const count = Math.max(cases.length, 1);
  return { cases: cases.length, recallAt1: at1 / count, recallAt5: at5 / count, mrr: reciprocal / count, misses };
}
