import { AppError, notFound } from '../../errors.js';

export const escoDirectoryNotFound = (directory: string): AppError =>
  new AppError({ code: 'esco.directory_not_found', status: 400, title: 'ESCO folder not found', detail: `There is no folder at ${directory}.` });

export const escoNoFiles = (directory: string): AppError =>
  new AppError({
    code: 'esco.no_files',
    status: 400,
    title: 'No ESCO files found',
    detail: `${directory} holds no ESCO CSV files (skills_en.csv, occupations_en.csv, … or their .csv.gz). Unpack the ESCO CSV download there.`,
  });

export const escoConceptNotFound = (uri: string): AppError => notFound('esco.concept_not_found', `There is no ESCO concept ${uri} in this installation.`);

export const escoNotAnOccupation = (uri: string, type: string): AppError =>
  new AppError({ code: 'esco.not_an_occupation', status: 400, title: 'Not an occupation', detail: `${uri} is an ESCO ${type.replace('_', ' ')}, not an occupation.` });
