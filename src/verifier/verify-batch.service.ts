import { invalidInput, isAppError } from '../errors.js';
import type { VerificationReport, VerificationCheck } from '../credentials/verify/verification-report.js';
import { embeddedCredentialsOf, summariseCredential, type CredentialSummary } from './credential-summary.js';
import { readUpload } from './uploaded-file.js';
import { nothingToVerify, shareGone, tooManyItems } from './verifier.errors.js';

/** One thing handed to the verifier: a file's bytes, a credential (object or text), or a URL it is published at. */
export type VerifyInput =
  | { source: string; file: Uint8Array }
  | { source: string; credential: unknown }
  | { source: string; url: string };

export type BatchOutcome = 'verified' | 'warnings' | 'not_verified' | 'unreadable';

export interface BatchRow {
  /** The file name, "pasted", or the URL; bundled credentials repeat their CLR's source. */
  source: string;
  /** 1-based position inside the CLR that bundles this credential; null for what was handed in. */
  embeddedIndex: number | null;
  outcome: BatchOutcome;
  /** The first failing check (or, when none failed, the first warning). */
  firstProblem: Pick<VerificationCheck, 'id' | 'message'> | null;
  notices: string[];
  report: VerificationReport | null;
  summary: CredentialSummary | null;
  /** Why nothing could be verified (not an image, no credential inside, URL not fetchable). */
  error: { code: string; title: string; detail: string } | null;
}

export interface VerifyBatchDeps {
  verify: (credential: unknown) => Promise<VerificationReport>;
  fetchCredential: (url: string) => Promise<string>;
}

export const VERIFY_BATCH_LIMITS = {
  /** Credentials in one batch, bundled ones included: each costs a signature check and maybe status fetches. */
  maxRows: 100,
  /** Files in one multipart upload, and their sum in bytes. */
  maxFiles: 50,
  maxTotalBytes: 20 * 1024 * 1024,
} as const;

const CONCURRENCY = 4;

/**
 * A Tessera share link (`https://host/s/<token>`) names a page for people; its credentials are at the
 * same instance's `/api/v1/shares/<token>`. Any other URL is taken to be the credential's own address.
 */
export const sharedCredentialsUrl = (url: string): string | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const match = /^(.*)\/s\/([A-Za-z0-9_-]{16,200})\/?$/.exec(parsed.pathname);
  return match ? `${parsed.origin}${match[1]}/api/v1/shares/${match[2]}` : undefined;
};

/** The credentials of a share page's JSON: each as the object, or the VC-JWT, the holder shared. */
const sharedCredentialsOf = (text: string): unknown[] => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidInput('The share link did not answer with shared credentials.');
  }
  const items = typeof body === 'object' && body !== null && Array.isArray((body as { credentials?: unknown }).credentials) ? (body as { credentials: unknown[] }).credentials : [];
  return items.flatMap((item) => (typeof item === 'object' && item !== null ? [(item as { credential?: unknown }).credential ?? (item as { jwt?: unknown }).jwt].filter((c) => c !== undefined && c !== null) : []));
};

const outcomeOf = (report: VerificationReport): BatchOutcome =>
  !report.verified ? 'not_verified' : report.checks.some((c) => c.outcome === 'warning') ? 'warnings' : 'verified';

const firstProblemOf = (report: VerificationReport): BatchRow['firstProblem'] => {
  const problem = report.checks.find((c) => c.outcome === 'fail') ?? report.checks.find((c) => c.outcome === 'warning');
  return problem ? { id: problem.id, message: problem.message } : null;
};

const reportRow = (source: string, embeddedIndex: number | null, notices: string[], report: VerificationReport): BatchRow => ({
  source,
  embeddedIndex,
  outcome: outcomeOf(report),
  firstProblem: firstProblemOf(report),
  notices,
  report,
  summary: report.credential ? summariseCredential(report.credential) : null,
  error: null,
});

const errorRow = (source: string, notices: string[], error: unknown): BatchRow => {
  if (!isAppError(error) || error.status >= 500) throw error;
  return { source, embeddedIndex: null, outcome: 'unreadable', firstProblem: null, notices, report: null, summary: null, error: { code: error.code, title: error.title, detail: error.detail } };
};

/** Runs `work` over `items` with at most CONCURRENCY at a time, keeping order. */
async function mapLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/**
 * Verifies many credentials for an employer: one row each, and for a CLR one row for the transcript and
 * one for every credential it bundles (CLR 2.0 §8 asks each to be verified in its own right). A file that
 * holds no credential is a row saying why, never a failure of the whole batch.
 */
export function createVerifyBatchService(deps: VerifyBatchDeps) {
  const verifyOne = async (input: VerifyInput | { source: string; failed: unknown }): Promise<{ row: BatchRow; embedded: unknown[] }> => {
    let notices: string[] = [];
    let report: VerificationReport;
    try {
      if ('failed' in input) {
        throw input.failed;
      } else if ('file' in input) {
        const upload = readUpload(input.file);
        notices = upload.notices;
        report = await deps.verify(upload.credentialText());
      } else if ('url' in input) {
        report = await deps.verify(await deps.fetchCredential(input.url));
      } else {
        report = await deps.verify(input.credential);
      }
    } catch (error) {
      return { row: errorRow(input.source, notices, error), embedded: [] };
    }
    return { row: reportRow(input.source, null, notices, report), embedded: report.credential ? embeddedCredentialsOf(report.credential) : [] };
  };

  /** A share link becomes one input per credential it shares; a link that no longer works, one row saying so. */
  const expandShare = async (input: VerifyInput): Promise<Array<VerifyInput | { source: string; failed: unknown }>> => {
    const api = 'url' in input ? sharedCredentialsUrl(input.url) : undefined;
    if (!api) return [input];
    try {
      const credentials = sharedCredentialsOf(await deps.fetchCredential(api));
      if (credentials.length === 0) throw invalidInput('The share link shares no credentials.');
      return credentials.map((credential, index) => ({ source: credentials.length === 1 ? input.source : `${input.source} (${index + 1} of ${credentials.length})`, credential }));
    } catch (error) {
      // A revoked or expired share answers 410 (issue #6): say so rather than quote the address.
      const gone = isAppError(error) && (error.extensions.upstreamStatus === 410 || error.extensions.upstreamStatus === 404);
      return [{ source: input.source, failed: gone ? shareGone() : error }];
    }
  };

  return {
    async verify(inputs: readonly VerifyInput[]): Promise<BatchRow[]> {
      if (inputs.length === 0) throw nothingToVerify();
      if (inputs.length > VERIFY_BATCH_LIMITS.maxRows) throw tooManyItems(VERIFY_BATCH_LIMITS.maxRows);
      const expanded = (await mapLimited(inputs, expandShare)).flat();
      if (expanded.length > VERIFY_BATCH_LIMITS.maxRows) throw tooManyItems(VERIFY_BATCH_LIMITS.maxRows);
      const handedIn = await mapLimited(expanded, verifyOne);
      // Bundled credentials count against the same budget, known only once each CLR is parsed: refuse
      // before verifying them rather than after.
      const total = handedIn.reduce((sum, item) => sum + 1 + item.embedded.length, 0);
      if (total > VERIFY_BATCH_LIMITS.maxRows) throw tooManyItems(VERIFY_BATCH_LIMITS.maxRows);
      const rows: BatchRow[] = [];
      for (const { row, embedded } of handedIn) {
        rows.push(row);
        const reports = await mapLimited(embedded, (credential) => deps.verify(credential));
        reports.forEach((report, index) => rows.push(reportRow(row.source, index + 1, [], report)));
      }
      return rows;
    },
  };
}

export type VerifyBatchService = ReturnType<typeof createVerifyBatchService>;
