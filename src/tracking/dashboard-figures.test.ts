import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeOf, funnelOf, medianOf, monthSeries, noFigures, topSkills } from './dashboard-figures.js';
import { resolveRange } from './dashboard-range.js';
import { normaliseSearchTerm } from './search-demand.js';

describe('dashboard arithmetic', () => {
  it('takes the median of a histogram as of the list it stands for', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(400), { minLength: 1, maxLength: 60 }), (days) => {
        const histogram = [...new Set(days)].map((d) => ({ days: d, count: days.filter((x) => x === d).length }));
        const sorted = [...days].sort((a, b) => a - b);
        const expected = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.floor(sorted.length / 2)]!) / 2;
        expect(medianOf(histogram)).toBe(expected);
      }),
    );
    expect(medianOf([])).toBeNull();
  });

  it('runs "active" on from the months before the range, and lists every month of it', () => {
    const figures = (f: Partial<ReturnType<typeof noFigures>>) => ({ ...noFigures(), ...f });
    // Before the range: 5 issued, one revoked (deactivated); in it: 3 issued, one suspended (deactivated).
    const months = monthSeries({ from: '2026-01', to: '2026-03' }, {
      before: figures({ issued: 5, revoked: 1, deactivated: 1 }),
      months: new Map([['2026-02', figures({ issued: 3, suspended: 1, deactivated: 1 })]]),
    });
    expect(months.map((m) => [m.month, m.issued, m.active])).toEqual([['2026-01', 0, 4], ['2026-02', 3, 6], ['2026-03', 0, 6]]);
  });

  it('counts a credential that left "active" once, however many revocations and suspensions followed', () => {
    // Two credentials; one suspended and then revoked: it was deactivated once (the suspension).
    expect(activeOf({ issued: 2, reinstated: 0, deactivated: 1 })).toBe(1);
    expect(activeOf({ issued: 1, reinstated: 1, deactivated: 2 })).toBe(0);
  });

  it('builds a pathway funnel that counts each learner at every step they reached', () => {
    const funnel = funnelOf({ pathwayId: 'p', slug: 'p', title: 'P', parts: 2 }, [
      { earned: 0, completed: false, learners: 5 },
      { earned: 1, completed: false, learners: 3 },
      { earned: 2, completed: true, learners: 2 },
    ]);
    expect(funnel.steps.map((s) => [s.key, s.learners])).toEqual([['enrolled', 10], ['earned_1', 5], ['earned_2', 2], ['completed', 2]]);
  });

  it('counts a skill once per credential of each achievement aligned to it', () => {
    const skills = new Map([['a', [{ uri: 's1', label: 'One' }, { uri: 's2', label: 'Two' }]], ['b', [{ uri: 's1', label: 'One' }]]]);
    expect(topSkills([{ id: 'a', credentials: 3 }, { id: 'b', credentials: 4 }], skills, 10)).toEqual([{ uri: 's1', label: 'One', credentials: 7 }, { uri: 's2', label: 'Two', credentials: 3 }]);
  });

  it('resolves ranges with defaults and refuses reversed and overlong ones', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(resolveRange({}, now)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(resolveRange({ to: '2026-03' }, now)).toEqual({ from: '2025-04', to: '2026-03' });
    expect(resolveRange({ from: '2017-01', to: '2026-12' }, now)).toEqual({ from: '2017-01', to: '2026-12' });
    expect(() => resolveRange({ from: '2016-12', to: '2026-12' }, now)).toThrow(expect.objectContaining({ code: 'tracking.range_too_long' }));
    expect(() => resolveRange({ from: '2026-06', to: '2026-05' }, now)).toThrow(expect.objectContaining({ code: 'tracking.range_reversed' }));
  });

  it('normalises search terms so spellings of one search count together', () => {
    expect(normaliseSearchTerm('  Données   ANALYSE!! ')).toBe('donnees analyse');
    expect(normaliseSearchTerm('basket-weaving')).toBe('basket weaving');
    expect(normaliseSearchTerm('?')).toBeNull();
    expect(normaliseSearchTerm('x'.repeat(300))).toHaveLength(100);
  });
});
