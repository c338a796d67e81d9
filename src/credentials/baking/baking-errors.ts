import { AppError } from '../../errors.js';

export const BAKING_ERROR_CODES = {
  notAnImage: 'credentials.baked_not_an_image',
  malformedImage: 'credentials.baked_malformed_image',
  noCredential: 'credentials.baked_no_credential',
  tooLarge: 'credentials.baked_too_large',
} as const;

const bakingError = (code: string, title: string, detail: string): AppError => new AppError({ code, status: 422, title, detail });

export const notAnImage = (): AppError =>
  bakingError(BAKING_ERROR_CODES.notAnImage, 'Not a badge image', 'The file is neither a PNG nor an SVG image; only those can carry a baked Open Badge.');

export const malformedImage = (detail: string): AppError => bakingError(BAKING_ERROR_CODES.malformedImage, 'Damaged image', detail);

export const noBakedCredential = (format: 'PNG' | 'SVG'): AppError =>
  bakingError(BAKING_ERROR_CODES.noCredential, 'No credential in the image', `This ${format} carries no Open Badges 3.0 credential (no openbadgecredential ${format === 'PNG' ? 'iTXt chunk' : 'element'}).`);

export const imageTooLarge = (limit: number): AppError =>
  bakingError(BAKING_ERROR_CODES.tooLarge, 'Image too large', `Badge images are limited to ${limit} bytes.`);
