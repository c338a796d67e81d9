declare module '@digitalbazaar/ed25519-signature-2020' {
  import type { LinkedDataSuite } from 'jsonld-signatures';
  import type { Signer } from '@digitalbazaar/data-integrity';
  export class Ed25519Signature2020 implements LinkedDataSuite {
    constructor(options?: { signer?: Signer; date?: Date | string });
    readonly type: string;
  }
}
