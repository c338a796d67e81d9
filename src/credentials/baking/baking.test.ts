import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { isAppError } from '../../errors.js';
import { credentialTextFromUpload } from './baked-credential.js';
import { bakePng, crc32, extractFromPng, PNG_KEYWORD } from './png-baking.js';
import { bakeSvg, extractFromSvg } from './svg-baking.js';

const ob30 = (name: string): Buffer => readFileSync(sharedDataPath('credentials', '1edtech-validator', 'ob30', name));

const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
  }
  return undefined;
};

/** A minimal valid PNG (1x1, grey) with no baked credential, built chunk by chunk. */
const plainPng = (): Uint8Array => {
  const chunk = (type: string, data: Buffer) => {
    const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    typeAndData.copy(out, 4);
    out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = Buffer.from('789c636000000002000156fd7e8b', 'hex');
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
};

describe('baked badges (OB 3.0 §5.3)', () => {
  it('reads the credential out of the 1EdTech validator fixtures: JSON and JWT, PNG and SVG', () => {
    const jsonFromPng = JSON.parse(extractFromPng(ob30('simple-json.png'))) as { type: string[] };
    expect(jsonFromPng.type).toContain('OpenBadgeCredential');
    const jsonFromSvg = JSON.parse(extractFromSvg(ob30('simple-json.svg').toString('utf8'))) as { type: string[] };
    expect(jsonFromSvg.type).toContain('OpenBadgeCredential');
    expect(extractFromPng(ob30('simple-jwt.png'))).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(extractFromSvg(ob30('simple-jwt.svg').toString('utf8'))).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(credentialTextFromUpload(ob30('simple-json.svg'))).toContain('"@context"');
  });

  it('bakes into PNG and SVG so that reading gives back exactly the same text, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }).map((s) => s.replace(/\0/g, '')), (text) => {
        const credential = JSON.stringify({ name: text, note: ']]> & < " \u00ae \u{1F3C5}' });
        expect(extractFromPng(bakePng(plainPng(), credential))).toBe(credential.trim());
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';
        expect(extractFromSvg(bakeSvg(svg, credential))).toBe(credential.trim());
      }),
      { numRuns: 150 },
    );
  });

  it('re-baking replaces the earlier credential instead of adding a second one', () => {
    const twice = bakePng(bakePng(plainPng(), '{"n":1}'), '{"n":2}');
    expect(extractFromPng(twice)).toBe('{"n":2}');
    expect(Buffer.from(twice).toString('latin1').split(PNG_KEYWORD).length - 1).toBe(1);
    const svg = bakeSvg(bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"></svg>', '{"n":1}'), 'eyJhbGciOiJFZERTQSJ9.e30.c2ln');
    expect(extractFromSvg(svg)).toBe('eyJhbGciOiJFZERTQSJ9.e30.c2ln');
  });

  it('refuses tampered, truncated, oversized and foreign files with specific errors', () => {
    const baked = Buffer.from(bakePng(plainPng(), '{"name":"original"}'));
    const tampered = Buffer.from(baked);
    tampered[baked.indexOf('original')] = 'O'.charCodeAt(0);
    expect(errorCode(() => extractFromPng(tampered))).toBe('credentials.baked_malformed_image');
    expect(errorCode(() => extractFromPng(baked.subarray(0, baked.length - 20)))).toBe('credentials.baked_malformed_image');

    const huge = Buffer.from(plainPng());
    huge.writeUInt32BE(0x7fffffff, 8 + 25 + 0); // IDAT's length field, after signature (8) and IHDR (25)
    expect(errorCode(() => extractFromPng(huge))).toBe('credentials.baked_malformed_image');

    expect(errorCode(() => extractFromPng(plainPng()))).toBe('credentials.baked_no_credential');
    expect(errorCode(() => extractFromSvg('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'))).toBe('credentials.baked_no_credential');
    expect(errorCode(() => extractFromSvg('<svg><unclosed></svg'))).toBe('credentials.baked_malformed_image');
    expect(errorCode(() => credentialTextFromUpload(Buffer.from('GIF89a....')))).toBe('credentials.baked_not_an_image');
  });

  it('never expands entities from an SVG (no billion laughs) and refuses external ones', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&b;</openbadges:credential></svg>`;
    expect(extractFromSvg(laughs)).not.toContain('aaaaaaaaaa');
    const external = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&x;</openbadges:credential></svg>`;
    expect(errorCode(() => extractFromSvg(external))).toBe('credentials.baked_malformed_image');
  });
});
