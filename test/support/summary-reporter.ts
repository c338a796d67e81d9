import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, "N passed, N failed, N skipped", that CI can read whatever the runner,
 * preceded by the slowest files, so the time a CI run takes can be traced to where it goes.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (testModule.state() === 'failed' && [...testModule.children.allTests()].length === 0) failed += 1;
    }
    process.stdout.write(slowestFiles(testModules, 25));
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

function slowestFiles(testModules: ReadonlyArray<TestModule>, count: number): string {
  const timed = testModules
    .map((testModule) => ({ name: `${testModule.project.name}: ${testModule.moduleId.replace(`${process.cwd()}/`, '')}`, ms: testModule.diagnostic().duration }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
  const total = testModules.reduce((sum, testModule) => sum + testModule.diagnostic().duration, 0);
  const lines = timed.map(({ name, ms }) => `${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
  return `\nSlowest test files (of ${(total / 1000).toFixed(0)} s in all files):\n${lines.join('\n')}\n`;
}
