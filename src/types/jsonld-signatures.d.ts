declare module 'jsonld-signatures' {
  import type { JsonLdDocumentLoader } from 'jsonld';

  export interface ProofPurpose {
    readonly term: string;
  }
  export interface ProofResult {
    proof: Record<string, unknown>;
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    error?: Error;
    purposeResult?: { valid: boolean; error?: Error };
  }
  export interface VerifyResult {
    verified: boolean;
    results?: ProofResult[];
    error?: Error & { errors?: Error[] };
  }
  export interface LinkedDataSuite {
    readonly type: string;
  }
  const jsigs: {
    sign(document: unknown, options: { suite: LinkedDataSuite; purpose: ProofPurpose; documentLoader: JsonLdDocumentLoader }): Promise<Record<string, unknown>>;
    verify(document: unknown, options: { suite: LinkedDataSuite | LinkedDataSuite[]; purpose: ProofPurpose; documentLoader: JsonLdDocumentLoader }): Promise<VerifyResult>;
    purposes: {
      AssertionProofPurpose: new (options?: { date?: Date; maxTimestampDelta?: number; controller?: Record<string, unknown> }) => ProofPurpose;
      AuthenticationProofPurpose: new (options: { challenge: string; domain?: string; date?: Date; maxTimestampDelta?: number; controller?: Record<string, unknown> }) => ProofPurpose;
    };
  };
  export default jsigs;
}
