import type { SchemaError } from './credential-schemas.js';

/**
 * Properties the OB 3.0 data model (`ob_v3p0.lines`, `common_credentials.lines`) gives cardinality `0..*`
 * or `1..*` without `array-compacted`, per class; and the same for CLR 2.0's own classes. The published
 * schemas accept a single value there (JSON-LD compaction), but consumers that follow the model index into
 * arrays, so what Tessera issues always uses arrays. `strict-arrays.test.ts` re-derives the OB part from the
 * model files.
 */
export const ARRAY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  AchievementCredential: ['@context', 'endorsement', 'endorsementJwt', 'evidence'],
  EndorsementCredential: ['@context'],
  VerifiableCredential: ['@context'],
  Achievement: ['alignment', 'endorsement', 'endorsementJwt', 'otherIdentifier', 'related', 'resultDescription', 'tag'],
  AchievementSubject: ['identifier', 'result'],
  Profile: ['endorsement', 'endorsementJwt', 'otherIdentifier'],
  Result: ['alignment'],
  ResultDescription: ['alignment', 'allowedValue', 'rubricCriterionLevel'],
  RubricCriterionLevel: ['alignment'],
  ClrCredential: ['@context', 'endorsement', 'endorsementJwt'],
  ClrSubject: ['identifier', 'achievement', 'verifiableCredential', 'association'],
};

/** `type` values that name a data-model class differently. */
const CLASS_ALIASES: Readonly<Record<string, string>> = { OpenBadgeCredential: 'AchievementCredential' };

const classesOf = (node: Record<string, unknown>): string[] => {
  const { type } = node;
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
  return types.map((t) => CLASS_ALIASES[t] ?? t).filter((t) => t in ARRAY_PROPERTIES);
};

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every place where a property the data model makes an array holds a single value. */
export const strictArrayErrors = (credential: unknown): SchemaError[] => {
  const errors: SchemaError[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: credential, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node)) {
      const record = node as Record<string, unknown>;
      const flagged = new Set<string>();
      for (const cls of classesOf(record)) {
        for (const property of ARRAY_PROPERTIES[cls]!) {
          if (record[property] !== undefined && !Array.isArray(record[property]) && !flagged.has(property)) {
            flagged.add(property);
            errors.push({ instancePath: `${path}/${escapePointer(property)}`, message: `must be an array (${cls}.${property} has cardinality 0..* in the data model)` });
          }
        }
      }
    }
    for (const [key, child] of Object.entries(node)) stack.push({ node: child, path: `${path}/${escapePointer(key)}` });
  }
  return errors.sort((a, b) => a.instancePath.localeCompare(b.instancePath));
};
