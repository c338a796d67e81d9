import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order two workers take the test files in, so that neither waits and both finish together:
 *
 * 1. Files that never open a database (nothing they import reaches test/support/test-database.ts) first:
 *    they run while the run's database templates are still being built (test/support/database-templates.ts).
 * 2. Then the rest, the known slowest first, the others longest first (Vitest's own order: by the last
 *    run's durations when it has them, by size on a clean clone). Browser files are spread among them,
 *    one every other slot, so that a browser test (a server and Chromium, about one core) mostly runs
 *    beside a file that needs the other core, rather than all of them one after another at the end.
 */
export default class TesseraSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const free = ordered.filter((spec) => !needsDatabase(spec.moduleId));
    const rest = ordered.filter((spec) => needsDatabase(spec.moduleId));
    const rank = (spec: TestSpecification) => {
      const index = SLOWEST_FIRST.findIndex((suffix) => spec.moduleId.endsWith(suffix));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: files outside the list keep Vitest's order.
    const byRank = (list: TestSpecification[]) => [...list].sort((a, b) => rank(a) - rank(b));
    const browser = byRank(rest.filter((spec) => isBrowserFile(spec.moduleId)));
    const others = byRank(rest.filter((spec) => !isBrowserFile(spec.moduleId)));
    const interleaved: TestSpecification[] = [];
    while (browser.length > 0 || others.length > 0) {
      const next = others.shift();
      if (next) interleaved.push(next);
      const page = browser.shift();
      if (page) interleaved.push(page);
    }
    return [...byRank(free), ...interleaved];
  }
}

/** Slowest in the CI replica (wall time on two cores): started first so that none is left for the end. */
const SLOWEST_FIRST = [
  'src/catalog/esco/esco.service.test.ts',
  'src/catalog/esco/esco-import.test.ts',
  'src/catalog/esco/esco-demo.test.ts',
  'src/credentials/proof/template-canonize.test.ts',
  'test/e2e/bulk-issuance.test.ts',
];

const isBrowserFile = (file: string): boolean => file.split(path.sep).join('/').includes('/test/e2e/');

const databaseHelper = path.sep + path.join('test', 'support', 'test-database.ts');
const reaches = new Map<string, boolean>();

/** Whether the file imports, directly or through other local modules, the test-database helper. */
function needsDatabase(file: string, visiting = new Set<string>()): boolean {
  if (file.endsWith(databaseHelper)) return true;
  const known = reaches.get(file);
  if (known !== undefined) return known;
  if (visiting.has(file)) return false;
  visiting.add(file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const found = localImports(file, source).some((dependency) => needsDatabase(dependency, visiting));
  reaches.set(file, found);
  return found;
}

function localImports(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    const target = path.resolve(path.dirname(file), specifier);
    const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), `${target}.ts`, path.join(target, 'index.ts')];
    const found = candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
    return found ? [found] : [];
  });
}
