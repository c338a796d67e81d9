import { runDoctor, type CheckOutcome } from '../operations/doctor.js';
import type { CliOutput } from './output.js';

const symbols: Record<CheckOutcome, string> = { pass: 'ok  ', warning: 'warn', fail: 'FAIL' };

export async function doctorCommand(output: CliOutput): Promise<number> {
  const checks = await runDoctor();
  for (const item of checks) {
    output.line(`[${symbols[item.outcome]}] ${item.name}: ${item.message}`);
    if (item.fix) output.line(`       fix: ${item.fix}`);
  }
  const failures = checks.filter((item) => item.outcome === 'fail').length;
  const warnings = checks.filter((item) => item.outcome === 'warning').length;
  output.line(`\n${checks.length} checks: ${checks.length - failures - warnings} ok, ${warnings} warning(s), ${failures} failure(s).`);
  return failures === 0 ? 0 : 1;
}
