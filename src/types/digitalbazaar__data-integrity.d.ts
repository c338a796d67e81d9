declare module '@digitalbazaar/data-integrity' {
  import type { LinkedDataSuite } from 'jsonld-signatures';

  /** The signer shape of the digitalbazaar ecosystem: an injected key that signs bytes. */
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Cryptosuite {
    name: string;
    requiredAlgorithm: string | string[];
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    createVerifier(options: { verificationMethod: Record<string, unknown> }): Promise<unknown>;
    createVerifyData?: unknown;
  }
  export class DataIntegrityProof implements LinkedDataSuite {
    constructor(options: { signer?: Signer; date?: Date | string; cryptosuite: Cryptosuite; legacyContext?: boolean });
    readonly type: string;
  }
}
