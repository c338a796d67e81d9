import { type AppError, conflict, notFound } from '../errors.js';

export const REGISTRY_ERROR_CODES = {
  alreadyApproved: 'registry.already_approved',
  notApproved: 'registry.not_approved',
  sourceNotFound: 'registry.source_not_found',
  sourceExists: 'registry.source_exists',
} as const;

export const alreadyApproved = (slug: string): AppError => conflict(REGISTRY_ERROR_CODES.alreadyApproved, `${slug} is already on the trusted issuer registry; withdraw the approval first to record a new check.`);
export const notApproved = (slug: string): AppError => conflict(REGISTRY_ERROR_CODES.notApproved, `${slug} is not on the trusted issuer registry.`);
export const sourceNotFound = (): AppError => notFound(REGISTRY_ERROR_CODES.sourceNotFound, 'There is no such trusted registry source.');
export const sourceExists = (url: string): AppError => conflict(REGISTRY_ERROR_CODES.sourceExists, `${url} is already a trusted registry source.`);
