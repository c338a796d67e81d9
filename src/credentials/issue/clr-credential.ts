import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { clrCredentialInput, type ClrCredentialInput, parseInput } from './credential-input.schema.js';
import { compact, learnerFields, profile, statusField, validity } from './credential-parts.js';

/**
 * An unsigned ClrCredential (CLR 2.0 §4): a transcript bundling signed OB credentials, with `association`
 * entries stating how their achievements relate (a pathway's parts, equivalences).
 */
export const buildClrCredential = (raw: ClrCredentialInput): Record<string, unknown> => {
  const input = parseInput(clrCredentialInput, raw);
  return compact({
    '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.clrV2_0_1, CONTEXT_URLS.openBadgesV3_0_3],
    id: input.id,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: profile(input.issuer),
    name: input.name,
    description: input.description,
    ...validity(input.validFrom, input.validUntil),
    credentialSubject: compact({
      type: ['ClrSubject'],
      ...learnerFields(input.learner),
      verifiableCredential: input.verifiableCredential,
      association: input.association.length > 0 ? input.association.map((a) => ({ type: 'Association', ...a })) : undefined,
    }),
    ...statusField(input.credentialStatus),
  });
};
