import { AppError, conflict, notFound } from '../errors.js';
import type { ChecklistItem } from './checklist.js';

/** One failing place in a definition: a dotted path (`outcomes.0.statement`) and what is wrong there. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

export const achievementNotFound = (): AppError => notFound('catalog.achievement_not_found', 'There is no such achievement, or it is not published.');

export const versionNotFound = (version: number): AppError =>
  notFound('catalog.version_not_found', `This achievement has no published version ${version}.`);

export const definitionInvalid = (issues: DefinitionIssue[]): AppError =>
  new AppError({
    code: 'catalog.definition_invalid',
    status: 400,
    title: 'The achievement definition is not valid',
    detail: issues.map((issue) => `${issue.path || '/'}: ${issue.message}`).join('; '),
    extensions: { issues },
  });

export const unknownEscoUris = (unknown: Array<{ path: string; uri: string }>): AppError =>
  new AppError({
    code: 'catalog.unknown_esco_uri',
    status: 422,
    title: 'Unknown ESCO concept',
    detail: `These ESCO URIs are not in the imported ESCO classification: ${unknown.map((u) => `${u.path} (${u.uri})`).join('; ')}.`,
    extensions: { issues: unknown.map((u) => ({ path: u.path, message: `unknown ESCO URI ${u.uri}` })) },
  });

export const versionImmutable = (version: number, status: string): AppError =>
  conflict('catalog.version_immutable', `Version ${version} is ${status} and cannot change; create a new draft version instead.`, { version, status });

export const draftExists = (version: number): AppError =>
  conflict('catalog.draft_exists', `Version ${version} is already a draft; edit or publish it before creating another.`, { version });

export const noDraft = (): AppError => conflict('catalog.no_draft', 'This achievement has no draft version to publish.');

export const nothingToRetire = (): AppError => conflict('catalog.not_published', 'This achievement has no published version to retire.');

export const achievementSlugTaken = (slug: string): AppError =>
  conflict('catalog.achievement_slug_taken', `This organisation already has an achievement "${slug}".`);

export const checklistFailed = (missing: ChecklistItem[]): AppError =>
  new AppError({
    code: 'catalog.checklist_failed',
    status: 422,
    title: 'Essential elements are missing',
    detail: `Publishing needs: ${missing.map((item) => `${item.name} (${item.whatToDo ?? item.detail})`).join('; ')}.`,
    extensions: { missing: missing.map(({ id, name, detail, whatToDo }) => ({ id, name, detail, whatToDo })) },
  });

export const documentInvalid = (errors: Array<{ instancePath: string; message: string }>): AppError =>
  new AppError({
    code: 'catalog.document_invalid',
    status: 500,
    title: 'The achievement document does not match the Open Badges 3.0 schema',
    detail: 'Tessera built an Achievement document the official schema rejects; this is a bug.',
    extensions: { errors },
    reportable: true,
  });
