import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didWebDocumentUrl, didWebFromDocumentUrl, organisationDid, parseDidWeb } from './did-web.js';

const documentUrlOf = (did: string, allowHttpFor?: string[]) => {
  const location = parseDidWeb(did);
  if (!location) throw new Error(`not a did:web: ${did}`);
  return didWebDocumentUrl(location, allowHttpFor ? { allowHttpFor } : {}).href;
};

describe('did:web mapping', () => {
  it('derives an organisation DID from the public URL and slug, port percent-encoded', () => {
    expect(organisationDid({ publicUrl: 'http://localhost:3000', slug: 'northbridge' })).toBe('did:web:localhost%3A3000:orgs:northbridge');
    expect(organisationDid({ publicUrl: 'https://badges.example.org/', slug: 'northbridge' })).toBe('did:web:badges.example.org:orgs:northbridge');
    expect(organisationDid({ publicUrl: 'https://example.org/tessera/', slug: 'nb' })).toBe('did:web:example.org:tessera:orgs:nb');
  });

  it('maps DIDs to document URLs (did:web spec examples and ours)', () => {
    expect(documentUrlOf('did:web:w3c-ccg.github.io')).toBe('https://w3c-ccg.github.io/.well-known/did.json');
    expect(documentUrlOf('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json');
    expect(documentUrlOf('did:web:example.com%3A3000:user:alice')).toBe('https://example.com:3000/user/alice/did.json');
    expect(documentUrlOf('did:web:localhost%3A3000:orgs:northbridge', ['localhost'])).toBe('http://localhost:3000/orgs/northbridge/did.json');
    // Plain http only for the hosts allowed.
    expect(documentUrlOf('did:web:example.org%3A3000:orgs:northbridge', ['localhost'])).toBe('https://example.org:3000/orgs/northbridge/did.json');
  });

  it('maps document URLs back to DIDs', () => {
    expect(didWebFromDocumentUrl('http://localhost:3000/orgs/northbridge/did.json')).toBe('did:web:localhost%3A3000:orgs:northbridge');
    expect(didWebFromDocumentUrl('https://w3c-ccg.github.io/.well-known/did.json')).toBe('did:web:w3c-ccg.github.io');
    expect(didWebFromDocumentUrl('https://example.org:443/a/did.json')).toBe('did:web:example.org:a');
    expect(didWebFromDocumentUrl('https://example.org/a/b.json')).toBeUndefined();
    expect(didWebFromDocumentUrl('https://example.org/a/did.json?x=1')).toBeUndefined();
  });

  it('rejects what is not a did:web', () => {
    for (const bad of ['did:key:z6Mk', 'did:web:', 'did:web:example.org::a', 'did:web:exa mple.org', 'did:web:example.org#key', 'did:web:example.org/a', 'did:web:example.org%3A99999', 'did:web:example.org:%E0%A4%A', 'did:web:xn--a', 'did:web:a.xn--a:b', 'did:web:0x7f', 'did:web:1.2']) {
      expect(parseDidWeb(bad), bad).toBeUndefined();
    }
  });

  it('goes DID → URL → DID unchanged for any host, port and path', () => {
    // Labels start with a letter: an all-digit host is an IPv4 address to URL parsing, which rewrites it;
    // and not with `xn--`, which URL parsing reads as punycode (the next test covers those).
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/).filter((text) => !text.startsWith('xn--'));
    const segment = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text !== '.' && text !== '..');
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), fc.array(segment, { maxLength: 4 }), (labels, port, path) => {
      fc.pre(path[0] !== '.well-known');
      const location = { host: labels.join('.'), ...(port === undefined ? {} : { port }), path };
      const url = didWebDocumentUrl(location);
      const did = didWebFromDocumentUrl(url);
      expect(did).toBeDefined();
      const parsed = parseDidWeb(did ?? '');
      // URL parsing drops the default https port.
      expect(parsed).toEqual(port === 443 ? { host: location.host, path } : location);
    }));
  });

  it('maps every did:web it accepts to a document URL, punycode and number-like hosts included', () => {
    const label = fc.oneof(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), fc.stringMatching(/^xn--[a-z0-9-]{1,8}$/), fc.stringMatching(/^0x[0-9a-f]{1,4}$/));
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
      const location = parseDidWeb(`did:web:${labels.join('.')}`);
      if (location) expect(() => didWebDocumentUrl(location)).not.toThrow();
    }), { numRuns: 2000 });
  });
});
