// organisationDid is not exported from credentials/index.ts yet ("DIDs: exports to be added by the lead").
import { organisationDid } from '../credentials/dids/did-web.js';
import { CONTEXT_URLS, strictArrayErrors, validateCredentialSchema, type SchemaError } from '../credentials/index.js';
import { documentInvalid } from './achievement.errors.js';
import type { AchievementOrganisation } from './achievement.repository.js';
import type { AchievementDefinition } from './achievement.schema.js';

/**
 * The Open Badges 3.0 `Achievement` a published version is, served at its id URL. Credentials issued for
 * the version embed the same object, so what a verifier fetches and what a credential says agree.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#achievement
 */
export interface AchievementDocumentInput {
  publicUrl: string;
  organisation: Pick<AchievementOrganisation, 'slug' | 'name' | 'url' | 'description'>;
  achievementSlug: string;
  version: number;
  definition: AchievementDefinition;
}

export const OB_ACHIEVEMENT_CONTEXT = [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3_0_3] as const;

/** `${publicUrl}/orgs/{org}/achievements/{slug}`, and with `/versions/{n}` the id of one version. */
export const achievementUrl = (publicUrl: string, organisationSlug: string, achievementSlug: string, version?: number): string =>
  `${publicUrl}/orgs/${encodeURIComponent(organisationSlug)}/achievements/${encodeURIComponent(achievementSlug)}${version === undefined ? '' : `/versions/${version}`}`;

// Targets of the non-ESCO alignments. NOC and CIP have no stable per-code URL, so the code travels in
// `targetCode` and the URL names the classification (ESDC's NOC profile does take the code).
const FRAMEWORKS = {
  esco: 'ESCO',
  noc: 'NOC 2021',
  cip: 'CIP Canada 2021',
  eqf: 'European Qualifications Framework',
  oqf: 'Ontario Qualifications Framework',
} as const;
const nocUrl = (code: string) => `https://noc.esdc.gc.ca/Structure/NOCProfile?GocTemplateCulture=en-CA&code=${code}&version=2021.0`;
const CIP_URL = 'https://www.statcan.gc.ca/en/subjects/standard/cip/2021/index';
const EQF_URL = 'https://europass.europa.eu/en/description-eight-eqf-levels';
const OQF_URL = 'https://www.ontario.ca/page/ontario-qualifications-framework';

/** OB AlignmentTargetType is an extensible vocabulary: terms outside it take the `ext:` prefix. */
export const TARGET_TYPES = {
  escoSkill: 'ext:ESCOSkill',
  escoOccupation: 'ext:ESCOOccupation',
  noc: 'ext:NOCUnitGroup',
  cip: 'ext:CIPProgram',
  eqf: 'ext:EQFLevel',
  oqf: 'ext:OQFCategory',
} as const;

type Alignment = Record<string, unknown>;
const alignment = (targetFramework: string, targetType: string, targetName: string, targetUrl: string, targetCode: string): Alignment => ({
  type: ['Alignment'],
  targetName,
  targetUrl,
  targetCode,
  targetFramework,
  targetType,
});

/** ESCO's URI ends with the concept's UUID, which is its code within the framework. */
const escoAlignment = (reference: { uri: string; label: string }, targetType: string): Alignment =>
  alignment(FRAMEWORKS.esco, targetType, reference.label, reference.uri, reference.uri.slice(reference.uri.lastIndexOf('/') + 1));

const achievementAlignments = (d: AchievementDefinition): Alignment[] => {
  const skills = new Map(d.outcomes.flatMap((o) => o.escoSkills).map((s) => [s.uri, s]));
  return [
    ...[...skills.values()].map((s) => escoAlignment(s, TARGET_TYPES.escoSkill)),
    ...d.labourMarket.escoOccupations.map((o) => escoAlignment(o, TARGET_TYPES.escoOccupation)),
    ...d.noc.map((n) => alignment(FRAMEWORKS.noc, TARGET_TYPES.noc, n.title, nocUrl(n.code), n.code)),
    ...(d.cip ? [alignment(FRAMEWORKS.cip, TARGET_TYPES.cip, d.cip.title, CIP_URL, d.cip.code)] : []),
    ...(d.eqfLevel === undefined ? [] : [alignment(FRAMEWORKS.eqf, TARGET_TYPES.eqf, `EQF level ${d.eqfLevel}`, EQF_URL, String(d.eqfLevel))]),
    ...(d.oqfCategory ? [alignment(FRAMEWORKS.oqf, TARGET_TYPES.oqf, d.oqfCategory, OQF_URL, d.oqfCategory)] : []),
  ];
};

/** `${achievementId}#criterion-{c}`: the ResultDescription of one rubric criterion; `-level-{l}` one of its levels. */
export const rubricCriterionUrl = (achievementId: string, criterionId: string, levelId?: string): string =>
  `${achievementId}#criterion-${criterionId}${levelId === undefined ? '' : `-level-${levelId}`}`;

/**
 * One ResultDescription per rubric criterion, resultType RubricCriterionLevel, its levels as
 * RubricCriterionLevel (OB points are strings), aligned to the ESCO skills of the outcomes it assesses.
 * `requiredLevel` names the level the pass rule asks of it, where there is one.
 */
const rubricResultDescriptions = (id: string, d: AchievementDefinition): Alignment[] =>
  (d.rubric?.criteria ?? []).map((c) => {
    const skills = new Map(d.outcomes.filter((o) => c.outcomes.includes(o.id)).flatMap((o) => o.escoSkills).map((s) => [s.uri, s]));
    const requiredName = d.rubric!.passRule.requiredCriteria.find((r) => r.criterion === c.id)?.atLeast ?? d.rubric!.passRule.everyCriterionAtLeast;
    const required = c.levels.find((l) => l.name === requiredName);
    return {
      id: rubricCriterionUrl(id, c.id),
      type: ['ResultDescription'],
      name: c.name,
      resultType: 'RubricCriterionLevel',
      rubricCriterionLevel: c.levels.map((l, rank) => ({
        id: rubricCriterionUrl(id, c.id, l.id),
        type: ['RubricCriterionLevel'],
        name: l.name,
        description: l.description,
        level: String(rank + 1),
        points: String(l.points),
      })),
      ...(required ? { requiredLevel: rubricCriterionUrl(id, c.id, required.id) } : {}),
      ...(skills.size > 0 ? { alignment: [...skills.values()].map((s) => escoAlignment(s, TARGET_TYPES.escoSkill)) } : {}),
    };
  });

const criteriaNarrative = (d: AchievementDefinition): string =>
  d.evidenceRequirements.length === 0 ? d.criteria : `${d.criteria}\n\nEvidence:\n${d.evidenceRequirements.map((e) => `- ${e}`).join('\n')}`;

/** Builds the document; call `achievementSchemaErrors` (or `buildCheckedAchievementDocument`) before serving it. */
export function buildAchievementDocument(input: AchievementDocumentInput): Record<string, unknown> {
  const { definition: d, publicUrl, organisation } = input;
  const fieldOfStudy = d.fieldOfStudy ?? d.cip?.title;
  const id = achievementUrl(publicUrl, organisation.slug, input.achievementSlug, input.version);
  return {
    '@context': [...OB_ACHIEVEMENT_CONTEXT],
    id,
    type: ['Achievement'],
    achievementType: 'MicroCredential',
    name: d.title,
    description: d.description,
    criteria: { id: `${id}#criteria`, narrative: criteriaNarrative(d) },
    alignment: achievementAlignments(d),
    // One result description per outcome: a credential's results say which outcomes were demonstrated.
    resultDescription: [
      ...d.outcomes.map((o) => ({
        id: `${id}#outcome-${o.id}`,
        type: ['ResultDescription'],
        name: o.statement,
        resultType: 'Status',
        ...(o.escoSkills.length > 0 ? { alignment: o.escoSkills.map((s) => escoAlignment(s, TARGET_TYPES.escoSkill)) } : {}),
      })),
      ...rubricResultDescriptions(id, d),
    ],
    creditsAvailable: d.credit.value,
    ...(fieldOfStudy ? { fieldOfStudy } : {}),
    humanCode: d.humanCode ?? input.achievementSlug,
    inLanguage: d.language,
    version: String(input.version),
    creator: {
      id: organisationDid({ publicUrl, slug: organisation.slug }),
      type: ['Profile'],
      name: organisation.name,
      ...(organisation.url ? { url: organisation.url } : {}),
      ...(organisation.description ? { description: organisation.description } : {}),
    },
    ...(input.version > 1
      ? { related: [{ id: achievementUrl(publicUrl, organisation.slug, input.achievementSlug, input.version - 1), type: ['Related'], version: String(input.version - 1) }] }
      : {}),
  };
}

/**
 * Checks an Achievement against the `Achievement` definition of the official OB 3.0 JSON Schema, through
 * the credential engine's validator: the achievement is placed in a minimal AchievementCredential whose
 * other parts are fixed and valid, and only errors under the achievement are kept. Plus the data model's
 * array rule the engine holds issued credentials to.
 */
export function achievementSchemaErrors(achievement: Record<string, unknown>): SchemaError[] {
  const prefix = '/credentialSubject/achievement';
  const envelope = {
    '@context': achievement['@context'],
    id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:example:issuer', type: ['Profile'] },
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { type: ['AchievementSubject'], id: 'did:example:learner', achievement },
  };
  const official = validateCredentialSchema(envelope, 'achievementCredential').errors;
  return [...official, ...strictArrayErrors(envelope)]
    .filter((error) => error.instancePath.startsWith(prefix) || error.instancePath === '/@context')
    .map((error) => ({ ...error, instancePath: error.instancePath === '/@context' ? error.instancePath : error.instancePath.slice(prefix.length) || '/' }));
}

/** The document, refusing (as a reportable bug) to serve one the official schema rejects. */
export function buildCheckedAchievementDocument(input: AchievementDocumentInput): Record<string, unknown> {
  const document = buildAchievementDocument(input);
  const errors = achievementSchemaErrors(document);
  if (errors.length > 0) throw documentInvalid(errors);
  return document;
}
