import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { schemaKindOf, validateCredentialSchema } from '../schema/credential-schemas.js';
import { typesOf } from './credential-fields.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

/**
 * The 1EdTech JSON Schema for the credential's type. The published schemas describe the VC 2.0 form, so a
 * VC 1.1 credential that fails only for that reason (e.g. `issuanceDate` instead of `validFrom`) gets a
 * warning, as the 1EdTech validator does for VC 1.1 credentials.
 */
export const checkSchema = (credential: Record<string, unknown>): VerificationCheck => {
  const kind = schemaKindOf(typesOf(credential));
  if (kind === undefined) return check(CHECK_IDS.schema, 'pass', 'No Open Badges or CLR schema applies to this credential type.');
  const result = validateCredentialSchema(credential, kind);
  if (result.valid) return check(CHECK_IDS.schema, 'pass', `The credential matches the published ${kind} schema.`);
  const isV1 = Array.isArray(credential['@context']) && credential['@context'][0] === CONTEXT_URLS.credentialsV1;
  const first = result.errors[0]!;
  return check(
    CHECK_IDS.schema,
    isV1 ? 'warning' : 'fail',
    `The credential does not match the published ${kind} schema${isV1 ? ' (written for VC 2.0; this is a VC 1.1 credential)' : ''}: ${first.instancePath} ${first.message}${result.errors.length > 1 ? ` and ${result.errors.length - 1} more` : ''}.`,
    { errors: result.errors },
  );
};
