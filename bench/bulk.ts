import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { OPERATOR } from '../src/accounts/principal.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { generateMasterKey } from '../src/credentials/keys/master-key.js';
import { seedDemoData } from '../src/demo/demo-data.js';

/**
 * Bulk issuance end to end: a generated CSV streamed from disk through intake (validation, one
 * transaction), then every row validated, signed (worker threads), given a status-list position and
 * stored, on PostgreSQL (database tessera_bench_bulk on 127.0.0.1:5432) and on the embedded PGlite.
 * `npm run bench -- bulk --rows 10000 --db postgres|pglite` for smaller or single runs; `--look-ahead N`
 * signs N batches ahead of the one being stored (the service's default otherwise).
 */
const SERVER = process.env.BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'tessera_bench_bulk';

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('email,results,evidence_url\n');
  for (let i = 1; i <= rows; i += 1) {
    if (!out.write(`learner${i}@bulk.example,o1;o2,https://evidence.example/${i}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function freshPostgres(): Promise<string> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  await client.query(`drop database if exists ${DATABASE} with (force)`);
  await client.query(`create database ${DATABASE}`);
  await client.end();
  return `${SERVER}/${DATABASE}`;
}

/** Peak resident set and heap, sampled every 100 ms (the figures a flat-memory claim rests on). */
function sampleMemory() {
  const peak = { rss: 0, heap: 0 };
  const take = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  };
  const timer = setInterval(take, 100);
  return { peak, stop: () => (take(), clearInterval(timer)) };
}

/**
 * CPU seconds of the PostgreSQL server processes serving the bench database (read from /proc, so only when
 * the server runs on this machine): the cores the bench shares with PostgreSQL are the same two.
 */
async function postgresCpu(databaseUrl: string | undefined): Promise<Map<number, number> | undefined> {
  if (!databaseUrl || process.platform !== 'linux') return undefined;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // A backend that ended meanwhile.
      }
    }
    return ticks;
  } finally {
    await client.end();
  }
}

const cpuSince = (before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined =>
  after && [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before?.get(pid) ?? 0), 0);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function runOn(kind: 'postgres' | 'pglite', csv: string, rows: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-bulk-'));
  const databaseUrl = kind === 'postgres' ? await freshPostgres() : undefined;
  const config = loadConfig({ TESSERA_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, { dataDir, masterKey: generateMasterKey({ randomBytes }) });
  const app = await createApp(config);
  try {
    await seedDemoData(app.database.db);
    const { id: achievementId } = await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'workplace-health-and-safety').executeTakeFirstOrThrow();
    const postgresBefore = await postgresCpu(databaseUrl);
    const memory = sampleMemory();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const job = await app.services.bulk.create(OPERATOR, 'northbridge', { achievementId, sourceName: path.basename(csv), csv: createReadStream(csv) });
    const intakeSeconds = (performance.now() - started) / 1000;
    let lastReport = performance.now();
    const lookAhead = argument('look-ahead');
    const done = await app.services.bulk.run(job.id, {
      ...(lookAhead ? { lookAhead: Number(lookAhead) } : {}),
      onProgress: (progress) => {
        if (performance.now() - lastReport < 10_000) return;
        lastReport = performance.now();
        console.log(`  ${kind}: ${progress.issuedRows + progress.failedRows}/${progress.totalRows} after ${((lastReport - started) / 1000).toFixed(0)} s, rss ${mb(process.memoryUsage().rss)}`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    memory.stop();
    // CPU time of this process, worker threads included (PostgreSQL's own is not): on a shared machine
    // it says more than the wall clock about what an idle one would do.
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const postgresSeconds = cpuSince(postgresBefore, await postgresCpu(databaseUrl));
    const perCredential = (seconds: number) => ((seconds * 1000) / Math.max(1, done.issuedRows)).toFixed(2);
    console.log(
      `${kind.padEnd(8)} ${rows} rows: ${done.issuedRows} issued, ${done.failedRows} failed; total ${seconds.toFixed(1)} s (intake ${intakeSeconds.toFixed(1)} s), ` +
        `${(done.issuedRows / seconds).toFixed(0)} credentials/s end to end; CPU ${cpuSeconds.toFixed(1)} s (${perCredential(cpuSeconds)} ms per credential)` +
        `${postgresSeconds === undefined ? '' : `, PostgreSQL backends ${postgresSeconds.toFixed(1)} s (${perCredential(postgresSeconds)} ms)`}; ` +
        `peak RSS ${mb(memory.peak.rss)}, peak heap ${mb(memory.peak.heap)}`,
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const run = async (): Promise<void> => {
  const rows = Number(argument('rows') ?? 100_000);
  const which = argument('db') ?? 'both';
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-csv-'));
  const csv = path.join(directory, `bulk-${rows}.csv`);
  try {
    await writeCsv(csv, rows);
    console.log(`Bulk issuance of ${rows} rows from ${csv}; ${os.availableParallelism()} cores (shared: figures are noisy)`);
    for (const kind of ['postgres', 'pglite'] as const) if (which === 'both' || which === kind) await runOn(kind, csv, rows);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};
