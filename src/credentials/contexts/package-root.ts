import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Tessera's `package.json`, found by walking up from this module. `tsc` does not copy
 * JSON files into `dist/`, so bundled contexts and schemas stay under `src/` and are read from there both
 * when running the sources (tests, tsx) and the build.
 */
const findPackageRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
};

let packageRoot: string | undefined;

/** Absolute path of a file shipped with the credentials capability, e.g. `('contexts', 'files', 'x.json')`. */
export const bundledFilePath = (...segments: string[]): string => {
  packageRoot ??= findPackageRoot();
  return path.join(packageRoot, 'src', 'credentials', ...segments);
};
