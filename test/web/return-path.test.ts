import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPathFor } from '../../web/src/accounts/return-path.js';

describe('safeReturnPath', () => {
  it('keeps paths inside the app, with their query', () => {
    expect(safeReturnPath('/orgs/northbridge/reviews?page=2')).toBe('/orgs/northbridge/reviews?page=2');
  });

  it('refuses anything that could leave the site', () => {
    for (const value of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', 'wallet', '', null]) {
      expect(safeReturnPath(value), String(value)).toBeNull();
    }
  });

  it('round-trips through the sign-in link', () => {
    const link = new URL(signInPathFor('/account?tab=tokens'), 'http://tessera.test');
    expect(link.pathname).toBe('/sign-in');
    expect(safeReturnPath(link.searchParams.get('next'))).toBe('/account?tab=tokens');
  });
});
