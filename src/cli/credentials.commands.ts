import { readFile } from 'node:fs/promises';
import { openServices } from '../app.js';
import { loadConfig } from '../config/config.js';
import { credentialTextFromUpload } from '../credentials/baking/baked-credential.js';
import { createDocumentLoader } from '../credentials/contexts/document-loader.js';
import type { IssuerKey } from '../credentials/keys/key-lifecycle.js';
import type { VerificationReport } from '../credentials/verify/verification-report.js';
import { OPERATOR } from '../accounts/principal.js';
import { invalidInput } from '../errors.js';
import { createVerificationService } from '../issuing/verification.service.js';
import { achievementIdOf } from './achievement-argument.js';
import type { CliOutput } from './output.js';

const MAX_INPUT_BYTES = 5 * 1024 * 1024;
const symbols = { pass: 'ok  ', warning: 'warn', fail: 'FAIL' } as const;

/** Reads what `tessera verify` was given: a file (JSON, VC-JWT, baked PNG or SVG), a URL, or `-` for standard input. */
async function readCredentialSource(source: string, fetchCredential: (url: string) => Promise<string>): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_INPUT_BYTES) throw invalidInput(`Standard input is larger than ${MAX_INPUT_BYTES} bytes.`);
      chunks.push(chunk as Buffer);
    }
    return credentialTextFromUpload(Buffer.concat(chunks));
  }
  if (/^https?:\/\//i.test(source)) return fetchCredential(source);
  const bytes = await readFile(source).catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(error.code === 'ENOENT' ? `There is no file ${source}.` : `Cannot read ${source}: ${error.message}`);
  });
  if (bytes.length > MAX_INPUT_BYTES) throw invalidInput(`${source} is larger than ${MAX_INPUT_BYTES} bytes.`);
  return credentialTextFromUpload(bytes);
}

export function printReport(output: CliOutput, report: VerificationReport): void {
  for (const check of report.checks) output.line(`[${symbols[check.outcome]}] ${check.id}: ${check.message}`);
  output.line(report.verified ? '\nVerified: the credential is authentic and currently valid.' : '\nNOT verified.');
}

/**
 * `tessera verify`: exit 0 when the credential is authentic and currently valid (warnings, such as an
 * issuer outside the trusted registry, are printed but do not fail it), 1 otherwise. Works without a
 * database: DIDs and status lists are fetched from their publishers.
 */
export async function verifyCommand(output: CliOutput, source: string): Promise<number> {
  const config = loadConfig();
  const verification = createVerificationService({
    documentLoader: createDocumentLoader(),
    publicUrl: config.publicUrl,
    clock: () => new Date(),
    isTrustedIssuer: async () => false,
  });
  const text = await readCredentialSource(source, verification.fetchCredential);
  const report = await verification.verify(text.trim());
  printReport(output, report);
  return report.verified ? 0 : 1;
}

const describeKey = (key: IssuerKey): string =>
  `${key.id}  ${key.status.padEnd(11)} ${key.publicKeyMultibase}  created ${key.createdAt.toISOString()}` +
  (key.status === 'compromised' ? `  compromised from ${key.compromisedAt.toISOString()}` : '');

export async function keysCommand(output: CliOutput, action: 'list' | 'rotate' | 'compromise', slug: string, keyId?: string, at?: string): Promise<number> {
  const { services, close } = await openServices(loadConfig());
  try {
    if (action === 'rotate') {
      const key = await services.keys.rotate(OPERATOR, slug);
      output.line(`New active key: ${describeKey(key)}`);
    } else if (action === 'compromise') {
      if (!keyId) throw invalidInput('Name the key to mark compromised: tessera keys compromise <org> <keyId> [--at <time>].');
      const when = at ? new Date(at) : new Date();
      if (Number.isNaN(when.getTime())) throw invalidInput(`"${at}" is not a date and time (use ISO 8601, e.g. 2026-11-01T09:00:00Z).`);
      const key = await services.keys.compromise(OPERATOR, slug, keyId, when);
      output.line(`Marked compromised: ${describeKey(key)}`);
      output.line('Rotate now so the organisation can sign again: tessera keys rotate ' + slug);
    }
    const { did, keys } = await services.keys.list(OPERATOR, slug);
    output.line(`${did}`);
    for (const key of keys) output.line(`  ${describeKey(key)}`);
    return 0;
  } finally {
    await close();
  }
}

export interface IssueCommandOptions {
  org: string;
  achievement: string;
  email?: string;
  did?: string;
  result?: string[];
  evidenceUrl?: string[];
  idempotencyKey?: string;
}

/** `tessera issue`: issues one credential for a published micro-credential and prints it as JSON. */
export async function issueCommand(output: CliOutput, options: IssueCommandOptions): Promise<number> {
  if ((options.email === undefined) === (options.did === undefined)) throw invalidInput('Give the recipient as exactly one of --email or --did.');
  const { services, database, close } = await openServices(loadConfig());
  try {
    const organisation = await services.organisations.getPublic(options.org);
    const achievementId = await achievementIdOf(database.db, { id: organisation.id, slug: options.org }, options.achievement);
    const { record, created } = await services.issuance.issue(OPERATOR, options.org, {
      achievementId,
      recipient: options.email !== undefined ? { email: options.email } : { did: options.did! },
      results: (options.result ?? []).map((outcome) => ({ outcome })),
      evidence: (options.evidenceUrl ?? []).map((id) => ({ id })),
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    });
    output.line(JSON.stringify(record.credential, null, 2));
    if (!created) output.error(`tessera: the idempotency key was used before; this is credential ${record.id}, issued ${record.issuedAt.toISOString()}.`);
    return 0;
  } finally {
    await close();
  }
}
