import { AppError } from '../errors.js';

const badRequest = (code: string, title: string, detail: string, extensions?: Record<string, unknown>): AppError =>
  new AppError({ code, status: 400, title, detail, ...(extensions ? { extensions } : {}) });

export const rangeReversed = (from: string, to: string): AppError =>
  badRequest('tracking.range_reversed', 'The date range is reversed', `"from" (${from}) is after "to" (${to}); swap them.`, { from, to });

export const rangeTooLong = (months: number, maxMonths: number): AppError =>
  badRequest('tracking.range_too_long', 'The date range is too long', `The range spans ${months} months; at most ${maxMonths} (${maxMonths / 12} years) may be asked for at once.`, { months, maxMonths });

export const unknownAchievement = (id: string): AppError =>
  badRequest('tracking.unknown_achievement', 'Unknown achievement', `No achievement ${id} is counted here: check the id (the dashboard of an organisation knows only its own achievements).`, { achievementId: id });

export const kTooSmall = (k: number, minimum: number): AppError =>
  badRequest('tracking.k_too_small', 'The suppression threshold is too small', `k=${k} would publish cells small enough to identify learners; k must be at least ${minimum}.`, { k, minimum });
