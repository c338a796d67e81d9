import type { DashboardRange, Month } from './dashboard.schema.js';
import { rangeReversed, rangeTooLong } from './tracking.errors.js';

/** Ten years: long enough for any trend, short enough that a dashboard stays a few thousand rows. */
export const MAX_RANGE_MONTHS = 120;
/** Without `from`/`to`: the last twelve months, the current one included. */
const DEFAULT_MONTHS = 12;

const monthIndex = (month: Month): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOfIndex = (index: number): Month => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

export const monthOf = (date: Date): Month => monthOfIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());

/** The first day of a month as a SQL date, `YYYY-MM-01`. */
export const firstDay = (month: Month): string => `${month}-01`;

/** Every month from `from` to `to`, inclusive. */
export function monthsOf(range: DashboardRange): Month[] {
  const months: Month[] = [];
  for (let i = monthIndex(range.from); i <= monthIndex(range.to); i += 1) months.push(monthOfIndex(i));
  return months;
}

/**
 * The range a query asks for, defaults filled from the clock: a missing `to` is the current month, a
 * missing `from` eleven months before `to`. Throws `tracking.range_reversed` / `tracking.range_too_long`.
 */
export function resolveRange(query: { from?: Month | undefined; to?: Month | undefined }, now: Date): DashboardRange {
  const to = query.to ?? (query.from && monthIndex(query.from) > monthIndex(monthOf(now)) ? query.from : monthOf(now));
  const from = query.from ?? monthOfIndex(Math.max(0, monthIndex(to) - (DEFAULT_MONTHS - 1)));
  if (monthIndex(from) > monthIndex(to)) throw rangeReversed(from, to);
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months > MAX_RANGE_MONTHS) throw rangeTooLong(months, MAX_RANGE_MONTHS);
  return { from, to };
}
