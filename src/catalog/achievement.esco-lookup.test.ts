import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { escoUriLookup } from './achievement.esco-lookup.js';
import { createEscoRepository } from './esco/esco.repository.js';

const SKILL = 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be';
const OCCUPATION = 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
const GROUP = 'http://data.europa.eu/esco/isco/C2511';
const concept = { alt_labels: [], description: null, skill_type: null, reuse_level: null, code: null, isco_code: null, status: 'released' };
const MADE_UP = 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000';

describe('ESCO URI lookup over the imported classification', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.dispose());

  it('passes every URI while nothing is imported, then knows only imported skills and occupations', async () => {
    const lookup = escoUriLookup(database.db, createEscoRepository(database.db));
    expect(await lookup([SKILL, MADE_UP])).toEqual(new Set([SKILL, MADE_UP]));
    await database.db
      .insertInto('esco_concepts')
      .values([
        { ...concept, uri: SKILL, concept_type: 'skill', preferred_label: 'use spreadsheets software' },
        { ...concept, uri: OCCUPATION, concept_type: 'occupation', preferred_label: 'data analyst' },
        { ...concept, uri: GROUP, concept_type: 'isco_group', preferred_label: 'Systems analysts' },
      ])
      .execute();
    expect(await lookup([SKILL, OCCUPATION, GROUP, MADE_UP])).toEqual(new Set([SKILL, OCCUPATION]));
    expect(await lookup([])).toEqual(new Set());
  });
});
