import { z } from 'zod';

/**
 * The tracking API's contract (issue #7): query parameters and response bodies of the dashboards, the
 * learner's progress and the open-data export. The web app's charts (web/src/tracking) code against the
 * types exported here. Every figure comes from the rollups (src/tracking/rollups.ts), never from a scan
 * of the events, so a dashboard is as fresh as the last refresh (`refreshedAt`; dashboards refresh
 * first when the rollups are behind, so a page right after an action is exact).
 *
 * Months are `YYYY-MM` (UTC). Rates are fractions in [0, 1], `null` when their denominator is 0.
 */

/** A calendar month, `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export type Month = z.infer<typeof monthSchema>;

/**
 * Query of every dashboard. `from`/`to` are inclusive months; defaults: the 12 months ending with the
 * current one. Errors (400, problem+json): `tracking.range_reversed` (from after to),
 * `tracking.range_too_long` (more than 10 years), `tracking.unknown_achievement` (the id is not one of
 * the organisation's achievements, or not any achievement on the platform dashboard).
 */
export const dashboardQuery = z.object({
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  /** Restrict every figure to one achievement (its id). */
  achievement: z.uuid().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** The range actually used, after defaults. */
export const dashboardRange = z.object({ from: monthSchema, to: monthSchema });
export type DashboardRange = z.infer<typeof dashboardRange>;

/** One month of credential and activity figures (every month of the range is present, zeros included). */
export const monthFigures = z.object({
  month: monthSchema,
  /** Credentials issued in the month. */
  issued: z.number().int(),
  revoked: z.number().int(),
  suspended: z.number().int(),
  reinstated: z.number().int(),
  /** Credentials valid at the end of the month: issued so far − revoked − suspended + reinstated (all time, not only the range). */
  active: z.number().int(),
  enrolments: z.number().int(),
  /** Enrolments that ended with a credential in the month. */
  completions: z.number().int(),
  /** Endorsements issued by industry partners for the organisation's achievements. */
  endorsements: z.number().int(),
  /** Verifications of the organisation's credentials (public verifier and VC API). */
  verifications: z.number().int(),
});
export type MonthFigures = z.infer<typeof monthFigures>;

/** Per achievement, over the whole range. */
export const achievementFigures = z.object({
  achievementId: z.string(),
  /** Title of the newest version; the id when the achievement no longer exists here. */
  title: z.string(),
  slug: z.string().nullable(),
  /** The organisation's slug (useful on the platform dashboard). */
  organisation: z.string().nullable(),
  enrolments: z.number().int(),
  /** Enrolments completed with a credential. */
  completions: z.number().int(),
  /** completions / enrolments in the range; null without enrolments. */
  completionRate: z.number().nullable(),
  /** Median whole days from enrolment to credential of the completions in the range; null without any. */
  medianDaysToCredential: z.number().nullable(),
  submissions: z.number().int(),
  /** Submissions after a return for another attempt. */
  resubmissions: z.number().int(),
  /** Settled review outcomes. */
  passed: z.number().int(),
  returned: z.number().int(),
  /** passed / (passed + returned); null without decisions. */
  passRate: z.number().nullable(),
  issued: z.number().int(),
  revoked: z.number().int(),
  verifications: z.number().int(),
});
export type AchievementFigures = z.infer<typeof achievementFigures>;

/**
 * A pathway's funnel: how many learners reached each step, from "enrolled in at least one part" through
 * "holds a credential for at least n parts" (this instance's parts) to "completed the pathway". The
 * earned steps only ever shrink; "completed" may exceed the last of them when other institutions'
 * equivalent achievements counted. The date range picks the cohort: learners whose first step on the pathway
 * (an enrolment in a part, a part's credential or the award) falls in it, with their progress at its end.
 */
export const pathwayFunnel = z.object({
  pathwayId: z.string(),
  slug: z.string(),
  title: z.string(),
  steps: z.array(z.object({
    /** Human label, e.g. "Enrolled in ≥1 part", "Earned ≥2 parts", "Completed". */
    label: z.string(),
    /** Stable key: `enrolled`, `earned_1` … `earned_n`, `completed`. */
    key: z.string(),
    learners: z.number().int(),
  })),
});
export type PathwayFunnel = z.infer<typeof pathwayFunnel>;

/** An ESCO skill certified by credentials issued in the range (credentials × the achievement's alignments). */
export const skillFigures = z.object({
  uri: z.string(),
  label: z.string(),
  /** Credentials issued in the range for achievements aligned to this skill. */
  credentials: z.number().int(),
});
export type SkillFigures = z.infer<typeof skillFigures>;

/** Sums over the range (active: at the end of the range). */
export const dashboardTotals = z.object({
  issued: z.number().int(),
  active: z.number().int(),
  revoked: z.number().int(),
  enrolments: z.number().int(),
  completions: z.number().int(),
  completionRate: z.number().nullable(),
  medianDaysToCredential: z.number().nullable(),
  passRate: z.number().nullable(),
  resubmissions: z.number().int(),
  endorsements: z.number().int(),
  verifications: z.number().int(),
  pathwayCompletions: z.number().int(),
});
export type DashboardTotals = z.infer<typeof dashboardTotals>;

const dashboardBody = {
  range: dashboardRange,
  /** The achievement filter, when given. */
  achievementId: z.string().nullable(),
  /** When the rollups last folded new events (ISO), null before the first refresh. */
  refreshedAt: z.iso.datetime().nullable(),
  totals: dashboardTotals,
  months: z.array(monthFigures),
  /** Every achievement with activity in the range, most enrolments first. */
  achievements: z.array(achievementFigures),
  pathways: z.array(pathwayFunnel),
  /** Up to 20 skills, most certified first. */
  skills: z.array(skillFigures),
};

/** GET /api/v1/organisations/{slug}/dashboard (organisation admins, platform admins; token scope `tracking:read`). */
export const organisationDashboard = z.object({
  organisation: z.object({ slug: z.string(), name: z.string() }),
  ...dashboardBody,
});
export type OrganisationDashboard = z.infer<typeof organisationDashboard>;

/**
 * A searched term against what the catalogue offers: how often it was searched in the range, how often
 * with no result, and how many published offerings (local and harvested) match it now.
 */
export const searchDemandRow = z.object({
  /** Normalised: lower case, accents and punctuation folded, whitespace collapsed. */
  term: z.string(),
  kind: z.enum(['catalogue', 'occupation']),
  searches: z.number().int(),
  withoutResults: z.number().int(),
  /** Published offerings matching the term now. 0 is unmet demand. */
  supply: z.number().int(),
});
export type SearchDemandRow = z.infer<typeof searchDemandRow>;

/** GET /api/v1/platform/dashboard (platform admins; token scope `tracking:read`). */
export const platformDashboard = z.object({
  ...dashboardBody,
  /** Per organisation, over the range. */
  organisations: z.array(z.object({
    slug: z.string(),
    name: z.string(),
    issued: z.number().int(),
    active: z.number().int(),
    enrolments: z.number().int(),
    completions: z.number().int(),
    verifications: z.number().int(),
  })),
  /** Up to 50 terms: those with no supply first, then by searches. */
  searchDemand: z.array(searchDemandRow),
});
export type PlatformDashboard = z.infer<typeof platformDashboard>;

/** GET /api/v1/me/progress (any signed-in person: their own learning). */
export const myProgress = z.object({
  enrolments: z.array(z.object({
    id: z.string(),
    achievement: z.object({ id: z.string(), title: z.string(), slug: z.string(), organisation: z.string() }),
    route: z.enum(['course', 'assessment-only']),
    /** enrolled, submitted, under_review, in_moderation, passed, not_yet_passed, withdrawn. */
    state: z.string(),
    attempts: z.number().int(),
    enrolledAt: z.iso.datetime(),
    credentialId: z.string().nullable(),
  })),
  credentials: z.array(z.object({
    id: z.string(),
    achievementId: z.string().nullable(),
    title: z.string(),
    organisation: z.string(),
    issuedAt: z.iso.datetime(),
    /** active, revoked, suspended. */
    status: z.string(),
  })),
  /** The pathways the person's credentials count toward (as GET /api/v1/me/pathways, summarised). */
  pathways: z.array(z.object({
    pathwayId: z.string(),
    title: z.string(),
    organisation: z.string(),
    done: z.number(),
    needed: z.number(),
    satisfied: z.boolean(),
    summary: z.string(),
    awardedAt: z.iso.datetime().nullable(),
  })),
  totals: z.object({ enrolments: z.number().int(), inProgress: z.number().int(), passed: z.number().int(), credentials: z.number().int(), pathwaysCompleted: z.number().int() }),
});
export type MyProgress = z.infer<typeof myProgress>;

/**
 * GET /api/v1/open-data/achievements (public, no sign-in). `k` defaults to TESSERA_OPEN_DATA_K (10); k < 5
 * is refused (400 `tracking.k_too_small`). Same range rules and codes as the dashboards.
 */
export const openDataQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  k: z.coerce.number().int().optional(),
});
export type OpenDataQuery = z.infer<typeof openDataQuery>;

/** The figures of each open-data row, in CSV column order. */
export const OPEN_DATA_FIGURES = ['enrolments', 'completions', 'submissions', 'resubmissions', 'passed', 'returned', 'issued', 'revoked', 'endorsements', 'verifications'] as const;
export type OpenDataFigure = (typeof OPEN_DATA_FIGURES)[number];

/**
 * The marker of a suppressed cell: `null` in JSON, an empty field in CSV. A cell is suppressed whenever
 * its count is below k, zero included: then no published figure is below k, and a suppressed cell cannot
 * be told apart from an empty one.
 */
export const SUPPRESSED_CSV_MARKER = '';

/** One published achievement in one month; `null` = suppressed (fewer than k). */
export const openDataRow = z.object({
  achievementId: z.string(),
  achievementTitle: z.string(),
  organisation: z.string(),
  month: monthSchema,
  enrolments: z.number().int().nullable(),
  completions: z.number().int().nullable(),
  submissions: z.number().int().nullable(),
  resubmissions: z.number().int().nullable(),
  passed: z.number().int().nullable(),
  returned: z.number().int().nullable(),
  issued: z.number().int().nullable(),
  revoked: z.number().int().nullable(),
  endorsements: z.number().int().nullable(),
  verifications: z.number().int().nullable(),
});
export type OpenDataRow = z.infer<typeof openDataRow>;

export const openDataDocument = z.object({
  /** The threshold applied: no published figure is below it. */
  k: z.number().int(),
  range: dashboardRange,
  /** How suppression is shown: `null` here, an empty field in the CSV. */
  suppressed: z.null(),
  license: z.string(),
  generatedAt: z.iso.datetime(),
  rows: z.array(openDataRow),
});
export type OpenDataDocument = z.infer<typeof openDataDocument>;
