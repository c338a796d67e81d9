import { describe, expect, it } from 'vitest';
import type { IssuerKey } from '../keys/key-lifecycle.js';
import { buildDidDocument } from './did-document.js';

const did = 'did:web:localhost%3A3000:orgs:northbridge';
const created = new Date('2025-01-01T00:00:00Z');
const keys: IssuerKey[] = [
  { id: 'k1', publicKeyMultibase: 'z6MkOld', createdAt: created, status: 'retired', retiredAt: new Date('2025-02-01T00:00:00Z') },
  { id: 'k2', publicKeyMultibase: 'z6MkLeaked', createdAt: created, status: 'compromised', compromisedAt: new Date('2025-03-01T12:00:00Z') },
  { id: 'k3', publicKeyMultibase: 'z6MkNew', createdAt: created, status: 'active' },
];

describe('organisation DID document', () => {
  const document = buildDidDocument({ did, keys });

  it('uses the DID and Multikey contexts and lists every key as a Multikey', () => {
    expect(document['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
    expect(document.id).toBe(did);
    expect(document.verificationMethod?.map((vm) => vm.id)).toEqual([`${did}#z6MkOld`, `${did}#z6MkLeaked`, `${did}#z6MkNew`]);
    expect(document.verificationMethod?.every((vm) => vm.type === 'Multikey' && vm.controller === did)).toBe(true);
  });

  it('keeps every key authorised for assertions, so older credentials keep verifying', () => {
    expect(document.assertionMethod).toEqual([`${did}#z6MkOld`, `${did}#z6MkLeaked`, `${did}#z6MkNew`]);
  });

  it('marks the compromised key with compromisedAt and revoked, and no other key', () => {
    expect(document.verificationMethod?.map((vm) => vm.compromisedAt)).toEqual([undefined, '2025-03-01T12:00:00.000Z', undefined]);
    expect(document.verificationMethod?.map((vm) => vm.revoked)).toEqual([undefined, '2025-03-01T12:00:00.000Z', undefined]);
  });
});
