import { AppError } from '../../errors.js';

export const UNKNOWN_CONTEXT = 'credentials.unknown_context';

/** A document asked for a JSON-LD context Tessera does not ship. Never fetched: see document-loader.ts. */
export const unknownContext = (url: string): AppError =>
  new AppError({
    code: UNKNOWN_CONTEXT,
    status: 422,
    title: 'Unknown JSON-LD context',
    detail: `The JSON-LD context ${JSON.stringify(url.slice(0, 200))} is not one Tessera accepts; contexts are never fetched from the network.`,
    extensions: { url: url.slice(0, 2000) },
  });
