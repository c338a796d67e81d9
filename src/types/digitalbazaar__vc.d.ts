declare module '@digitalbazaar/vc' {
  import type { LinkedDataSuite, VerifyResult } from 'jsonld-signatures';
  import type { JsonLdDocumentLoader } from 'jsonld';
  export function issue(options: { credential: unknown; suite: LinkedDataSuite; documentLoader: JsonLdDocumentLoader; now?: Date | string }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: unknown;
    suite: LinkedDataSuite | LinkedDataSuite[];
    documentLoader: JsonLdDocumentLoader;
    checkStatus?: unknown;
    now?: Date;
  }): Promise<VerifyResult>;
}
