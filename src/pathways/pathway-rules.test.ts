import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePathway, prerequisiteCycles, requirementsOf, type AchievementRequirement, type HeldCredential, type PathwayRule } from './pathway-rules.js';

const url = (name: string) => `https://tessera.example/orgs/northbridge/achievements/${name}/versions/1`;
const requirement = (id: string, overrides: Partial<AchievementRequirement> = {}): AchievementRequirement => ({
  kind: 'achievement',
  id,
  title: `Title ${id}`,
  credits: 1,
  accepts: [{ achievementId: `ach-${id}`, achievementUrl: url(id) }],
  after: [],
  ...overrides,
});
let sequence = 0;
const held = (achievementId: string | null, day: number, overrides: Partial<HeldCredential> = {}): HeldCredential => ({
  credentialId: `cred-${(sequence += 1)}`,
  achievementId,
  achievementUrl: url(achievementId?.replace(/^ach-/, '') ?? 'elsewhere'),
  issuedAt: new Date(Date.UTC(2026, 0, day)),
  credits: 1,
  ...overrides,
});

describe('pathway rules', () => {
  const threePart: PathwayRule = { kind: 'allOf', rules: [requirement('a'), requirement('b'), requirement('c')] };

  it('all of: counts each part and names what is still needed', () => {
    const result = evaluatePathway(threePart, [held('ach-a', 1), held('ach-b', 2)]);
    expect(result).toMatchObject({ satisfied: false, done: 2, needed: 3, summary: '2 of 3 done; still needed: Title c' });
    expect(result.counted.map((c) => c.requirementId)).toEqual(['a', 'b']);
    expect(evaluatePathway(threePart, [held('ach-a', 1), held('ach-b', 2), held('ach-c', 3)]).satisfied).toBe(true);
  });

  it('n of: needs n parts, and says how many of the rest remain', () => {
    const rule: PathwayRule = { kind: 'nOf', n: 2, rules: [requirement('a'), requirement('b'), requirement('c')] };
    expect(evaluatePathway(rule, [held('ach-b', 1)])).toMatchObject({ satisfied: false, done: 1, needed: 2, summary: '1 of 2 done; still needed (1 of them): Title a, Title c' });
    expect(evaluatePathway(rule, [held('ach-b', 1), held('ach-c', 1)])).toMatchObject({ satisfied: true, done: 2, needed: 2 });
  });

  it('minimum credits: sums the credits of met requirements, the credential\'s own when the requirement has none', () => {
    const rule: PathwayRule = { kind: 'minCredits', credits: 5, rules: [requirement('a', { credits: 2 }), requirement('b', { credits: null }), requirement('c', { credits: 2 })] };
    const partial = evaluatePathway(rule, [held('ach-a', 1), held('ach-b', 2, { credits: 2.5 })]);
    expect(partial).toMatchObject({ satisfied: false, done: 4.5, needed: 5 });
    expect(partial.summary).toBe('4.5 of 5 credits done; still needed (0.5 credits from): Title c');
    expect(evaluatePathway(rule, [held('ach-a', 1), held('ach-b', 2, { credits: 2.5 }), held('ach-c', 3)]).satisfied).toBe(true);
  });

  it('ordered prerequisites: B only counts when A was earned before it', () => {
    const rule: PathwayRule = { kind: 'allOf', rules: [requirement('a'), requirement('b', { after: ['a'] })] };
    const outOfOrder = evaluatePathway(rule, [held('ach-b', 1), held('ach-a', 2)]);
    expect(outOfOrder.satisfied).toBe(false);
    const b = (outOfOrder.root as { children: Array<{ met: boolean; waitingFor: string[] }> }).children[1]!;
    expect(b.met).toBe(false);
    expect(b.waitingFor).toEqual([]);
    // A later B (earned again after A) counts.
    expect(evaluatePathway(rule, [held('ach-b', 1), held('ach-a', 2), held('ach-b', 3)]).satisfied).toBe(true);
    const missingA = evaluatePathway(rule, [held('ach-b', 1)]);
    expect((missingA.root as { children: Array<{ waitingFor: string[] }> }).children[1]!.waitingFor).toEqual(['Title a']);
  });

  it('equivalences: another organisation\'s achievement, by id or by its URL (any version), satisfies the requirement', () => {
    const harvested = 'https://other.example/orgs/westlake/achievements/python-basics';
    const rule: PathwayRule = { kind: 'allOf', rules: [requirement('a', { accepts: [{ achievementId: 'ach-a', achievementUrl: url('a') }, { achievementId: 'ach-partner' }, { achievementUrl: harvested }] })] };
    const byId = evaluatePathway(rule, [held('ach-partner', 1)]);
    expect(byId.satisfied).toBe(true);
    expect((byId.root as { children: Array<{ metBy: { equivalent: boolean } }> }).children[0]!.metBy.equivalent).toBe(true);
    expect(evaluatePathway(rule, [held(null, 1, { achievementUrl: `${harvested}/versions/3` })]).satisfied).toBe(true);
    expect(evaluatePathway(rule, [held(null, 1, { achievementUrl: `${harvested}-advanced` })]).satisfied).toBe(false);
  });

  it('finds prerequisite cycles', () => {
    const rule: PathwayRule = { kind: 'allOf', rules: [requirement('a', { after: ['c'] }), requirement('b', { after: ['a'] }), requirement('c', { after: ['b'] }), requirement('d', { after: ['a'] })] };
    expect(prerequisiteCycles(rule).sort()).toEqual(['a', 'b', 'c']);
    expect(evaluatePathway(rule, [held('ach-a', 1), held('ach-b', 2), held('ach-c', 3), held('ach-d', 4)]).satisfied).toBe(false);
    expect(prerequisiteCycles(threePart)).toEqual([]);
  });
});

// Generated rule trees over a small alphabet of requirements, and generated holdings over the same alphabet.
const ids = ['a', 'b', 'c', 'd', 'e'];
const leafArb = fc.record({ id: fc.constantFrom(...ids), credits: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), after: fc.subarray(ids, { maxLength: 2 }) });
const ruleArb: fc.Arbitrary<PathwayRule> = fc.letrec<{ rule: PathwayRule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map(({ id, credits, after }) => requirement(id, { credits, after: after.filter((p) => p < id) })),
    fc.array(tie('rule'), { minLength: 1, maxLength: 4 }).map((rules): PathwayRule => ({ kind: 'allOf', rules })),
    fc.tuple(fc.array(tie('rule'), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 })).map(([rules, n]): PathwayRule => ({ kind: 'nOf', n: Math.min(n, rules.length), rules })),
    fc.tuple(fc.array(tie('rule'), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 10 })).map(([rules, credits]): PathwayRule => ({ kind: 'minCredits', credits, rules })),
  ),
})).rule.map((rule) => {
  // Prerequisites must name requirements of the same pathway (definitions are refused otherwise).
  const present = new Set(requirementsOf(rule).map((r) => r.id));
  const prune = (node: PathwayRule): PathwayRule => (node.kind === 'achievement' ? { ...node, after: node.after.filter((p) => present.has(p)) } : { ...node, rules: node.rules.map(prune) });
  return prune(rule);
});
const heldArb = fc.array(fc.record({ id: fc.constantFrom(...ids, 'zz'), day: fc.integer({ min: 1, max: 28 }), credits: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }) }), { maxLength: 8 }).map((items) =>
  items.map((item, index) => ({ credentialId: `c${index}`, achievementId: `ach-${item.id}`, achievementUrl: url(item.id), issuedAt: new Date(Date.UTC(2026, 0, item.day)), credits: item.credits })),
);

const groups = (node: ReturnType<typeof evaluatePathway>['root']): Array<Extract<typeof node, { children: unknown }>> =>
  node.kind === 'achievement' ? [] : [node, ...node.children.flatMap(groups)];
const leaves = (node: ReturnType<typeof evaluatePathway>['root']): Array<Extract<typeof node, { kind: 'achievement' }>> =>
  node.kind === 'achievement' ? [node] : node.children.flatMap(leaves);

describe('pathway rules (properties)', () => {
  it('is monotonic: holding more credentials never un-meets the pathway or any requirement', () => {
    fc.assert(
      fc.property(ruleArb, heldArb, heldArb, (rule, some, more) => {
        const before = evaluatePathway(rule, some);
        const after = evaluatePathway(rule, [...some, ...more.map((h) => ({ ...h, credentialId: `more-${h.credentialId}` }))]);
        if (before.satisfied) expect(after.satisfied).toBe(true);
        const metAfter = leaves(after.root).filter((l) => l.met).map((l) => l.id);
        for (const leaf of leaves(before.root).filter((l) => l.met)) expect(metAfter).toContain(leaf.id);
        expect(after.done / after.needed).toBeGreaterThanOrEqual(before.done / before.needed - 1e-9);
      }),
    );
  });

  it('n of and all of: met exactly when enough parts are met; done never exceeds needed', () => {
    fc.assert(
      fc.property(ruleArb, heldArb, (rule, holding) => {
        for (const group of groups(evaluatePathway(rule, holding).root)) {
          expect(group.done).toBeLessThanOrEqual(group.needed);
          if (group.kind === 'minCredits') continue;
          const metChildren = group.children.filter((c) => c.met).length;
          expect(group.met).toBe(metChildren >= group.needed);
          if (group.kind === 'allOf') expect(group.needed).toBe(group.children.length);
        }
      }),
    );
  });

  it('credit sums: a group\'s credits are the sum over its met requirements, and minCredits is met exactly at its threshold', () => {
    fc.assert(
      fc.property(ruleArb, heldArb, (rule, holding) => {
        for (const group of groups(evaluatePathway(rule, holding).root)) {
          const byId = new Map(leaves(group).map((l) => [l.id, l]));
          const sum = [...byId.values()].filter((l) => l.met).reduce((total, l) => total + l.credits, 0);
          // A requirement repeated in one tree counts once per occurrence.
          const occurrences = leaves(group).filter((l) => l.met).reduce((total, l) => total + l.credits, 0);
          expect(group.earnedCredits).toBe(occurrences);
          expect(sum).toBeLessThanOrEqual(occurrences);
          if (group.kind === 'minCredits') expect(group.met).toBe(group.earnedCredits >= group.needed);
        }
      }),
    );
  });

  it('holding every requirement, each on a later day than the one before, satisfies any tree', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        const all = ids.map((id, index) => ({ credentialId: `all-${id}`, achievementId: `ach-${id}`, achievementUrl: url(id), issuedAt: new Date(Date.UTC(2026, 0, index + 1)), credits: 5 }));
        const result = evaluatePathway(rule, all);
        const creditsShort = groups(result.root).some((g) => g.kind === 'minCredits' && !g.met);
        if (!creditsShort) expect(result.satisfied).toBe(true);
        expect(requirementsOf(rule).every((r) => leaves(result.root).find((l) => l.id === r.id)?.met)).toBe(true);
      }),
    );
  });
});
