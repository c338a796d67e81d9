declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
  import type { Cryptosuite } from '@digitalbazaar/data-integrity';
  export function createVerifyCryptosuite(options?: { requiredAlgorithm?: string }): Cryptosuite;
}
