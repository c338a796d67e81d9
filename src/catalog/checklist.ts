import type { OrganisationKind } from '../accounts/accounts.tables.js';
import type { AchievementDefinition } from './achievement.schema.js';

/**
 * The quality checklist of a micro-credential definition: pure, no I/O. Two sets of checks:
 * - the framework's ten elements (eCampusOntario micro-certification principles and framework): relevance,
 *   verifiability, ownership, extensibility, issuing body, competency alignment, outcomes, summative
 *   assessment with evidence, transcriptable, partner endorsement;
 * - the EU micro-credential standard elements (Council Recommendation 2022/C 243/02, Annex I: mandatory
 *   and optional elements).
 * Plus Ontario student-aid (OSAP) eligibility. Statuses: `met`; `missing` for an essential element, which
 * blocks publishing; `warning` for a recommended element that is absent or weak, which does not.
 */
export type CheckStatus = 'met' | 'missing' | 'warning';

export const CHECK_IDS = {
  relevance: 'framework.relevance',
  verifiability: 'framework.verifiability',
  ownership: 'framework.ownership',
  extensibility: 'framework.extensibility',
  issuingBody: 'framework.issuing_body',
  competencyAlignment: 'framework.competency_alignment',
  outcomes: 'framework.outcomes',
  summativeAssessment: 'framework.summative_assessment',
  transcriptable: 'framework.transcriptable',
  partnerEndorsement: 'framework.partner_endorsement',
  euLearnerIdentification: 'eu.learner_identification',
  euTitle: 'eu.title',
  euIssuerCountry: 'eu.issuer_country',
  euAwardingBody: 'eu.awarding_body',
  euDateOfIssue: 'eu.date_of_issue',
  euLearningOutcomes: 'eu.learning_outcomes',
  euWorkload: 'eu.workload',
  euLevel: 'eu.level',
  euAssessmentType: 'eu.assessment_type',
  euParticipationForm: 'eu.participation_form',
  euQualityAssurance: 'eu.quality_assurance',
  euPrerequisites: 'eu.prerequisites',
  euSupervisionIdentity: 'eu.supervision_identity',
  euStackability: 'eu.stackability',
  euValidity: 'eu.validity',
} as const;

export type CheckId = (typeof CHECK_IDS)[keyof typeof CHECK_IDS];

export interface ChecklistItem {
  id: CheckId;
  group: 'framework' | 'eu';
  name: string;
  /** Essential elements block publishing when missing. */
  essential: boolean;
  status: CheckStatus;
  /** What the definition says about this element, or why it falls short. */
  detail: string;
  /** What to do to meet it; null when met. */
  whatToDo: string | null;
}

export interface OsapEligibility {
  eligible: boolean;
  /** Each rule of the published OSAP micro-credential criteria, with whether it holds. */
  rules: Array<{ rule: string; met: boolean }>;
}

export interface Checklist {
  items: ChecklistItem[];
  /** True when no essential element is missing. */
  publishable: boolean;
  osap: OsapEligibility;
}

export interface ChecklistContext {
  issuer: { name: string; kind: OrganisationKind };
  /** Endorsements of this achievement by industry partners. */
  endorsementsCount: number;
}

/** The framework's focus: a micro-credential has three or four outcomes. */
export const OUTCOMES_RANGE = { min: 3, max: 4 } as const;
/** OSAP micro-credential rule: between 5 and 300 hours, and under 12 weeks. */
export const OSAP_RULE = { minHours: 5, maxHours: 300, weeksUnder: 12 } as const;

type Verdict = { status: CheckStatus; detail: string; whatToDo: string | null };
const met = (detail: string): Verdict => ({ status: 'met', detail, whatToDo: null });
/** An essential element falls short (`missing`); a recommended one only warns. */
const short = (essential: boolean, detail: string, whatToDo: string): Verdict => ({ status: essential ? 'missing' : 'warning', detail, whatToDo });

interface CheckRule {
  id: CheckId;
  name: string;
  essential: boolean;
  judge(definition: AchievementDefinition, context: ChecklistContext, essential: boolean): Verdict;
}

const issuerVerdict = (context: ChecklistContext, essential: boolean): Verdict =>
  context.issuer.kind === 'issuer'
    ? met(`Issued by ${context.issuer.name}, a registered issuing organisation.`)
    : short(essential, `${context.issuer.name} is registered as ${context.issuer.kind.replace('_', ' ')}, not as an issuer.`, 'Publish from an organisation registered as an issuer (a platform admin registers issuers).');

const unalignedOutcomes = (d: AchievementDefinition): string[] => d.outcomes.filter((o) => o.escoSkills.length === 0).map((o) => o.id);

const frameworkRules: CheckRule[] = [
  {
    id: CHECK_IDS.relevance,
    name: 'Relevance to the labour market',
    essential: false,
    judge: (d, _c, e) => {
      const occupations = d.labourMarket.escoOccupations.length + d.noc.length;
      const partners = d.labourMarket.employerPartners.length;
      if (occupations > 0 && partners > 0) return met(`Serves ${occupations} occupation(s); ${partners} employer partner(s) consulted.`);
      return short(e, `${occupations} occupation(s) named, ${partners} employer partner(s) consulted.`, 'Name the ESCO occupations or NOC codes it serves and record the employer partners consulted, with dates.');
    },
  },
  {
    id: CHECK_IDS.verifiability,
    name: 'Verifiability',
    essential: false,
    judge: () => met('Credentials are issued as signed Open Badges 3.0 verifiable credentials with a revocation status list.'),
  },
  {
    id: CHECK_IDS.ownership,
    name: 'Learner ownership',
    essential: false,
    judge: () => met('Learners hold their credentials in their wallet and share them without asking the issuer.'),
  },
  {
    id: CHECK_IDS.extensibility,
    name: 'Extensibility (stacking)',
    essential: false,
    judge: (d, _c, e) =>
      (d.stackability?.pathways.length ?? 0) > 0
        ? met(`Stacks into: ${d.stackability!.pathways.join('; ')}.`)
        : short(e, 'No pathway is named.', 'Name the pathways or larger credentials this micro-credential counts towards.'),
  },
  { id: CHECK_IDS.issuingBody, name: 'Issuing body', essential: true, judge: (_d, c, e) => issuerVerdict(c, e) },
  {
    id: CHECK_IDS.competencyAlignment,
    name: 'Competency alignment (ESCO)',
    essential: true,
    judge: (d, _c, e) => {
      const unaligned = unalignedOutcomes(d);
      return unaligned.length === 0
        ? met(`Every outcome is aligned to ESCO skills (${new Set(d.outcomes.flatMap((o) => o.escoSkills.map((s) => s.uri))).size} distinct).`)
        : short(e, `Outcomes without an ESCO skill: ${unaligned.join(', ')}.`, 'Align each outcome to at least one ESCO skill.');
    },
  },
  {
    id: CHECK_IDS.outcomes,
    name: 'Focused learning outcomes',
    essential: true,
    judge: (d, _c, e) => {
      const n = d.outcomes.length;
      if (n >= OUTCOMES_RANGE.min && n <= OUTCOMES_RANGE.max) return met(`${n} outcomes, each tagged knowledge, skill or attitude.`);
      if (n > OUTCOMES_RANGE.max) return short(false, `${n} outcomes: more than a focused micro-credential usually has.`, `Keep ${OUTCOMES_RANGE.min}–${OUTCOMES_RANGE.max} outcomes, or split it into two micro-credentials.`);
      return short(e, `Only ${n} outcome(s).`, `State ${OUTCOMES_RANGE.min}–${OUTCOMES_RANGE.max} learning outcomes.`);
    },
  },
  {
    id: CHECK_IDS.summativeAssessment,
    name: 'Summative assessment with evidence',
    essential: true,
    judge: (d, _c, e) => {
      // A rubric with a performance criterion (src/assessment/rubrics refuses one without) makes the assessment performance-based.
      const performanceCriteria = (d.rubric?.criteria ?? []).filter((c) => c.kind === 'performance').length;
      const performanceBased = d.assessment.performanceBased || performanceCriteria > 0;
      const gaps = [...(performanceBased ? [] : ['it is not performance-based']), ...(d.evidenceRequirements.length > 0 ? [] : ['no evidence is required'])];
      const rubric = d.rubric ? `; rubric of ${d.rubric.criteria.length} criteria, ${performanceCriteria} performance-based` : '';
      return gaps.length === 0
        ? met(`${d.assessment.form}${rubric}; evidence: ${d.evidenceRequirements.join('; ')}.`)
        : short(e, `The assessment falls short: ${gaps.join(' and ')}.`, 'Assess by performance against the outcomes and list the evidence a learner submits.');
    },
  },
  {
    id: CHECK_IDS.transcriptable,
    name: 'Transcriptable (credit value)',
    essential: false,
    judge: (d, _c, e) =>
      d.credit.value > 0
        ? met(`${d.credit.value} ${d.credit.system === 'ECTS' ? 'ECTS' : 'institution'} credit(s).`)
        : short(e, 'No credit value.', 'State the credit value (ECTS or institution credits) so it can appear on a transcript.'),
  },
  {
    id: CHECK_IDS.partnerEndorsement,
    name: 'Industry partner endorsement',
    essential: false,
    judge: (_d, c, e) =>
      c.endorsementsCount > 0 ? met(`${c.endorsementsCount} endorsement(s) by industry partners.`) : short(e, 'Not endorsed yet.', 'Ask an industry partner to endorse this micro-credential.'),
  },
];

const always = (detail: string) => (): Verdict => met(detail);
const present = (value: unknown, detail: () => string, whatToDo: string) => (_d: AchievementDefinition, _c: ChecklistContext, e: boolean): Verdict =>
  value === undefined ? short(e, 'Not stated.', whatToDo) : met(detail());

const euRules: CheckRule[] = [
  { id: CHECK_IDS.euLearnerIdentification, name: 'Identification of the learner', essential: false, judge: always('Recorded in each credential when it is issued.') },
  { id: CHECK_IDS.euTitle, name: 'Title', essential: true, judge: (d) => met(d.title) },
  {
    id: CHECK_IDS.euIssuerCountry,
    name: 'Country/region of the issuer',
    essential: false,
    judge: (d, c, e) => present(d.issuerLocation, () => [d.issuerLocation!.region, d.issuerLocation!.country].filter(Boolean).join(', '), 'State the country (and region) of the issuer.')(d, c, e),
  },
  { id: CHECK_IDS.euAwardingBody, name: 'Awarding body', essential: true, judge: (_d, c, e) => issuerVerdict(c, e) },
  { id: CHECK_IDS.euDateOfIssue, name: 'Date of issuing', essential: false, judge: always('Recorded in each credential when it is issued.') },
  { id: CHECK_IDS.euLearningOutcomes, name: 'Learning outcomes', essential: true, judge: (d) => met(`${d.outcomes.length} outcome(s).`) },
  {
    id: CHECK_IDS.euWorkload,
    name: 'Notional workload (ECTS wherever possible)',
    essential: false,
    judge: (d, _c, e) =>
      d.credit.system === 'ECTS' && d.credit.value > 0
        ? met(`${d.notionalHours} hours, ${d.credit.value} ECTS.`)
        : short(e, `${d.notionalHours} hours, ${d.credit.value} ${d.credit.system} credit(s).`, 'Express the workload in ECTS credits where possible.'),
  },
  {
    id: CHECK_IDS.euLevel,
    name: 'Level (EQF)',
    essential: false,
    judge: (d, c, e) => present(d.eqfLevel, () => `EQF level ${d.eqfLevel}.`, 'State the EQF level of the learning.')(d, c, e),
  },
  { id: CHECK_IDS.euAssessmentType, name: 'Type of assessment', essential: true, judge: (d) => met(d.assessment.form) },
  { id: CHECK_IDS.euParticipationForm, name: 'Form of participation', essential: false, judge: (d) => met(d.deliveryModes.join(', ')) },
  {
    id: CHECK_IDS.euQualityAssurance,
    name: 'Type of quality assurance',
    essential: false,
    judge: (d, c, e) =>
      present(d.qualityAssurance, () => `${d.qualityAssurance!.method} (${d.qualityAssurance!.assuredBy}, ${d.qualityAssurance!.assuredOn}).`, 'Record who quality-assured it, how and when.')(d, c, e),
  },
  { id: CHECK_IDS.euPrerequisites, name: 'Prerequisites (optional element)', essential: false, judge: (d, c, e) => present(d.prerequisites, () => d.prerequisites!, 'State the prerequisites, or "None".')(d, c, e) },
  {
    id: CHECK_IDS.euSupervisionIdentity,
    name: 'Supervision and identity verification (optional element)',
    essential: false,
    judge: (d) => met(`${d.assessment.supervised ? 'Supervised' : 'Unsupervised'}, ${d.assessment.identityChecked ? 'with' : 'without'} identity verification.`),
  },
  {
    id: CHECK_IDS.euStackability,
    name: 'Integration/stackability options (optional element)',
    essential: false,
    judge: (d, _c, e) => ((d.stackability?.pathways.length ?? 0) > 0 ? met(d.stackability!.pathways.join('; ')) : short(e, 'Not stated.', 'Name the pathways it stacks into.')),
  },
  {
    id: CHECK_IDS.euValidity,
    name: 'Validity and review date',
    essential: false,
    judge: (d, c, e) =>
      present(d.validity, () => `${d.validity!.validForMonths === null ? 'Does not expire' : `Valid for ${d.validity!.validForMonths} months`}; review by ${d.validity!.reviewBy}.`, 'State how long it stays valid and when it will be reviewed.')(d, c, e),
  },
];

/** OSAP: micro-credentials between 5 and 300 hours and under 12 weeks long. */
export function osapEligibility(definition: Pick<AchievementDefinition, 'notionalHours' | 'durationWeeks'>): OsapEligibility {
  const rules = [
    { rule: `At least ${OSAP_RULE.minHours} hours`, met: definition.notionalHours >= OSAP_RULE.minHours },
    { rule: `At most ${OSAP_RULE.maxHours} hours`, met: definition.notionalHours <= OSAP_RULE.maxHours },
    { rule: `Under ${OSAP_RULE.weeksUnder} weeks long`, met: definition.durationWeeks < OSAP_RULE.weeksUnder },
  ];
  return { eligible: rules.every((r) => r.met), rules };
}

export function buildChecklist(definition: AchievementDefinition, context: ChecklistContext): Checklist {
  const judge = (group: ChecklistItem['group']) => (rule: CheckRule): ChecklistItem => ({
    id: rule.id,
    group,
    name: rule.name,
    essential: rule.essential,
    ...rule.judge(definition, context, rule.essential),
  });
  const items = [...frameworkRules.map(judge('framework')), ...euRules.map(judge('eu'))];
  return { items, publishable: items.every((item) => item.status !== 'missing'), osap: osapEligibility(definition) };
}

/** The essential elements a definition is missing: what stops it being published. */
export const blockingItems = (checklist: Checklist): ChecklistItem[] => checklist.items.filter((item) => item.status === 'missing');
