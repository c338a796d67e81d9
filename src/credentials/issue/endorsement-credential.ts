import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { endorsementCredentialInput, type EndorsementCredentialInput, parseInput } from './credential-input.schema.js';
import { compact, profile, statusField, validity } from './credential-parts.js';

/** An unsigned EndorsementCredential (OB 3.0 §B.1.7): a partner's signed statement about an achievement or issuer. */
export const buildEndorsementCredential = (raw: EndorsementCredentialInput): Record<string, unknown> => {
  const input = parseInput(endorsementCredentialInput, raw);
  return compact({
    '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3_0_3],
    id: input.id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: profile(input.issuer),
    name: input.name,
    ...validity(input.validFrom, input.validUntil),
    credentialSubject: compact({ id: input.subjectId, type: ['EndorsementSubject'], endorsementComment: input.endorsementComment }),
    ...statusField(input.credentialStatus),
  });
};
