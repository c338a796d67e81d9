import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { achievementInput, openBadgeCredentialInput, type OpenBadgeCredentialInput, parseInput } from './credential-input.schema.js';
import { alignment, compact, learnerFields, profile, statusField, validity } from './credential-parts.js';
import type { z } from 'zod';

/** The official schema URLs, as OB 3.0 §8.1 asks credentials to declare them. */
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const JSON_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019';

export const achievement = (input: z.output<typeof achievementInput>): Record<string, unknown> =>
  compact({
    id: input.id,
    type: ['Achievement'],
    name: input.name,
    description: input.description,
    criteria: { narrative: input.criteriaNarrative },
    achievementType: input.achievementType,
    image: input.image && { id: input.image, type: 'Image' },
    tag: input.tag,
    alignment: input.alignment.length > 0 ? input.alignment.map(alignment) : undefined,
    resultDescription:
      input.resultDescription.length > 0
        ? input.resultDescription.map((rd) =>
            compact({ id: rd.id, type: ['ResultDescription'], name: rd.name, resultType: rd.resultType, allowedValue: rd.allowedValue, requiredValue: rd.requiredValue, alignment: rd.alignment.length > 0 ? rd.alignment.map(alignment) : undefined }),
          )
        : undefined,
  });

type AnyAchievementInput = z.output<typeof openBadgeCredentialInput>['achievement'];

const achievementName = (input: AnyAchievementInput): string => ('document' in input ? String(input.document.name) : input.name);

/** A served Achievement document without its own `@context`: the credential's contexts already cover it. */
const embeddedAchievement = (document: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(document).filter(([key]) => key !== '@context'));

/**
 * An unsigned OpenBadgeCredential (OB 3.0 §4 AchievementCredential) on the VC 2.0 context. Arrays are
 * always arrays where the data model says `0..*`, which the strict schema check enforces at issue time.
 */
export const buildOpenBadgeCredential = (raw: OpenBadgeCredentialInput): Record<string, unknown> => {
  const input = parseInput(openBadgeCredentialInput, raw);
  const contexts: string[] = [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3_0_3];
  // `1EdTechJsonSchemaValidator2019` is defined by the OB extensions context.
  if (input.declareSchema) contexts.push(CONTEXT_URLS.openBadgesExtensions);
  return compact({
    '@context': contexts,
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: profile(input.issuer),
    name: input.name ?? achievementName(input.achievement),
    ...validity(input.validFrom, input.validUntil),
    credentialSubject: compact({
      type: ['AchievementSubject'],
      ...learnerFields(input.learner),
      achievement: 'document' in input.achievement ? embeddedAchievement(input.achievement.document) : achievement(input.achievement),
      result: input.result.length > 0 ? input.result.map((r) => compact({ type: ['Result'], ...r })) : undefined,
    }),
    evidence: input.evidence.length > 0 ? input.evidence.map((e) => compact({ ...e, type: ['Evidence'] })) : undefined,
    ...statusField(input.credentialStatus),
    credentialSchema: input.declareSchema ? [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: JSON_SCHEMA_VALIDATOR_TYPE }] : undefined,
  });
};
