declare module '@digitalbazaar/ed25519-multikey' {
  import type { Signer } from '@digitalbazaar/data-integrity';

  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    signer(): Signer;
    verifier(): { id?: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
}
