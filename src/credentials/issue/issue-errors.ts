import { AppError } from '../../errors.js';
import type { SchemaError } from '../schema/credential-schemas.js';

export const SCHEMA_INVALID = 'credentials.schema_invalid';

/** Tessera refused to sign a credential that does not match its schema; `errors` lists every failing path. */
export const schemaInvalid = (errors: SchemaError[]): AppError =>
  new AppError({
    code: SCHEMA_INVALID,
    status: 422,
    title: 'The credential does not match its schema',
    detail: `The credential fails ${errors.length} schema check${errors.length === 1 ? '' : 's'}, first ${errors[0]?.instancePath ?? '/'}: ${errors[0]?.message ?? ''}.`,
    extensions: { errors },
  });
