import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { loadConfig, settingDocs } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000', demoData: true, databaseUrl: undefined });
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('derives the public URL from the port unless given, without a trailing slash', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
    expect(loadConfig({ TESSERA_PUBLIC_URL: 'https://credentials.example.org/' }).publicUrl).toBe('https://credentials.example.org');
  });

  it('names every bad setting at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TESSERA_LOG_LEVEL: 'loud' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isAppError(error) && error.code).toBe('config.invalid');
    const problems = isAppError(error) ? (error.extensions.problems as string[]) : [];
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'TESSERA_LOG_LEVEL']));
  });

  it('the README configuration table lists exactly the settings the code reads, with their defaults', () => {
    const readme = readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
    const table = readme.split('<!-- settings:start -->')[1]!.split('<!-- settings:end -->')[0]!;
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((cells) => cells[1]!.replaceAll('`', ''))).toEqual(Object.keys(settingDocs));
    for (const cells of rows) {
      const doc = settingDocs[cells[1]!.replaceAll('`', '') as keyof typeof settingDocs];
      expect(cells[2]!.replaceAll('`', '')).toBe(doc.default);
      expect(cells[3]).toBe(doc.meaning);
    }
  });
});
