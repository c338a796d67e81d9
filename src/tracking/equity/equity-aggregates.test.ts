import { describe, expect, it } from 'vitest';
import { equityAggregates } from './equity-aggregates.js';
import { equityField, NOT_DECLARED } from './equity-fields.js';
import type { EquityCount } from './equity.repository.js';
import type { EquityFigure } from './equity.schema.js';

const disability = equityField('disability')!;
const count = (achievementId: string, answer: string, n: number, month = '2026-03', figure: EquityFigure = 'enrolments'): EquityCount =>
  ({ achievementId, month, field: 'disability', answer, enrolments: 0, passes: 0, credentials: 0, [figure]: n });

describe('equity aggregates', () => {
  it('gives the organisation the column totals of its achievements, each suppressed with the others', () => {
    const { organisation, achievements } = equityAggregates(
      [count('a', 'yes', 12), count('a', 'no', 30), count('a', NOT_DECLARED, 15), count('b', 'yes', 14), count('b', 'no', 25), count('b', NOT_DECLARED, 11)],
      [disability],
      10,
    );
    // "Prefer not to say" is 0 everywhere (suppressed); each row then hides its smallest other answer (a: 12 yes,
    // b: 11 not declared, the organisation: 26 yes). b's 11 could still be read off as 26 − 15 in the "not
    // declared" column: the bridge rule hides the smallest figure beside it (b's 14 yes), and, the 11 being
    // still alone in its column, the next (a's 15). The organisation's 26 not declared then stands for two unknowns.
    const of = (cells: typeof organisation) => Object.fromEntries(cells.map((c) => [c.answer, c.enrolments]));
    expect(of(achievements.get('a')!)).toEqual({ yes: null, no: 30, prefer_not_to_say: null, not_declared: null });
    expect(of(achievements.get('b')!)).toEqual({ yes: null, no: 25, prefer_not_to_say: null, not_declared: null });
    expect(of(organisation)).toEqual({ yes: null, no: 55, prefer_not_to_say: null, not_declared: 26 });
    // Every published figure is exact: nothing is rounded or perturbed, only hidden.
    expect(organisation.every((c) => c.passes === null && c.credentials === null)).toBe(true);
  });

  it('keeps months apart: each month is its own table, so no range can be subtracted from another', () => {
    const { organisation } = equityAggregates([count('a', 'no', 40, '2026-01'), count('a', 'yes', 3, '2026-02'), count('a', 'no', 20, '2026-02')], [disability], 10);
    const january = organisation.filter((c) => c.month === '2026-01');
    const february = organisation.filter((c) => c.month === '2026-02');
    // January: everyone answered "no", so publishing 40 would say nobody answered anything else.
    expect(january.map((c) => c.enrolments)).toEqual([null, null, null, null]);
    expect(february.map((c) => c.enrolments)).toEqual([null, null, null, null]);
    expect(organisation.map((c) => `${c.month} ${c.answer}`)).toEqual([
      '2026-01 yes', '2026-01 no', '2026-01 prefer_not_to_say', '2026-01 not_declared',
      '2026-02 yes', '2026-02 no', '2026-02 prefer_not_to_say', '2026-02 not_declared',
    ]);
  });

  it('ignores counts of fields the organisation no longer collects', () => {
    const { organisation } = equityAggregates([{ achievementId: 'a', month: '2026-03', field: 'age_band', answer: '25_34', enrolments: 0, passes: 50, credentials: 0 }], [disability], 10);
    expect(organisation).toEqual([]);
  });
});
