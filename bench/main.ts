/**
 * Benchmarks, by part: `npm run bench -- credentials`. Each part is a module with `run()`; add yours to
 * PARTS. Benchmarks print figures; they assert nothing (the machine is shared, timings vary).
 */
const PARTS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  credentials: () => import('./credentials.js'),
  'catalogue-suggest': () => import('./esco-suggestions.js'),
  bulk: () => import('./bulk.js'),
  catalogue: () => import('./catalogue.js'),
  tracking: () => import('./tracking.js'),
};

const wanted = process.argv.slice(2).filter((arg, i, args) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--')); // `--name value` options are the parts' own
const names = wanted.length > 0 ? wanted : Object.keys(PARTS);
for (const name of names) {
  const load = PARTS[name];
  if (load === undefined) {
    console.error(`Unknown benchmark part "${name}". Known: ${Object.keys(PARTS).join(', ')}`);
    process.exitCode = 1;
    continue;
  }
  console.log(`# ${name}`);
  await (await load()).run();
}
