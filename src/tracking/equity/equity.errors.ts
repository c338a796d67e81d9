import { AppError } from '../../errors.js';

const badRequest = (code: string, title: string, detail: string, extensions: Record<string, unknown>): AppError =>
  new AppError({ code, status: 400, title, detail, extensions });

export const unknownField = (field: string): AppError =>
  badRequest('equity.unknown_field', 'Unknown equity field', `"${field}" is not one of Tessera's equity fields; GET /api/v1/equity/fields lists them.`, { field });

export const unknownOption = (field: string, answer: string, options: readonly string[]): AppError =>
  badRequest('equity.unknown_option', 'Unknown answer', `"${answer}" is not an answer to "${field}"; choose one of ${options.join(', ')}.`, { field, answer, options });

export const fieldNotCollected = (field: string, organisation: string): AppError =>
  badRequest('equity.field_not_collected', 'This organisation does not ask this', `${organisation} does not collect "${field}": only the fields it chose can be answered.`, { field, organisation });
