import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../test/support/shared-data.js';
import { hashedEmailIdentity } from '../credentials/issue/credential-parts.js';
import { holderMatchOf, type KnownHolder } from './holder-match.js';

const amara: KnownHolder = { email: 'amara.okafor@example.org', dids: ['did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'] };
const credentialFor = (subject: unknown) => ({ type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: subject });
const emailIdentity = (identity: Record<string, unknown>) => ({ type: 'IdentityObject', identityType: 'emailAddress', ...identity });

describe('holderMatchOf: does a credential name the person holding it', () => {
  it('matches the hashed email Tessera itself issues (credential-parts) and a salted sha256 made elsewhere from the address as typed', () => {
    expect(holderMatchOf(credentialFor({ identifier: [hashedEmailIdentity(amara.email, 'pepper-salt')] }), amara)).toBe('email');
    // printf 'Amara.Okafor@Example.org0a1b2c3d' | sha256sum: an issuer that hashed the address with its capitals.
    const typedWithCapitals = emailIdentity({ hashed: true, salt: '0a1b2c3d', identityHash: 'sha256$31e513baa269e5a72d832a2ef695ca16ab4e6b269606c4cceb89f57a52ce1969' });
    expect(holderMatchOf(credentialFor({ identifier: [typedWithCapitals] }), { ...amara, email: 'Amara.Okafor@Example.org' })).toBe('email');
    // printf 'amara.okafor@example.org0a1b2c3d' | md5sum: OB 3.0 allows md5 too; the identifier may be a single object.
    const md5 = emailIdentity({ hashed: true, salt: '0a1b2c3d', identityHash: 'md5$2EE21D2A41F3CDD30C8185062E937112' });
    expect(holderMatchOf(credentialFor({ identifier: md5 }), amara)).toBe('email');
  });

  it('matches an unhashed email whatever its case, and the holder DID as the subject id (any subject of several)', () => {
    expect(holderMatchOf(credentialFor({ identifier: [emailIdentity({ hashed: false, identityHash: ' Amara.Okafor@example.ORG ' })] }), amara)).toBe('email');
    expect(holderMatchOf(credentialFor([{ id: 'did:example:someone-else' }, { id: amara.dids[0] }]), amara)).toBe('did');
  });

  it('does not match another address, a wrong salt, another identity type, another DID or nobody', () => {
    const other = hashedEmailIdentity('someone.else@example.org', 'pepper-salt');
    const wrongSalt = { ...hashedEmailIdentity(amara.email, 'pepper-salt'), salt: 'other-salt' };
    const studentId = { type: 'IdentityObject', identityType: 'studentId', hashed: false, identityHash: amara.email };
    for (const subject of [{ identifier: [other] }, { identifier: [wrongSalt] }, { identifier: [studentId] }, { id: 'did:example:someone-else' }, {}, 'not an object']) {
      expect(holderMatchOf(credentialFor(subject), amara), JSON.stringify(subject)).toBe('none');
    }
    expect(holderMatchOf({ type: ['VerifiableCredential'] }, amara)).toBe('none');
    // No address on record matches no address, not an empty one.
    expect(holderMatchOf(credentialFor({ identifier: [emailIdentity({ hashed: false, identityHash: '' })] }), { email: '', dids: [] })).toBe('none');
    expect(holderMatchOf(credentialFor({ identifier: [emailIdentity({ hashed: true, identityHash: 'sha512$00' })] }), amara)).toBe('none');
  });

  it('finds that the 1EdTech OB 3.0 test vector names its own subject, not a Tessera learner', () => {
    const vector = JSON.parse(readFileSync(sharedDataPath('1edtech', 'ob_v3p0', 'test-vectors', 'obv3p0', 'vector.json'), 'utf8')) as { signedCredential: Record<string, unknown> };
    expect(holderMatchOf(vector.signedCredential, amara)).toBe('none');
    expect(holderMatchOf(vector.signedCredential, { ...amara, dids: ['did:example:ebfeb1f712ebc6f1c276e12ec21'] })).toBe('did');
  });
});
