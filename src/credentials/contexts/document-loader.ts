import { bundledContext } from './bundled-contexts.js';
import { unknownContext } from './context-errors.js';

/** The shape jsonld and jsonld-signatures expect back from a document loader. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
  /** `static` lets jsonld keep the processed context for the whole process, keyed by URL. */
  tag?: 'static';
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface DocumentLoaderOptions {
  /** Also serve contexts that define `@vocab` (W3C examples context). For test vectors only. */
  includeExampleContexts?: boolean;
}

/**
 * A static loader over the contexts bundled in `contexts/files/`. It never fetches: a remote context is
 * an attacker-chosen input (server-side request forgery, and a context swapped after signing changes what
 * a signature means), so any other URL fails with `credentials.unknown_context`.
 */
export const createDocumentLoader = (options: DocumentLoaderOptions = {}): DocumentLoader => {
  return async (url: string): Promise<RemoteDocument> => {
    const document = bundledContext(url, options);
    if (document === undefined) throw unknownContext(url);
    return { contextUrl: null, documentUrl: url, document, tag: 'static' };
  };
};
