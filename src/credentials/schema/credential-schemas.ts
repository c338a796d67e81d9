import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { bundledFilePath } from '../contexts/package-root.js';

/** The credential kinds with a published 1EdTech JSON Schema. */
export const SCHEMA_KINDS = {
  achievementCredential: 'ob_v3p0_achievementcredential_schema.json',
  endorsementCredential: 'ob_v3p0_endorsementcredential_schema.json',
  clrCredential: 'clr_v2p0_clrcredential_schema.json',
} as const;

export type SchemaKind = keyof typeof SCHEMA_KINDS;

export interface SchemaError {
  /** JSON Pointer into the credential (`/credentialSubject/achievement/type`). */
  instancePath: string;
  message: string;
}

export interface SchemaValidation {
  valid: boolean;
  errors: SchemaError[];
}

// ajv-formats is CommonJS; under NodeNext its default import is `module.exports`, the plugin is `.default`.
const addFormats = addFormatsModule.default;

let ajv: Ajv2019 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

/** Compiled on first use, once per process: compiling the three schemas takes far longer than validating. */
const validatorFor = (kind: SchemaKind): ValidateFunction => {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    // allErrors: callers need every failing path, not only the first.
    ajv ??= addFormats(new Ajv2019({ allErrors: true, strict: false }));
    const schema = JSON.parse(readFileSync(bundledFilePath('schema', 'files', SCHEMA_KINDS[kind]), 'utf8')) as Record<string, unknown>;
    validate = ajv!.compile(schema);
    compiled.set(kind, validate);
  }
  return validate;
};

const describe = (error: ErrorObject): SchemaError => {
  const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : error.keyword === 'enum' || error.keyword === 'const' ? ` (${JSON.stringify(error.params)})` : '';
  return { instancePath: error.instancePath || '/', message: `${error.message ?? error.keyword}${extra}` };
};

/** Validates against the official schema of `kind`, returning every failing path. */
export const validateCredentialSchema = (credential: unknown, kind: SchemaKind): SchemaValidation => {
  const validate = validatorFor(kind);
  if (validate(credential)) return { valid: true, errors: [] };
  const seen = new Set<string>();
  const errors = (validate.errors ?? []).map(describe).filter((e) => {
    const key = `${e.instancePath} ${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { valid: false, errors };
};

/** Which schema applies, from the credential's `type`; undefined for other credentials (status lists, plain VCs). */
export const schemaKindOf = (types: readonly string[]): SchemaKind | undefined => {
  if (types.includes('ClrCredential')) return 'clrCredential';
  if (types.includes('EndorsementCredential')) return 'endorsementCredential';
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')) return 'achievementCredential';
  return undefined;
};
