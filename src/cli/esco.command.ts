import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openConfiguredDatabase } from '../app.js';
import { importEsco, type EscoImportProgress, type EscoImportReport } from '../catalog/esco/esco-import.js';
import { rebuildSearchIndex } from '../catalog/search/search-index.js';
import { loadConfig } from '../config/config.js';
import { migrateToLatest } from '../db/migrate.js';
import type { CliOutput } from './output.js';

type Run = (action: () => Promise<number>) => () => Promise<void>;

/** `tessera esco import <dir>`: the ESCO classification from the official CSV download. */
export function escoCommand(output: CliOutput, run: Run, isTty: boolean = process.stderr.isTTY === true): Command {
  const esco = new Command('esco').description('the ESCO skills and occupations classification');
  esco
    .command('import')
    .argument('<dir>', 'folder of ESCO CSV files (skills_en.csv, occupations_en.csv, … or .csv.gz), as the ESCO download unpacks')
    .description('import or update ESCO from CSV files; re-importing the same files changes nothing')
    .action(async (dir: string) => run(() => escoImportCommand(output, dir, isTty))());
  return esco;
}

export async function escoImportCommand(output: CliOutput, dir: string, isTty: boolean): Promise<number> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const progress = isTty ? barProgress() : lineProgress(output);
    let report: EscoImportReport;
    try {
      report = await importEsco({ db: database.db, dir, onProgress: progress.update });
    } finally {
      progress.stop();
    }
    printReport(output, report);
    // New alternative labels change which searches find a micro-credential: re-index the catalogue.
    const { entries } = await rebuildSearchIndex(database.db);
    output.line(`Catalogue search index rebuilt (${entries} micro-credential(s)).`);
    return report.files.some((file) => file.status !== 'imported') ? 1 : 0;
  } finally {
    await database.close();
  }
}

interface ProgressDisplay {
  update(progress: EscoImportProgress): void;
  stop(): void;
}

function barProgress(): ProgressDisplay {
  const bar = new cliProgress.SingleBar({ format: '{file} [{bar}] {percentage}% | {rows} rows', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  let current = '';
  return {
    update: (p) => {
      if (p.file !== current) {
        if (current) bar.stop();
        current = p.file;
        bar.start(Math.max(p.totalBytes, 1), 0, { file: `${p.fileIndex + 1}/${p.fileCount} ${p.file}`, rows: 0 });
      }
      bar.update(Math.min(p.bytesRead, p.totalBytes), { rows: p.rowsRead });
    },
    stop: () => bar.stop(),
  };
}

/** Without a terminal (CI, logs): a line when a file starts and at each quarter of it. */
function lineProgress(output: CliOutput): ProgressDisplay {
  let current = '';
  let quarter = 0;
  return {
    update: (p) => {
      if (p.file !== current) {
        current = p.file;
        quarter = 0;
        output.line(`[${p.fileIndex + 1}/${p.fileCount}] ${p.file} (${Math.ceil(p.totalBytes / 1024)} KiB)`);
      }
      const reached = p.totalBytes > 0 ? Math.floor((4 * p.bytesRead) / p.totalBytes) : 4;
      if (reached > quarter && !p.done) {
        quarter = reached;
        output.line(`  ${reached * 25}% · ${p.rowsRead} rows`);
      }
    },
    stop: () => undefined,
  };
}

function printReport(output: CliOutput, report: EscoImportReport): void {
  output.line(`ESCO import from ${report.directory} in ${(report.durationMs / 1000).toFixed(1)} s`);
  output.line(`${'file'.padEnd(40)} ${'read'.padStart(7)} ${'new'.padStart(7)} ${'updated'.padStart(7)} ${'same'.padStart(7)} ${'unread'.padStart(7)}`);
  for (const file of report.files) {
    if (file.status !== 'imported') {
      output.error(`${file.file.padEnd(40)} ${file.status.toUpperCase()}: ${file.message ?? ''} (nothing of this file was imported)`);
      continue;
    }
    output.line(
      `${file.file.padEnd(40)} ${String(file.rowsRead).padStart(7)} ${String(file.inserted).padStart(7)} ${String(file.updated).padStart(7)} ${String(file.unchanged).padStart(7)} ${String(file.rejectedCount).padStart(7)}`,
    );
    for (const problem of file.rejected) output.error(`  ${file.file}:${problem.line}: ${problem.reason}`);
    if (file.rejectedCount > file.rejected.length) output.error(`  … and ${file.rejectedCount - file.rejected.length} more unreadable rows in ${file.file}`);
  }
  for (const name of report.ignored) output.line(`${name.padEnd(40)} ignored: not an ESCO file Tessera knows`);
}
