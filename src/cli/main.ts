import { Command, CommanderError } from 'commander';
import { packageVersion } from '../package-root.js';
import { issueCommand, keysCommand, verifyCommand, type IssueCommandOptions } from './credentials.commands.js';
import { migrateCommand, seedCommand } from './database.commands.js';
import { doctorCommand } from './doctor.command.js';
import { bulkCommand } from './bulk.command.js';
import { escoCommand } from './esco.command.js';
import { feedsCommand } from './feeds.command.js';
import { holderCommand } from './holder.command.js';
import { processOutput, reportFailure, type CliOutput } from './output.js';
import { serveCommand } from './serve.command.js';

/** Builds the `tessera` command tree; each action returns its exit code. */
export function buildProgram(output: CliOutput, setExitCode: (code: number) => void): Command {
  const run = (action: () => Promise<number>) => async () => {
    try {
      setExitCode(await action());
    } catch (error) {
      setExitCode(reportFailure(output, error));
    }
  };
  const program = new Command('tessera')
    .description('Tessera: verifiable micro-credentials (Open Badges 3.0, CLR 2.0, W3C VC 2.0)')
    .version(packageVersion())
    .configureOutput({ writeOut: (text) => output.line(text.trimEnd()), writeErr: (text) => output.error(text.trimEnd()) })
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('start the HTTP server (applies migrations; seeds demo data on an empty database)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }) => run(() => serveCommand(output, options))());
  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--status', 'list applied and pending migrations without changing anything')
    .action(async (options: { status?: boolean }) => run(() => migrateCommand(output, options))());
  program
    .command('seed')
    .description('create the demo organisations, people and micro-credentials if absent')
    .action(run(() => seedCommand(output)));
  program
    .command('doctor')
    .description('check configuration, database, migrations, keys and the audit chain; say how to fix problems')
    .action(run(() => doctorCommand(output)));
  program.addCommand(escoCommand(output, run));
  program.addCommand(feedsCommand(output, run));
  program.addCommand(bulkCommand(output, run));
  program.addCommand(holderCommand(output, run));
  program
    .command('verify')
    .description('verify a credential (JSON, VC-JWT) from a file, a URL or - for standard input; exit 0 when authentic and valid')
    .argument('<source>', 'file path, http(s) URL, or - for standard input')
    .action(async (source: string) => run(() => verifyCommand(output, source))());
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('issue')
    .description('issue an Open Badges 3.0 credential for a published micro-credential and print it (for scripting)')
    .requiredOption('--org <slug>', 'issuing organisation')
    .requiredOption('--achievement <slug|id>', 'the micro-credential')
    .option('--email <address>', 'recipient email (hashed in the credential)')
    .option('--did <did>', 'recipient DID')
    .option('--result <outcomeId>', 'an outcome demonstrated (repeatable)', collect)
    .option('--evidence-url <url>', 'a URL of evidence (repeatable)', collect)
    .option('--idempotency-key <key>', 'repeat-safe key: the same key returns the first credential')
    .action(async (options: IssueCommandOptions) => run(() => issueCommand(output, options))());
  const keys = program.command('keys').description("manage an organisation's signing keys");
  keys
    .command('list')
    .description("list an organisation's keys and its DID")
    .argument('<organisation>', 'organisation slug')
    .action(async (slug: string) => run(() => keysCommand(output, 'list', slug))());
  keys
    .command('rotate')
    .description('make a new key the signing key; older keys stay in the DID document')
    .argument('<organisation>', 'organisation slug')
    .action(async (slug: string) => run(() => keysCommand(output, 'rotate', slug))());
  keys
    .command('compromise')
    .description('mark a key compromised: credentials it signed after that moment fail verification')
    .argument('<organisation>', 'organisation slug')
    .argument('<keyId>', 'key id (from keys list)')
    .option('--at <time>', 'when the key was compromised (ISO 8601); default now')
    .action(async (slug: string, keyId: string, options: { at?: string }) => run(() => keysCommand(output, 'compromise', slug, keyId, options.at))());
  return program;
}

/** Entry point of the `tessera` binary: returns the process exit code. */
export async function main(argv: string[], output: CliOutput = processOutput): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(output, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return reportFailure(output, error);
  }
}
