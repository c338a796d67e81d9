import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { importDemoEsco, type EscoImportReport } from './esco-import.js';
import { createEscoRepository } from './esco.repository.js';

describe('the bundled demo ESCO subset', () => {
  let database: TestDatabase;
  let report: EscoImportReport;

  beforeAll(async () => {
    database = await createTestDatabase();
    report = await importDemoEsco(database.db);
  });
  afterAll(async () => database?.dispose());

  it('imports every bundled .csv.gz file without an unreadable row', () => {
    expect(report.files.map((file) => file.file).sort()).toEqual([
      'ISCOGroups_en.csv.gz',
      'ictSkillsCollection_en.csv.gz',
      'languageSkillsCollection_en.csv.gz',
      'occupations_en.csv.gz',
      'skillGroups_en.csv.gz',
      'skills_cross-sector_en.csv.gz',
      'skillsHierarchy_en.csv.gz',
      'transversalSkillsCollection_en.csv.gz',
    ].sort());
    for (const file of report.files) expect({ file: file.file, status: file.status, rejected: file.rejectedCount }).toEqual({ file: file.file, status: 'imported', rejected: 0 });
    expect(report.files.find((file) => file.file === 'skills_cross-sector_en.csv.gz')).toMatchObject({ rowsRead: 4199, inserted: 4199 });
  });

  it('carries the realigned alternative labels: spreadsheet names on the spreadsheet skill, not on waste law', async () => {
    const concepts = await database.db.selectFrom('esco_concepts').select(['preferred_label', 'alt_labels']).where('preferred_label', 'in', ['use spreadsheets software', 'waste transport legislation']).execute();
    const labelsOf = new Map(concepts.map((concept) => [concept.preferred_label, concept.alt_labels]));
    expect(labelsOf.get('use spreadsheets software')).toEqual(expect.arrayContaining(['Google Sheets', 'LibreOffice Calc', 'use spreadsheets program']));
    expect(labelsOf.get('waste transport legislation')).not.toContain('Google Sheets');
    const hits = await createEscoRepository(database.db).search({ q: 'Google Sheets', limit: 1 });
    expect(hits[0]).toMatchObject({ preferredLabel: 'use spreadsheets software', label: 'Google Sheets' });
  });

  it('tells which URIs are imported skills or occupations', async () => {
    const spreadsheets = 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be';
    const dataAnalyst = 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
    const madeUp = 'http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000';
    const esco = createEscoRepository(database.db);
    expect(await esco.existingUris([spreadsheets, dataAnalyst, madeUp], ['skill', 'occupation'])).toEqual(new Set([spreadsheets, dataAnalyst]));
    expect(await esco.existingUris([spreadsheets, dataAnalyst], ['occupation'])).toEqual(new Set([dataAnalyst]));
  });

  it('is idempotent, so the seed may run it on every start', async () => {
    const again = await importDemoEsco(database.db);
    expect(again.files.every((file) => file.inserted === 0 && file.updated === 0)).toBe(true);
  });
});
