import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { importEsco, type EscoImportReport } from './esco-import.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const escoDir = sharedDataPath('esco');

/** Rows of a shared CSV file, parsed here independently of the importer. */
const csvRows = (file: string): Array<Record<string, string>> => parse(fs.readFileSync(file), { columns: true, relax_column_count: true, bom: true });
const labelsIn = (value: string | undefined): string[] => [...new Set((value ?? '').split('\n').map((l) => l.trim()).filter(Boolean))];

describe('ESCO import of the shared data set', () => {
  let database: TestDatabase;
  let first: EscoImportReport;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await importEsco({ db: database.db, dir: escoDir });
  });
  afterAll(async () => database?.dispose());

  const countOf = async (query: string): Promise<number> => Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(database.db)).rows[0]!.n);
  const fileReport = (report: EscoImportReport, name: string) => report.files.find((file) => file.file === name)!;

  it('imports every recognised file, none refused, no row unread', () => {
    expect(first.files.map((file) => file.file).sort()).toEqual(fs.readdirSync(escoDir).filter((name) => name.endsWith('.csv')).sort());
    for (const file of first.files) {
      expect(file.status, file.file).toBe('imported');
      expect(file.rejectedCount, `${file.file}: ${JSON.stringify(file.rejected)}`).toBe(0);
    }
  });

  it('has as many skills, occupations and ISCO groups as the files list', async () => {
    const occupations = csvRows(path.join(escoDir, 'occupations_en.csv'));
    const iscoGroups = csvRows(path.join(escoDir, 'ISCOGroups_en.csv'));
    const skills = csvRows(path.join(escoDir, 'skills_cross-sector_en.csv'));
    expect(await countOf(`select count(*) as n from esco_concepts where concept_type = 'occupation'`)).toBe(occupations.length);
    expect(await countOf(`select count(*) as n from esco_concepts where concept_type = 'isco_group'`)).toBe(iscoGroups.length);
    const skillUris = skills.map((row) => `'${row.conceptUri}'`).join(',');
    expect(await countOf(`select count(*) as n from esco_concepts where uri in (${skillUris})`)).toBe(new Set(skills.map((row) => row.conceptUri)).size);
    expect(fileReport(first, 'skills_cross-sector_en.csv')).toMatchObject({ rowsRead: 4199, inserted: 4199 });
  });

  it('keeps every alternative label of the skills file (newline separated) on its skill', async () => {
    const skills = csvRows(path.join(escoDir, 'skills_cross-sector_en.csv'));
    const expected = skills.reduce((sum, row) => sum + labelsIn(row.altLabels).length, 0);
    expect(expected).toBeGreaterThan(29_000);
    const { rows } = await sql<{ uri: string; alt_labels: string[] }>`select uri, alt_labels from esco_concepts where concept_type = 'skill'`.execute(database.db);
    const stored = new Map(rows.map((row) => [row.uri, new Set(row.alt_labels)]));
    let found = 0;
    for (const row of skills) for (const label of labelsIn(row.altLabels)) if (stored.get(row.conceptUri!)?.has(label)) found += 1;
    expect(found).toBe(expected);
    const occupationLabels = csvRows(path.join(escoDir, 'occupations_en.csv')).reduce((sum, row) => sum + labelsIn(row.altLabels).length, 0);
    expect(await countOf(`select sum(cardinality(alt_labels)) as n from esco_concepts where concept_type = 'occupation'`)).toBe(occupationLabels);
    // Each label is searchable once per concept: an alternative label equal to the preferred one is not repeated.
    expect(await countOf(`select count(*) as n from esco_labels l join esco_concepts c on c.uri = l.concept_uri where c.concept_type = 'occupation'`)).toBe(
      await countOf(`select count(*) as n from (select distinct uri, label from esco_concepts, unnest(alt_labels || preferred_label) as label where concept_type = 'occupation') d`),
    );
  });

  it('links occupations to ISCO groups and ISCO groups to their parents', async () => {
    const { rows } = await sql<{ broader_uri: string }>`select broader_uri from esco_broader where concept_uri = 'http://data.europa.eu/esco/isco/C2166'`.execute(database.db);
    expect(rows.map((row) => row.broader_uri)).toEqual(['http://data.europa.eu/esco/isco/C216']);
    const technicalDirector = 'http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34';
    const { rows: occupation } = await sql<{ broader_uri: string }>`select broader_uri from esco_broader where concept_uri = ${technicalDirector}`.execute(database.db);
    expect(occupation.map((row) => row.broader_uri)).toEqual(['http://data.europa.eu/esco/isco/C2166']);
  });

  it('a second import of the same files changes nothing and duplicates nothing', async () => {
    const tables = ['esco_concepts', 'esco_labels', 'esco_broader', 'esco_collection_members', 'esco_concept_schemes'];
    const before = await Promise.all(tables.map((table) => countOf(`select count(*) as n from ${table}`)));
    const second = await importEsco({ db: database.db, dir: escoDir });
    for (const file of second.files) {
      expect({ file: file.file, inserted: file.inserted, updated: file.updated }).toEqual({ file: file.file, inserted: 0, updated: 0 });
      expect(file.unchanged).toBe(file.rowsRead);
    }
    expect(await Promise.all(tables.map((table) => countOf(`select count(*) as n from ${table}`)))).toEqual(before);
  });
});

describe('ESCO import of odd and broken files', () => {
  let database: TestDatabase;
  let workDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-esco-'));
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('splits v1.2.0 collection labels on " | " and records collection membership and broader skills', async () => {
    const dir = path.join(workDir, 'v1.2.0');
    fs.mkdirSync(dir);
    fs.copyFileSync(sharedDataPath('esco', 'v1.2.0', 'digCompSkillsCollection_en.csv'), path.join(dir, 'digCompSkillsCollection_en.csv'));
    const report = await importEsco({ db: database.db, dir });
    expect(report.files[0]).toMatchObject({ status: 'imported', rowsRead: 25, inserted: 25, rejectedCount: 0 });
    const source = csvRows(path.join(dir, 'digCompSkillsCollection_en.csv')).find((row) => row.altLabels!.includes(' | '))!;
    const concept = await database.db.selectFrom('esco_concepts').selectAll().where('uri', '=', source.conceptUri!).executeTakeFirstOrThrow();
    expect(concept.alt_labels).toEqual(source.altLabels!.split(' | '));
    expect(concept.alt_labels.every((label) => !label.includes('|'))).toBe(true);
    expect(concept.skill_type).toBe(source.skillType);
    const members = await database.db.selectFrom('esco_collection_members').select('collection').where('concept_uri', '=', source.conceptUri!).execute();
    expect(members.map((member) => member.collection)).toEqual(['digComp']);
    const broader = await database.db.selectFrom('esco_broader').select('broader_uri').where('concept_uri', '=', source.conceptUri!).execute();
    expect(broader.map((row) => row.broader_uri).sort()).toEqual(source.broaderConceptUri!.split(' | ').sort());
  });

  it('reports unreadable rows with their lines, refuses a file missing columns, and imports the rest', async () => {
    const report = await importEsco({ db: database.db, dir: path.join(fixtures, 'broken') });
    const byName = new Map(report.files.map((file) => [file.file, file]));
    expect(byName.get('skills_en.csv')).toMatchObject({ status: 'imported', rowsRead: 6, inserted: 2, rejectedCount: 4 });
    expect(byName.get('skills_en.csv')!.rejected).toEqual([
      { line: 4, reason: expect.stringContaining('broken quote') },
      { line: 5, reason: 'preferredLabel is empty' },
      { line: 6, reason: 'conceptUri is not a URI: "not-a-uri"' },
      { line: 9, reason: 'the row has more fields than the header' },
    ]);
    expect(byName.get('occupations_en.csv')).toMatchObject({ status: 'refused', inserted: 0, message: expect.stringContaining('iscoGroup') });
    expect(byName.get('skillGroups_en.csv')!.rejected).toEqual([{ line: 3, reason: expect.stringContaining('never closed') }]);
    expect(byName.get('skillSkillRelations_en.csv')).toMatchObject({ inserted: 1, rejected: [{ line: 3, reason: 'relationType is empty' }] });
    expect(report.ignored).toEqual(['notes.csv']);
    const pivot = await database.db.selectFrom('esco_concepts').selectAll().where('uri', '=', 'http://data.europa.eu/esco/skill/fixture-0001').executeTakeFirstOrThrow();
    // A quoted multi-line field: two labels, and the description with its comma intact.
    expect(pivot.alt_labels).toEqual(['create pivot tables', 'summarise data with pivot tables']);
    const logistics = await database.db.selectFrom('esco_concepts').select('description').where('uri', '=', 'http://data.europa.eu/esco/skill/fixture-0005').executeTakeFirstOrThrow();
    expect(logistics.description).toBe('The principles of moving goods, "from door to door".');
    const occupations = await database.db.selectFrom('esco_concepts').select('uri').where('concept_type', '=', 'occupation').execute();
    expect(occupations).toEqual([]);
  });

  it('recognises a renamed file by its columns', async () => {
    const dir = path.join(workDir, 'renamed');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(fixtures, 'mini', 'occupationSkillRelations_en.csv'), path.join(dir, 'what-each-job-needs.csv'));
    fs.copyFileSync(path.join(fixtures, 'mini', 'skills_en.csv'), path.join(dir, 'export-2024.csv'));
    const report = await importEsco({ db: database.db, dir });
    expect(report.files.map((file) => [file.file, file.kind, file.status, file.inserted])).toEqual([
      ['export-2024.csv', 'skills', 'imported', 3],
      ['what-each-job-needs.csv', 'occupationSkillRelations', 'imported', 3],
    ]);
  });

  it('rolls a file back whole when it fails part-way', async () => {
    const dir = path.join(workDir, 'failing');
    fs.mkdirSync(dir);
    const header = 'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description';
    const good = Array.from({ length: 30 }, (_, i) => `KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/rollback-${i},knowledge,cross-sector,rollback skill ${i},,`);
    // Passes the importer's checks, then breaks the database's own: 1,001 characters of label.
    const tooLong = `KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/rollback-long,knowledge,cross-sector,${'x'.repeat(1001)},,`;
    fs.writeFileSync(path.join(dir, 'skills_en.csv'), [header, ...good, tooLong].join('\n'));
    const report = await importEsco({ db: database.db, dir, batchSize: 10 });
    expect(report.files[0]).toMatchObject({ status: 'failed', inserted: 0 });
    const rows = await database.db.selectFrom('esco_concepts').select('uri').where('uri', 'like', 'http://data.europa.eu/esco/skill/rollback-%').execute();
    expect(rows).toEqual([]);
  });

  it('reads gzip-compressed files, fails a corrupt one alone, and refuses a folder without ESCO files', async () => {
    const dir = path.join(workDir, 'gz');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(fixtures, '..', '..', '..', '..', 'data', 'esco', 'ictSkillsCollection_en.csv.gz'), path.join(dir, 'ictSkillsCollection_en.csv.gz'));
    fs.writeFileSync(path.join(dir, 'skills_en.csv.gz'), 'not gzip at all');
    const report = await importEsco({ db: database.db, dir });
    const byName = new Map(report.files.map((file) => [file.file, file]));
    expect(byName.get('ictSkillsCollection_en.csv.gz')).toMatchObject({ status: 'imported', rowsRead: csvRows(path.join(escoDir, 'ictSkillsCollection_en.csv')).length });
    expect(byName.get('skills_en.csv.gz')).toMatchObject({ status: 'failed', inserted: 0, message: expect.stringContaining('not a readable gzip file') });
    await expect(importEsco({ db: database.db, dir: path.join(fixtures) })).rejects.toMatchObject({ code: 'esco.no_files' });
    await expect(importEsco({ db: database.db, dir: path.join(workDir, 'absent') })).rejects.toMatchObject({ code: 'esco.directory_not_found' });
  });
});
