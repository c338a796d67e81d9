import { DataIntegrityProof, type Cryptosuite, type Signer } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { createVerifyCryptosuite as ecdsaSd2023Verify } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { LinkedDataSuite } from 'jsonld-signatures';
import { ed25519Verifier } from './ed25519-verifier.js';
import { templateCanonize } from './template-canonize.js';

/** Proof `type` values Tessera verifies. */
export const PROOF_TYPES = {
  dataIntegrity: 'DataIntegrityProof',
  ed25519Signature2020: 'Ed25519Signature2020',
} as const;

/** Data Integrity cryptosuite names (VC DI EdDSA §3). */
export const CRYPTOSUITES = {
  eddsaRdfc2022: 'eddsa-rdfc-2022',
  eddsaJcs2022: 'eddsa-jcs-2022',
  /** The draft name of eddsa-rdfc-2022 (same algorithm), still found in older credentials. */
  eddsa2022Legacy: 'eddsa-2022',
  /** Selective disclosure (VC DI ECDSA §3.4); verified on derived credentials a holder presents. */
  ecdsaSd2023: 'ecdsa-sd-2023',
} as const;

const MAX_CACHED_VERIFIERS = 1024;

/**
 * Verifiers depend on the key material only, so one is kept per verification method (importing a key
 * costs as much as verifying). The key's status (revoked, compromisedAt) is checked elsewhere, every time.
 */
function cachedVerifiers(): Cryptosuite['createVerifier'] {
  const verifiers = new Map<string, Promise<unknown>>();
  return ({ verificationMethod }) => {
    const key = JSON.stringify([verificationMethod.id, verificationMethod.type, verificationMethod.publicKeyMultibase, verificationMethod.publicKeyJwk]);
    let verifier = verifiers.get(key);
    if (verifier === undefined) {
      if (verifiers.size >= MAX_CACHED_VERIFIERS) verifiers.clear();
      verifier = ed25519Verifier(verificationMethod);
      // A failed import is not remembered: the next call reports its own error.
      verifier.catch(() => verifiers.delete(key));
      verifiers.set(key, verifier);
    }
    return verifier;
  };
}

/**
 * eddsa-rdfc-2022 with expansion templated for shapes seen before (template-canonize.ts); output is
 * byte-identical to the library's canonize, which it falls back to for anything it does not recognise.
 */
export const templatedEddsaRdfc2022: Cryptosuite = {
  ...eddsaRdfc2022,
  canonize: templateCanonize(eddsaRdfc2022.canonize),
  createVerifier: cachedVerifiers(),
};

export type SigningCryptosuite = typeof CRYPTOSUITES.eddsaRdfc2022 | typeof CRYPTOSUITES.eddsaJcs2022;

/**
 * The injected signer, as the digitalbazaar libraries use it: `id` is the verification method URL written
 * into the proof, `sign` returns the raw 64-byte Ed25519 signature. Part C builds these from stored keys.
 */
export type CredentialSigner = Signer;

/** A suite that signs with `signer` at `date`; cryptosuites are stateless, suites carry signer and date. */
export const signingSuite = (cryptosuite: SigningCryptosuite, signer: CredentialSigner, date: Date): LinkedDataSuite =>
  new DataIntegrityProof({
    signer,
    date,
    cryptosuite: cryptosuite === CRYPTOSUITES.eddsaJcs2022 ? createSignCryptosuite() : templatedEddsaRdfc2022,
  });

const legacyEddsa2022: Cryptosuite = { ...templatedEddsaRdfc2022, name: CRYPTOSUITES.eddsa2022Legacy };

let verifyingSuites: LinkedDataSuite[] | undefined;

/** Every suite a proof may match when verifying; built once, they hold no per-call state. */
export const verificationSuites = (): LinkedDataSuite[] => {
  verifyingSuites ??= [
    new DataIntegrityProof({ cryptosuite: templatedEddsaRdfc2022 }),
    new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
    new DataIntegrityProof({ cryptosuite: legacyEddsa2022, legacyContext: true }),
    new Ed25519Signature2020(),
    new DataIntegrityProof({ cryptosuite: ecdsaSd2023Verify() }),
  ];
  return verifyingSuites;
};

/** The terms the current OB 3.0.3 context added after first publication. */
export const OB_3_0_3_ADDED_TERMS: readonly string[] = ['endorsementJwt', 'jti'];

/**
 * JSON-LD safe mode with one exception: dropping a property named `endorsementJwt` or `jti`. Everything
 * else safe mode refuses (any other undefined term, relative IRIs, ...) still fails, so an attacker cannot
 * add unsigned claims and have them ignored.
 */
const safeExceptAddedTerms = ({ event }: { event: { code: string; level: string; details?: { property?: unknown } } }): void => {
  if (event.code === 'invalid property' && OB_3_0_3_ADDED_TERMS.includes(String(event.details?.property))) return;
  if (event.level === 'warning') throw new Error(`JSON-LD validation error under the first published OB 3.0.3 context: ${event.code}.`);
};

/**
 * eddsa-rdfc-2022 for the retry under the first published OB 3.0.3 context: an issuer that signed under that
 * copy without safe mode left `endorsementJwt` / `jti` (undefined there) out of the hash. Callers report
 * such a result as a warning naming what the signature does not cover.
 */
const withoutAddedTerms = (cryptosuite: Cryptosuite, name: string): Cryptosuite => ({
  ...cryptosuite,
  name,
  canonize: (input, options) => eddsaRdfc2022.canonize(input, { ...options, safe: false, eventHandler: safeExceptAddedTerms }),
});

let lenientSuites: LinkedDataSuite[] | undefined;

export const lenientVerificationSuites = (): LinkedDataSuite[] => {
  lenientSuites ??= [
    new DataIntegrityProof({ cryptosuite: withoutAddedTerms(templatedEddsaRdfc2022, CRYPTOSUITES.eddsaRdfc2022) }),
    new DataIntegrityProof({ cryptosuite: withoutAddedTerms(templatedEddsaRdfc2022, CRYPTOSUITES.eddsa2022Legacy), legacyContext: true }),
  ];
  return lenientSuites;
};
