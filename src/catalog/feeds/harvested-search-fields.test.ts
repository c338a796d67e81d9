import { describe, expect, it } from 'vitest';
import { demoAchievements } from '../../demo/demo-achievements.js';
import { buildFeedItem } from './feed-item.js';
import type { HarvestedOfferingRecord } from './feed-subscriptions.repository.js';
import { harvestedSearchFields } from './harvested-search-fields.js';

const definition = demoAchievements[0]!.definition;
const item = buildFeedItem({
  publicUrl: 'https://other.example',
  organisation: { slug: 'harbour', name: 'Harbour College', url: null, description: null },
  issuerDid: 'did:web:other.example:orgs:harbour',
  achievementSlug: 'forklift',
  version: 2,
  definition,
  status: 'active',
  changedAt: new Date('2026-03-01T00:00:00Z'),
});
const subject = item.credentialSubject as { achievement: Record<string, unknown>; offering: Record<string, unknown> };

const record = (overrides: Partial<HarvestedOfferingRecord> = {}): HarvestedOfferingRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  subscriptionId: '00000000-0000-4000-8000-000000000002',
  subjectId: 'https://other.example/orgs/harbour/achievements/forklift',
  achievementId: 'https://other.example/orgs/harbour/achievements/forklift/versions/2',
  issuerDid: 'did:web:other.example:orgs:harbour',
  feedUrl: 'https://other.example/feeds/catalogue',
  status: 'active',
  title: definition.title,
  achievement: subject.achievement,
  offering: subject.offering,
  sourceUpdatedAt: new Date('2026-03-01T00:00:00Z'),
  fetchedAt: new Date('2026-03-02T00:00:00Z'),
  withdrawnAt: null,
  ...overrides,
});

describe('harvestedSearchFields', () => {
  it('reads back from a feed item what the search index holds for local achievements', () => {
    const fields = harvestedSearchFields(record());
    expect(fields).toMatchObject({
      providerName: 'Harbour College',
      title: definition.title,
      description: definition.description,
      deliveryModes: definition.deliveryModes,
      language: definition.language,
      price: definition.price,
      creditValue: definition.credit.value,
      eqfLevel: definition.eqfLevel ?? null,
      onDemand: definition.startDates.kind === 'on-demand',
      active: true,
      origin: { feedUrl: 'https://other.example/feeds/catalogue', issuerDid: 'did:web:other.example:orgs:harbour' },
    });
    expect(fields.skills.map((s) => s.uri).sort()).toEqual([...new Set(definition.outcomes.flatMap((o) => o.escoSkills.map((s) => s.uri)))].sort());
    expect(fields.occupations.map((o) => o.uri)).toEqual(definition.labourMarket.escoOccupations.map((o) => o.uri));
    expect(fields.outcomesText).toBe(definition.outcomes.map((o) => o.statement).join('\n'));
  });

  it('leaves out what another instance sent in an unexpected shape instead of failing the entry', () => {
    const fields = harvestedSearchFields(record({ status: 'withdrawn', achievement: { name: 42, alignment: 'no', resultDescription: [{ nope: true }] }, offering: { price: { amount: -1, currency: 'x' }, startDates: 'soon', provider: null } }));
    expect(fields).toMatchObject({ active: false, description: '', skills: [], price: null, providerName: '', onDemand: false, cohortStarts: [], eqfLevel: null, outcomesText: '' });
  });
});
