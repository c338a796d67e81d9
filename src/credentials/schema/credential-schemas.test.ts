import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { schemaKindOf, validateCredentialSchema } from './credential-schemas.js';

const readJson = (...segments: string[]): Record<string, unknown> => JSON.parse(readFileSync(sharedDataPath(...segments), 'utf8')) as Record<string, unknown>;
const ob = (file: string) => readJson('credentials', '1edtech-validator', 'ob30', file);

describe('official 1EdTech JSON Schemas', () => {
  it('accepts the spec vectors and a valid endorsement', () => {
    expect(validateCredentialSchema(readJson('1edtech', 'ob_v3p0', 'test-vectors', 'obv3p0', 'vector.json').signedCredential, 'achievementCredential')).toEqual({ valid: true, errors: [] });
    expect(validateCredentialSchema(readJson('1edtech', 'ob_v3p0', 'test-vectors', 'clrv2p0', 'vector.json').signedCredential, 'clrCredential')).toEqual({ valid: true, errors: [] });
    expect(validateCredentialSchema(ob('endorsement-valid.json'), 'endorsementCredential').valid).toBe(true);
  });

  it('reports the missing issuer at the root', () => {
    const result = validateCredentialSchema(ob('simple-err-issuer.json'), 'achievementCredential');
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({ instancePath: '/', message: "must have required property 'issuer'" });
  });

  it('returns every failing path, not only the first', () => {
    const credential = ob('simple.json');
    const broken = { ...credential, validFrom: 'yesterday', issuer: { ...(credential.issuer as object), type: ['NotAProfile'] }, credentialSubject: { ...(credential.credentialSubject as object), achievement: 'not an achievement' } };
    const paths = validateCredentialSchema(broken, 'achievementCredential').errors.map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/validFrom', '/issuer/type', '/credentialSubject/achievement']));
  });

  it.each([
    [['VerifiableCredential', 'OpenBadgeCredential'], 'achievementCredential'],
    [['VerifiableCredential', 'AchievementCredential'], 'achievementCredential'],
    [['VerifiableCredential', 'EndorsementCredential'], 'endorsementCredential'],
    [['VerifiableCredential', 'ClrCredential'], 'clrCredential'],
    [['VerifiableCredential', 'BitstringStatusListCredential'], undefined],
  ])('schemaKindOf(%j) = %s', (types, kind) => {
    expect(schemaKindOf(types)).toBe(kind);
  });
});
