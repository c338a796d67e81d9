import { describe, expect, it } from 'vitest';
import { resultHref, resultKey, toggled, type CatalogueResult } from '../../web/src/catalog/catalogue-search.js';

const local: CatalogueResult = {
  achievementId: '00000000-0000-4000-8000-000000000001',
  version: 1,
  url: 'https://tessera.example/orgs/northbridge/achievements/excel',
  title: 'Excel',
  titleHighlight: [{ text: 'Excel', match: false }],
  snippet: [{ text: 'Spreadsheets.', match: false }],
  provider: { id: '00000000-0000-4000-8000-000000000002', slug: 'northbridge', name: 'Northbridge College' },
  origin: null,
  eqfLevel: 4,
  deliveryModes: ['online'],
  language: 'en',
  price: { amount: 0, currency: 'EUR', band: 'free' },
  credit: { value: 1, system: 'ECTS' },
  onDemand: true,
  nextCohortOn: null,
  endorsementCount: 0,
  skills: [],
  occupations: [],
  score: null,
};
const harvested: CatalogueResult = {
  ...local,
  achievementId: null,
  url: 'https://source.example/orgs/harbour/achievements/excel',
  provider: { id: null, slug: 'did:web:source.example:orgs:harbour', name: 'Harbour College' },
  origin: { instance: 'source.example', feedUrl: 'https://source.example/feeds/catalogue', subscriptionId: '00000000-0000-4000-8000-000000000003', issuerDid: 'did:web:source.example:orgs:harbour', achievementUrl: 'https://source.example/orgs/harbour/achievements/excel/versions/1', fetchedAt: '2026-11-23T15:00:00.000Z' },
  price: null,
  credit: { value: 2, system: null },
};

describe('catalogue results from other instances', () => {
  it('link a local result to its page here and a harvested one to its page on the source', () => {
    expect(resultHref(local)).toBe('/orgs/northbridge/achievements/excel');
    expect(resultHref(harvested)).toBe('https://source.example/orgs/harbour/achievements/excel');
    expect(resultKey(harvested)).not.toBe(resultKey({ ...harvested, origin: { ...harvested.origin!, subscriptionId: 'another' } }));
  });

  it('a remote provider’s DID is one value of the provider filter', () => {
    const did = 'did:web:source.example%3A8443:orgs:harbour';
    expect(toggled(new URLSearchParams('provider=northbridge'), 'provider', did, true).get('provider')).toBe(`northbridge,${did}`);
  });
});
