import { randomUUID } from 'node:crypto';
import type { DocumentLoader } from '../../credentials/contexts/document-loader.js';
import type { CredentialSigner } from '../../credentials/proof/proof-suites.js';
import { buildPresentation, PRESENTATION_CHECK_IDS, signPresentation, type PresentationReport } from './presentation.js';

/** How long a learner has to sign a challenge. */
export const HOLDER_CHALLENGE_TTL_MS = 15 * 60_000;

/** The checks a DID Authentication answer must pass; the credentials it carries (usually none) do not matter here. */
const REQUIRED = [PRESENTATION_CHECK_IDS.presentationProof, PRESENTATION_CHECK_IDS.challenge, PRESENTATION_CHECK_IDS.domain] as const;

/**
 * Why a verified presentation does not prove control of `did` (empty when it does): it must be the DID's own,
 * signed for authentication by one of its keys, over the challenge and domain Tessera set.
 * @see https://www.w3.org/TR/vc-data-integrity/#proof-purposes (authentication, challenge, domain)
 */
export function holderProofFailures(report: PresentationReport, did: string): string[] {
  const reasons: string[] = [];
  if (report.holder !== did) reasons.push(`The presentation's holder is ${report.holder ?? 'missing'}, not ${did}.`);
  for (const id of REQUIRED) {
    const found = report.checks.find((check) => check.id === id);
    if (!found) reasons.push(`The ${id} check did not run.`);
    else if (found.outcome !== 'pass') reasons.push(found.message);
  }
  return reasons;
}

/**
 * The answer to a challenge, made by the DID's holder (`tessera holder prove`, or any wallet that signs
 * eddsa-rdfc-2022 presentations): a presentation of no credentials, signed for authentication.
 */
export const signDidAuthentication = (options: { did: string; signer: CredentialSigner; challenge: string; domain: string; documentLoader: DocumentLoader; created?: Date }) =>
  signPresentation({
    presentation: buildPresentation({ id: `urn:uuid:${randomUUID()}`, holder: options.did, credentials: [] }),
    signer: options.signer,
    challenge: options.challenge,
    domain: options.domain,
    documentLoader: options.documentLoader,
    created: options.created ?? new Date(),
  });
