import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Every setting Tessera reads, in one place. The README's configuration table mirrors `settingDocs`;
 * a test keeps them in step. Nothing else in the code base reads `process.env`.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TESSERA_PUBLIC_URL: z.url().optional(),
  TESSERA_DATA_DIR: z.string().min(1).default('./.tessera/data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  TESSERA_MASTER_KEY: z.string().optional(),
  TESSERA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TESSERA_DEMO_DATA: booleanFlag.default(true),
  TESSERA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TESSERA_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  TESSERA_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  TESSERA_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  TESSERA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TESSERA_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  TESSERA_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  TESSERA_EVIDENCE_STORE: z.enum(['local', 's3']).default('local'),
  TESSERA_EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).default(52_428_800),
  TESSERA_S3_ENDPOINT: z.url().optional(),
  TESSERA_S3_BUCKET: z.string().min(3).optional(),
  TESSERA_S3_REGION: z.string().min(1).default('us-east-1'),
  TESSERA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  TESSERA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  TESSERA_S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  TESSERA_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  TESSERA_MAIL_FROM: z.string().min(3).default('Tessera <no-reply@localhost>'),
  TESSERA_OPEN_DATA_K: z.coerce.number().int().min(5, 'must be at least 5: smaller cells could identify learners').max(1_000_000).default(10),
});

export const settingDocs: Record<keyof z.infer<typeof environmentSchema>, { default: string; meaning: string }> = {
  PORT: { default: '3000', meaning: 'TCP port the HTTP server listens on.' },
  HOST: { default: '127.0.0.1', meaning: 'Interface to listen on; `0.0.0.0` to accept connections from other machines.' },
  TESSERA_PUBLIC_URL: { default: 'http://localhost:$PORT', meaning: 'The URL people and verifiers use to reach this instance; issuer DIDs (did:web), credential, achievement and status list URLs derive from it.' },
  TESSERA_DATA_DIR: { default: './.tessera/data', meaning: 'Folder for the embedded database, the generated master key and local files.' },
  DATABASE_URL: { default: '(unset: embedded PGlite)', meaning: 'A PostgreSQL connection string; when set, Tessera uses that server instead of the embedded database.' },
  TESSERA_MASTER_KEY: { default: '(generated into the data dir)', meaning: '32 random bytes, base64url: encrypts issuer private keys at rest. Set it explicitly in production and keep it out of the data directory; `tessera doctor` warns otherwise.' },
  TESSERA_LOG_LEVEL: { default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent. Logs are JSON lines; secrets are redacted.' },
  TESSERA_DEMO_DATA: { default: 'true', meaning: 'Seed the demo organisations, people and micro-credentials when the database is empty.' },
  TESSERA_BODY_LIMIT_BYTES: { default: '1048576', meaning: 'Largest accepted JSON request body.' },
  TESSERA_SESSION_TTL_HOURS: { default: '336', meaning: 'How long a sign-in session lasts.' },
  TESSERA_LOGIN_MAX_FAILURES: { default: '5', meaning: 'Failed sign-ins for one email before it is locked for a while.' },
  TESSERA_LOGIN_LOCK_MINUTES: { default: '15', meaning: 'How long an email stays locked after too many failures.' },
  TESSERA_RATE_LIMIT_PER_MINUTE: { default: '600', meaning: 'Requests per minute per client address across the API.' },
  TESSERA_SHUTDOWN_GRACE_MS: { default: '10000', meaning: 'On SIGINT/SIGTERM, how long in-flight requests may take to finish.' },
  TESSERA_DB_STATEMENT_TIMEOUT_MS: { default: '15000', meaning: 'PostgreSQL statement timeout, so a stuck query fails a request instead of hanging it.' },
  TESSERA_EVIDENCE_STORE: { default: 'local', meaning: 'Where evidence files are kept: `local` (the `evidence` folder in the data dir) or `s3` (an S3-compatible bucket, settings below).' },
  TESSERA_EVIDENCE_MAX_BYTES: { default: '52428800', meaning: 'Largest accepted evidence file (50 MB); a larger upload is cut off and answered with 413.' },
  TESSERA_S3_ENDPOINT: { default: '(unset: AWS)', meaning: 'URL of an S3-compatible service (MinIO, Garage, Ceph, R2…) for evidence files.' },
  TESSERA_S3_BUCKET: { default: '(unset)', meaning: 'Bucket for evidence files; required when `TESSERA_EVIDENCE_STORE=s3`.' },
  TESSERA_S3_REGION: { default: 'us-east-1', meaning: 'Region of the evidence bucket.' },
  TESSERA_S3_ACCESS_KEY_ID: { default: '(unset: the AWS default chain)', meaning: 'Access key for the evidence bucket.' },
  TESSERA_S3_SECRET_ACCESS_KEY: { default: '(unset: the AWS default chain)', meaning: 'Secret key for the evidence bucket; never logged.' },
  TESSERA_S3_FORCE_PATH_STYLE: { default: 'false', meaning: 'Address the bucket in the path rather than the host name, as most self-hosted S3 services need.' },
  TESSERA_SMTP_URL: { default: '(unset: mail written to files)', meaning: 'SMTP server for notification email, e.g. `smtps://user:pass@mail.example.org`; unset, each email is written as an .eml file under `mail` in the data dir. Never logged.' },
  TESSERA_MAIL_FROM: { default: 'Tessera <no-reply@localhost>', meaning: 'Sender of notification email.' },
  TESSERA_OPEN_DATA_K: { default: '10', meaning: 'Small-cell threshold of the public open data (`/api/v1/open-data/achievements`): any figure below it is suppressed; at least 5.' },
};

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  masterKey: string | undefined;
  logLevel: z.infer<typeof environmentSchema>['TESSERA_LOG_LEVEL'];
  demoData: boolean;
  bodyLimitBytes: number;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  rateLimitPerMinute: number;
  shutdownGraceMs: number;
  statementTimeoutMs: number;
  evidence: { store: 'local' | 's3'; maxBytes: number; s3: S3Settings | undefined };
  mail: { smtpUrl: string | undefined; from: string };
  /** Open data never publishes a figure below this (k-anonymity of small cells). */
  openDataK: number;
}

export interface S3Settings {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export const configError = (problems: string[]): AppError =>
  new AppError({
    code: 'config.invalid',
    status: 500,
    title: 'Configuration is not valid',
    detail: `Fix these settings: ${problems.join('; ')}`,
    extensions: { problems },
    reportable: false,
  });

/** Reads the configuration from an environment (by default the process's); throws `config.invalid`. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const known = Object.fromEntries(
    Object.keys(settingDocs).flatMap((name) => {
      const value = environment[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = environmentSchema.safeParse(known);
  if (!parsed.success) {
    throw configError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const port = overrides.port ?? env.PORT;
  const config: Config = {
    port,
    host: env.HOST,
    publicUrl: stripTrailingSlash(env.TESSERA_PUBLIC_URL ?? `http://localhost:${port}`),
    dataDir: path.resolve(env.TESSERA_DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    masterKey: env.TESSERA_MASTER_KEY,
    logLevel: env.TESSERA_LOG_LEVEL,
    demoData: env.TESSERA_DEMO_DATA,
    bodyLimitBytes: env.TESSERA_BODY_LIMIT_BYTES,
    sessionTtlHours: env.TESSERA_SESSION_TTL_HOURS,
    loginMaxFailures: env.TESSERA_LOGIN_MAX_FAILURES,
    loginLockMinutes: env.TESSERA_LOGIN_LOCK_MINUTES,
    rateLimitPerMinute: env.TESSERA_RATE_LIMIT_PER_MINUTE,
    shutdownGraceMs: env.TESSERA_SHUTDOWN_GRACE_MS,
    statementTimeoutMs: env.TESSERA_DB_STATEMENT_TIMEOUT_MS,
    evidence: { store: env.TESSERA_EVIDENCE_STORE, maxBytes: env.TESSERA_EVIDENCE_MAX_BYTES, s3: s3Settings(env) },
    mail: { smtpUrl: env.TESSERA_SMTP_URL, from: env.TESSERA_MAIL_FROM },
    openDataK: env.TESSERA_OPEN_DATA_K,
  };
  return { ...config, ...overrides };
}

function s3Settings(env: z.infer<typeof environmentSchema>): S3Settings | undefined {
  if (env.TESSERA_EVIDENCE_STORE !== 's3') return undefined;
  if (!env.TESSERA_S3_BUCKET) throw configError(['TESSERA_S3_BUCKET: required when TESSERA_EVIDENCE_STORE=s3']);
  if (Boolean(env.TESSERA_S3_ACCESS_KEY_ID) !== Boolean(env.TESSERA_S3_SECRET_ACCESS_KEY)) {
    throw configError(['TESSERA_S3_ACCESS_KEY_ID, TESSERA_S3_SECRET_ACCESS_KEY: set both or neither']);
  }
  return {
    bucket: env.TESSERA_S3_BUCKET,
    region: env.TESSERA_S3_REGION,
    forcePathStyle: env.TESSERA_S3_FORCE_PATH_STYLE,
    ...(env.TESSERA_S3_ENDPOINT ? { endpoint: env.TESSERA_S3_ENDPOINT } : {}),
    ...(env.TESSERA_S3_ACCESS_KEY_ID ? { accessKeyId: env.TESSERA_S3_ACCESS_KEY_ID } : {}),
    ...(env.TESSERA_S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.TESSERA_S3_SECRET_ACCESS_KEY } : {}),
  };
}

const stripTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** True when cookies must carry `Secure`: whenever people reach us over HTTPS. */
export const usesHttps = (config: Pick<Config, 'publicUrl'>): boolean => config.publicUrl.startsWith('https://');
