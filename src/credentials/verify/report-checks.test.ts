import { describe, expect, it } from 'vitest';
import type { CheckStatus, StatusCheckResult } from './collaborators.js';
import { checkCredentialStatus } from './status-check.js';
import { checkTrustedIssuer } from './trusted-issuer-check.js';
import { checkValidityWindow } from './validity-window-check.js';
import { CHECK_IDS, reportOf } from './verification-report.js';

const now = new Date('2026-01-01T00:00:00Z');
const withStatus = { issuer: { id: 'did:web:northbridge.example' }, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } };
const answering = (...results: StatusCheckResult[]): CheckStatus => async () => results;

describe('status check', () => {
  it.each<[string, CheckStatus | undefined, string]>([
    ['no checker given', undefined, 'warning'],
    ['bit clear', answering({ statusPurpose: 'revocation', status: 'ok', message: 'clear' }), 'pass'],
    ['revoked', answering({ statusPurpose: 'revocation', status: 'revoked', message: 'bit 8 set' }), 'fail'],
    ['suspended', answering({ statusPurpose: 'suspension', status: 'suspended', message: 'bit 3 set' }), 'fail'],
    ['list unreachable', answering({ statusPurpose: 'revocation', status: 'error', message: 'status list not found' }), 'fail'],
    ['no answer', answering(), 'fail'],
    ['checker throws', async () => Promise.reject(new Error('boom')), 'fail'],
  ])('%s → %s', async (_name, checker, outcome) => {
    const result = await checkCredentialStatus(withStatus, checker);
    expect(result.id).toBe(CHECK_IDS.status);
    expect(result.outcome).toBe(outcome);
  });

  it('passes a credential without status entries without asking the checker', async () => {
    let asked = false;
    const result = await checkCredentialStatus({}, async () => ((asked = true), []));
    expect([result.outcome, asked]).toEqual(['pass', false]);
  });
});

describe('trusted issuer check', () => {
  const registry = async (issuer: string) => issuer === 'did:web:northbridge.example';
  it('passes a registered issuer and warns for others', async () => {
    expect((await checkTrustedIssuer(withStatus, registry)).outcome).toBe('pass');
    expect((await checkTrustedIssuer({ issuer: 'did:key:z6Mkother' }, registry)).outcome).toBe('warning');
  });
  it('fails a credential without issuer', async () => {
    expect((await checkTrustedIssuer({}, registry)).outcome).toBe('fail');
  });
});

describe('validity window', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ validFrom: '2025-01-01T00:00:00Z' }, 'pass'],
    [{ validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }, 'fail'],
    [{ validFrom: '2026-01-01T00:00:01Z' }, 'fail'],
    [{ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2025-12-31T23:59:59Z' }, 'fail'],
    [{ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2027-01-01T00:00:00Z' }, 'pass'],
    [{ validFrom: 'soon' }, 'fail'],
    [{ validFrom: 20250101 }, 'fail'],
    [{}, 'warning'],
  ])('%j → %s', (credential, outcome) => {
    expect(checkValidityWindow(credential, now).outcome).toBe(outcome);
  });
});

describe('report', () => {
  it('is verified when no check fails; warnings do not fail it', () => {
    expect(reportOf('json-ld', [{ id: 'proof', outcome: 'pass', message: '' }, { id: 'context', outcome: 'warning', message: '' }]).verified).toBe(true);
    expect(reportOf('json-ld', [{ id: 'proof', outcome: 'pass', message: '' }, { id: 'status', outcome: 'fail', message: '' }]).verified).toBe(false);
  });
});
