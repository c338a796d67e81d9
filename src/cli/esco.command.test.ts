import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run, useCliEnvironment } from '../../test/support/cli.js';
import { openConfiguredDatabase } from '../app.js';
import { loadConfig } from '../config/config.js';
import { escoImportCommand } from './esco.command.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../catalog/esco/fixtures');

describe('tessera esco import', () => {
  let environment: Awaited<ReturnType<typeof useCliEnvironment>>;
  beforeAll(async () => {
    environment = await useCliEnvironment('tessera-esco-cli-');
  });
  afterAll(async () => environment?.restore());

  it('imports a folder, printing plain progress lines and a per-file report', async () => {
    const result = await run('esco', 'import', path.join(fixtures, 'mini'));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^\[1\/5\] skills_en\.csv/m);
    expect(result.out).toMatch(/^skills_en\.csv +3 +3 +0 +0 +0$/m);
    expect(result.out).toMatch(/^occupationSkillRelations_en\.csv +3 +3 +0 +0 +0$/m);
    const again = await run('esco', 'import', path.join(fixtures, 'mini'));
    expect(again.out).toMatch(/^skills_en\.csv +3 +0 +0 +3 +0$/m);
    const database = await openConfiguredDatabase(loadConfig());
    try {
      const rows = await database.db.selectFrom('esco_occupation_skills').selectAll().execute();
      expect(rows).toHaveLength(3);
    } finally {
      await database.close();
    }
  });

  it('exits 1 naming refused files and unreadable rows, having imported the rest', async () => {
    const result = await run('esco', 'import', path.join(fixtures, 'broken'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('occupations_en.csv');
    expect(result.err).toContain('REFUSED: missing required column(s) iscoGroup');
    expect(result.err).toContain('skills_en.csv:4: a quote appears inside an unquoted field (broken quote)');
    expect(result.err).toContain('skillGroups_en.csv:3: a quoted field is never closed (broken quote)');
    expect(result.out).toMatch(/^skills_en\.csv +6 +2 +0 +0 +4$/m);
  });

  it('draws a progress bar on a terminal instead of progress lines', async () => {
    const out: string[] = [];
    const code = await escoImportCommand({ line: (text = '') => out.push(text), error: (text) => out.push(text) }, path.join(fixtures, 'mini'), true);
    expect(code).toBe(0);
    expect(out.join('\n')).not.toMatch(/^\[1\/5\]/m);
    expect(out.join('\n')).toMatch(/^skills_en\.csv +3 +0 +0 +3 +0$/m);
  });

  it('exits 1 with the error code for a folder that does not exist', async () => {
    const result = await run('esco', 'import', path.join(environment.dataDir, 'absent'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/There is no folder at .*absent\. \[esco\.directory_not_found\]/);
  });
});
