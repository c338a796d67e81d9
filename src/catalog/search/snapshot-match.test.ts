import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { lexemesOf } from './search-snapshot.js';
import { matchLexemes, parseTsquery, type SnapshotLexemes } from './snapshot-match.js';

// Entries 0..3 hold these lexemes (as tsvector_to_array lists them).
const ENTRIES = [['manag', 'team'], ['manageri', 'data'], ['data', 'excel', "o'neil"], ['team', 'excel']];
const index = (): SnapshotLexemes => {
  const words = [...new Set(ENTRIES.flat())].sort().reverse(); // any order: lexemesOf sorts them
  // Match-table numbers 10, 11, 12, 13 for entries 0..3.
  const lines = words.map((word) => ENTRIES.flatMap((lexemes, entry) => (lexemes.includes(word) ? [String(10 + entry)] : [])).join(' '));
  return lexemesOf({ entryNos: Int32Array.from([10, 11, 12, 13]) }, words, lines.join('\n'));
};
const match = (normalized: string) => {
  const found = matchLexemes(index(), ENTRIES.length, normalized);
  return found === null ? null : [...found];
};

describe('matching words over the snapshot lexemes', () => {
  it('evaluates lexemes, prefixes, & before | and parentheses as PostgreSQL prints them', () => {
    expect(match("'manag'")).toEqual([0]);
    expect(match("'manag':*")).toEqual([0, 1]);
    expect(match("'manag':* & 'data'")).toEqual([1]);
    expect(match("'team' | 'data' & 'excel'")).toEqual([0, 2, 3]);
    expect(match("( 'team' | 'data' ) & 'excel'")).toEqual([2, 3]);
    expect(match("'o''neil'")).toEqual([2]);
    expect(match("'nothing':*")).toEqual([]);
    // A query of stop words only prints empty, and `@@` matches nothing with it.
    expect(match('')).toEqual([]);
  });

  it('leaves negation, phrases and weights to PostgreSQL', () => {
    expect(parseTsquery("!'team'")).toBeNull();
    expect(parseTsquery("'team' <-> 'work'")).toBeNull();
    expect(parseTsquery("( 'team' <2> 'work' ) & 'data'")).toBeNull();
    expect(parseTsquery("'team':A")).toBeNull();
    expect(parseTsquery("'team':*B")).toBeNull();
    expect(match("'team' & !'excel'")).toBeNull();
  });

  it('drops numbers of entries the snapshot does not hold', () => {
    const lexemes = lexemesOf({ entryNos: Int32Array.from([5, 7]) }, ['b', 'a'], '7 9\n5 7 40');
    expect(lexemes.words).toEqual(['a', 'b']);
    expect([...matchLexemes(lexemes, 2, "'a'")!]).toEqual([0, 1]);
    expect([...matchLexemes(lexemes, 2, "'b'")!]).toEqual([1]);
  });
});

describe('matching words over the snapshot lexemes, against the database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => database?.dispose());

  it('matches what `search_vector @@ to_tsquery(...)` matches', async () => {
    const texts = ['Managing teams at work', 'Data management for managers', 'Team-working with Excel and spreadsheets', "O'Neil's data warehouse analyst", 'Café culture 3D printing', 'Manage the analysis of data'];
    const { rows } = await sql<{ lexemes: string[] }>`select tsvector_to_array(to_tsvector('english', t)) as lexemes from unnest(${texts}::text[]) with ordinality as x(t, n) order by n`.execute(database.db);
    const words = [...new Set(rows.flatMap((row) => row.lexemes))];
    const lines = words.map((word) => rows.flatMap((row, entry) => (row.lexemes.includes(word) ? [String(entry + 1)] : [])).join(' '));
    const lexemes = lexemesOf({ entryNos: Int32Array.from(texts, (_, i) => i + 1) }, words, lines.join('\n'));
    const queries = ['(management:*)', '(manage:* | managing) & (team:*)', '(data:*) & (analyst:* | analysis)', '(team:*) | (excel:*) & (data:*)', '(the:*) & (data:*)', '(the:*)', '(caf:*)', '(3d:*)', "(neil:*)", '(spreadsheet)'];
    for (const query of queries) {
      const { rows: expected } = await sql<{ n: number; normalized: string }>`
        select x.n::int4 as n, to_tsquery('english', ${query})::text as normalized
        from unnest(${texts}::text[]) with ordinality as x(t, n) where to_tsvector('english', x.t) @@ to_tsquery('english', ${query}) order by x.n`.execute(database.db);
      const { rows: printed } = await sql<{ normalized: string }>`select to_tsquery('english', ${query})::text as normalized`.execute(database.db);
      const found = matchLexemes(lexemes, texts.length, printed[0]!.normalized);
      expect(found === null ? null : [...found], query).toEqual(expected.map((row) => row.n - 1));
    }
  });
});
