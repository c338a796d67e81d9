import { AppError, conflict, notFound } from '../errors.js';

export interface RuleIssue {
  path: string;
  message: string;
}

export const pathwayNotFound = (): AppError => notFound('pathways.pathway_not_found', 'There is no such pathway, or it is not published.');

export const rulesInvalid = (issues: RuleIssue[]): AppError =>
  new AppError({
    code: 'pathways.rules_invalid',
    status: 422,
    title: 'The pathway rules are not valid',
    detail: issues.map((issue) => `${issue.path || 'rules'}: ${issue.message}`).join('; '),
    extensions: { issues },
  });

export const pathwaySlugTaken = (slug: string): AppError => conflict('pathways.slug_taken', `This organisation already has a pathway "${slug}".`);

export const noPathwayDraft = (): AppError => conflict('pathways.no_draft', 'This pathway has no draft version to publish; change its rules to start one.');
export const pathwayDraftChanged = (): AppError => conflict('pathways.draft_changed', 'The draft changed while it was being published; publish it again.');

export const notAwarded = (): AppError => notFound('pathways.not_awarded', 'You have not been awarded this pathway yet.');
