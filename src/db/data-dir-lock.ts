import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'tessera.pid';

export const dataDirInUse = (dir: string, pid: number): AppError =>
  new AppError({
    code: 'db.data_dir_in_use',
    status: 500,
    title: 'The embedded database is in use',
    detail: `Another Tessera process (pid ${pid}) has the embedded database at ${dir} open. Stop it first, or point DATABASE_URL at a PostgreSQL server to run several processes.`,
    reportable: false,
  });

/**
 * Claims a PGlite folder for this process with a pid file. A stale file (its process gone) is taken over,
 * so a crash never leaves the database locked for good.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && isAlive(holder)) throw dataDirInUse(dir, holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw dataDirInUse(dir, -1);
}

function releaseIfOurs(file: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
