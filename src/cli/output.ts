import { isAppError } from '../errors.js';

/** How CLI commands talk to people: plain lines on stdout, problems on stderr, never a stack trace. */
export interface CliOutput {
  line(text?: string): void;
  error(text: string): void;
}

export const processOutput: CliOutput = {
  line: (text = '') => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/** Prints an error the way the API would describe it, and returns the exit code. */
export function reportFailure(output: CliOutput, error: unknown): number {
  if (isAppError(error)) {
    output.error(`tessera: ${error.detail} [${error.code}]`);
    return 1;
  }
  output.error(`tessera: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
