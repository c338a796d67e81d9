import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDemoEsco } from '../src/catalog/esco/esco-import.js';
import { createEscoRepository } from '../src/catalog/esco/esco.repository.js';
import { measureAlignmentQuality, type AlignmentCase } from '../src/catalog/esco/esco-suggest.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const alignmentSet = JSON.parse(fs.readFileSync(path.join(here, '../src/catalog/esco/fixtures/alignment-set.json'), 'utf8')) as AlignmentCase[];
const SEARCHES = ['spredsheet softwre', 'nurse', 'forklift', 'communication skills', 'data analysis', 'teamwork principles'];

/**
 * Quality of the ESCO alignment suggester (recall@1, recall@5, MRR over the labelled outcome set), on the
 * embedded database (or DATABASE_URL's server) with the bundled demo ESCO subset; plus import and query times.
 */
export const run = async (): Promise<void> => {
  const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
  try {
    await migrateToLatest(database.db);
    const report = await importDemoEsco(database.db);
    const rows = report.files.reduce((sum, file) => sum + file.rowsRead, 0);
    console.log(`demo ESCO import on ${database.kind}: ${(report.durationMs / 1000).toFixed(1)} s, ${rows} rows, ${(rows / (report.durationMs / 1000)).toFixed(0)} rows/s`);

    const started = performance.now();
    const quality = await measureAlignmentQuality(database.db, alignmentSet);
    const perCase = (performance.now() - started) / quality.cases;
    console.log(`catalogue-suggest over ${quality.cases} outcome sentences: recall@1 ${quality.recallAt1.toFixed(3)}  recall@5 ${quality.recallAt5.toFixed(3)}  MRR ${quality.mrr.toFixed(3)}  (${perCase.toFixed(0)} ms per suggestion)`);

    const esco = createEscoRepository(database.db);
    for (const q of SEARCHES) await esco.search({ q, limit: 10 });
    const timings: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const q of SEARCHES) {
        const start = performance.now();
        await esco.search({ q, limit: 10 });
        timings.push(performance.now() - start);
      }
    }
    timings.sort((a, b) => a - b);
    console.log(`search latency (warm, ${timings.length} queries): median ${timings[Math.floor(timings.length / 2)]!.toFixed(0)} ms, max ${timings.at(-1)!.toFixed(0)} ms`);
  } finally {
    await database.close();
  }
};
