declare module 'jsonld' {
  export type JsonLdDocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  export interface JsonLdOptions {
    documentLoader?: JsonLdDocumentLoader;
    base?: string | null;
    safe?: boolean;
    [option: string]: unknown;
  }
  const jsonld: {
    expand(input: unknown, options?: JsonLdOptions): Promise<unknown[]>;
    toRDF(input: unknown, options?: JsonLdOptions): Promise<unknown>;
    canonize(input: unknown, options?: JsonLdOptions): Promise<string>;
  };
  export default jsonld;
}
