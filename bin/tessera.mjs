#!/usr/bin/env node
// The `tessera` command. It runs the compiled CLI; `npm install` compiles it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('tessera: the CLI is not built yet. Run `npm run build:server` (npm install does it for you).\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv);
