import { z } from 'zod';
import { dashboardQuery, dashboardRange, monthSchema, openDataQuery } from '../dashboard.schema.js';

/**
 * The equity API's contract (issue #7, item 3). Answers are self-declared, optional and only ever
 * returned to the learner who gave them; everything else sees aggregates in which every figure below k
 * is suppressed (`null`), with complementary suppression (src/tracking/equity/equity-suppression.ts).
 * The web app codes against the types exported here.
 */

const key = z.string().min(1).max(64);

export const equityOption = z.object({ key: z.string(), label: z.string() });

/** One field of the fixed set (src/tracking/equity/equity-fields.ts). */
export const equityFieldView = z.object({
  key: z.string(),
  label: z.string(),
  question: z.string(),
  /** Why it is asked, as learners read it. */
  purpose: z.string(),
  options: z.array(equityOption),
});
export type EquityFieldView = z.infer<typeof equityFieldView>;

/** GET /api/v1/equity/fields (public): the fields any organisation may collect. */
export const equityFieldList = z.object({ fields: z.array(equityFieldView) });

/** GET/PUT /api/v1/organisations/{slug}/equity/settings (its admins). */
export const equitySettings = z.object({
  organisation: z.object({ slug: z.string(), name: z.string() }),
  /** The suppression threshold every equity figure passes (TESSERA_OPEN_DATA_K). */
  k: z.number().int(),
  fields: z.array(equityFieldView.extend({ collected: z.boolean() })),
});
export type EquitySettings = z.infer<typeof equitySettings>;

/** PUT body: the keys of every field to collect from now on (others off; turning one off deletes its answers). */
export const equitySettingsInput = z.object({ fields: z.array(key).max(20) });
export type EquitySettingsInput = z.infer<typeof equitySettingsInput>;

/** One organisation the learner may declare to, with the fields it collects and the learner's answers. */
export const myEquityOrganisation = z.object({
  organisation: z.object({ slug: z.string(), name: z.string() }),
  fields: z.array(equityFieldView.extend({ answer: z.string().nullable() })),
  /** When the learner last changed their answers to it; null before any. */
  declaredAt: z.iso.datetime().nullable(),
});
export type MyEquityOrganisation = z.infer<typeof myEquityOrganisation>;

/** GET /api/v1/me/equity: organisations that collect equity fields and that the learner enrolled with, holds credentials of or declared to. */
export const myEquity = z.object({
  /** The smallest group any answer is counted in (TESSERA_OPEN_DATA_K). */
  k: z.number().int(),
  organisations: z.array(myEquityOrganisation),
});
export type MyEquity = z.infer<typeof myEquity>;

/** PUT /api/v1/me/equity/{slug}: the learner's answers, field → option key; a field left out is withdrawn. */
export const myEquityInput = z.object({ answers: z.record(key, key) });
export type MyEquityInput = z.infer<typeof myEquityInput>;

/** The figures each equity cell breaks down: enrolments started, settled passes and credentials issued. */
export const EQUITY_FIGURES = ['enrolments', 'passes', 'credentials'] as const;
export type EquityFigure = (typeof EQUITY_FIGURES)[number];

const figure = z.number().int().nullable();

/** One month, field and answer; null = suppressed (below k, or protecting a cell below k). */
export const equityCell = z.object({
  month: monthSchema,
  field: z.string(),
  /** An option key of the field, or `not_declared`. */
  answer: z.string(),
  enrolments: figure,
  passes: figure,
  credentials: figure,
});
export type EquityCell = z.infer<typeof equityCell>;

/** GET /api/v1/organisations/{slug}/equity/breakdown: same query as the dashboard. */
export const equityBreakdownQuery = dashboardQuery;

export const equityBreakdown = z.object({
  organisation: z.object({ slug: z.string(), name: z.string() }),
  k: z.number().int(),
  range: dashboardRange,
  /** The achievement filter: then the cells are that micro-credential's; else the organisation's. */
  achievementId: z.string().nullable(),
  /** The fields collected now, with their answers in order (`not_declared` last). */
  fields: z.array(z.object({ key: z.string(), label: z.string(), answers: z.array(equityOption) })),
  /** Every month of the range with activity × collected field × answer. */
  cells: z.array(equityCell),
});
export type EquityBreakdown = z.infer<typeof equityBreakdown>;

/** GET /api/v1/open-data/equity: the open-data query (format, from, to, k) and rules. */
export const equityOpenDataQuery = openDataQuery;

export const equityOpenDataRow = equityCell.extend({
  achievementId: z.string(),
  achievementTitle: z.string(),
  organisation: z.string(),
});
export type EquityOpenDataRow = z.infer<typeof equityOpenDataRow>;

export const equityOpenDataDocument = z.object({
  k: z.number().int(),
  range: dashboardRange,
  suppressed: z.null(),
  license: z.string(),
  generatedAt: z.iso.datetime(),
  /** The fields and answers that appear in the rows. */
  fields: z.array(equityFieldView),
  rows: z.array(equityOpenDataRow),
});
export type EquityOpenDataDocument = z.infer<typeof equityOpenDataDocument>;
