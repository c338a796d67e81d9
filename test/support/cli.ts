import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliOutput } from '../../src/cli/output.js';
import { createPostgresTestDatabaseUrl, testDatabaseKind } from './test-database.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `tessera <args>` in-process, capturing what it prints. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const output: CliOutput = { line: (text = '') => out.push(text), error: (text) => err.push(text) };
  const code = await main(['node', 'tessera', ...args], output);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * Points the CLI (which reads process.env, as in production) at a throw-away data directory and, in the
 * `postgres` test project, a throw-away database. Call in beforeAll; `restore` in afterAll.
 */
export async function useCliEnvironment(prefix: string): Promise<{ dataDir: string; restore(): Promise<void> }> {
  const saved = { ...process.env };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.TESSERA_DATA_DIR = dataDir;
  delete process.env.TESSERA_MASTER_KEY;
  delete process.env.DATABASE_URL;
  let drop: (() => Promise<void>) | undefined;
  if (testDatabaseKind() === 'postgres') {
    process.env.DATABASE_URL = saved.DATABASE_URL;
    const database = await createPostgresTestDatabaseUrl();
    process.env.DATABASE_URL = database.url;
    drop = database.drop;
  }
  return {
    dataDir,
    restore: async () => {
      process.env = saved;
      rmSync(dataDir, { recursive: true, force: true });
      await drop?.();
    },
  };
}
