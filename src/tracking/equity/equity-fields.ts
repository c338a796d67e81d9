/**
 * The equity fields an organisation may choose to collect (issue #7, item 3): a fixed, documented set,
 * each a self-declared, optional question with standard answers that always include "prefer not to say".
 * A fixed set (not free-form questions) keeps answers comparable across organisations in the open data
 * and keeps anyone from asking something a learner could be identified by.
 *
 * Where the categories come from (Canadian standards, as the framework Tessera follows is Ontario's):
 * - gender identity: Statistics Canada, "Gender of person" classification (2021 Census: man, woman,
 *   non-binary person), with "another gender" for anyone none of those describes.
 * - age band: Statistics Canada's standard age groups (under 25, then 10-year bands, 55 and over merged,
 *   as the Labour Force Survey's "55 years and over"), wide enough that a band rarely holds one person.
 * - disability: the Employment Equity Act's designated group "persons with disabilities" and the
 *   Accessible Canada Act's self-identification; yes/no only, never the kind of disability.
 * - Indigenous identity: Statistics Canada, "Indigenous identity" (First Nations, Métis, Inuk (Inuit)),
 *   with "more than one" as the Census allows several.
 * - first-generation student: neither parent or guardian completed a post-secondary credential, the
 *   definition used in Canadian post-secondary research (e.g. HEQCO).
 * - immigration status: Statistics Canada, "Immigrant status and period of immigration" (non-immigrant,
 *   immigrant, non-permanent resident), immigrants split at five years, IRCC's meaning of "newcomer".
 *
 * Keys are stable (stored, published in the open data); labels may be reworded.
 */

export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';
/** Not an answer a learner gives: how the aggregates count people who declared nothing for a field. */
export const NOT_DECLARED = 'not_declared';

export interface EquityOption {
  key: string;
  label: string;
}

export interface EquityField {
  key: string;
  label: string;
  /** The question as the learner reads it. */
  question: string;
  /** Why an organisation asks it: shown to learners beside the question. */
  purpose: string;
  /** The answers a learner may give, "prefer not to say" last. */
  options: readonly EquityOption[];
}

const preferNotToSay: EquityOption = { key: PREFER_NOT_TO_SAY, label: 'Prefer not to say' };

export const EQUITY_FIELDS = [
  {
    key: 'gender_identity',
    label: 'Gender identity',
    question: 'What is your gender?',
    purpose: 'To see whether people of every gender enrol, pass and earn credentials at similar rates.',
    options: [
      { key: 'woman', label: 'Woman' },
      { key: 'man', label: 'Man' },
      { key: 'non_binary', label: 'Non-binary person' },
      { key: 'another_gender', label: 'Another gender' },
      preferNotToSay,
    ],
  },
  {
    key: 'age_band',
    label: 'Age band',
    question: 'How old are you?',
    purpose: 'To see whether micro-credentials reach learners at every stage of working life.',
    options: [
      { key: 'under_25', label: 'Under 25' },
      { key: '25_34', label: '25 to 34' },
      { key: '35_44', label: '35 to 44' },
      { key: '45_54', label: '45 to 54' },
      { key: '55_plus', label: '55 and over' },
      preferNotToSay,
    ],
  },
  {
    key: 'disability',
    label: 'Disability',
    question: 'Do you identify as a person with a disability?',
    purpose: 'To check that assessment and delivery are accessible: similar pass rates whatever the answer.',
    options: [
      { key: 'yes', label: 'Yes' },
      { key: 'no', label: 'No' },
      preferNotToSay,
    ],
  },
  {
    key: 'indigenous_identity',
    label: 'Indigenous identity',
    question: 'Are you First Nations, Métis or Inuk (Inuit)?',
    purpose: 'To follow participation and success of Indigenous learners, as reconciliation commitments ask.',
    options: [
      { key: 'first_nations', label: 'First Nations' },
      { key: 'metis', label: 'Métis' },
      { key: 'inuit', label: 'Inuk (Inuit)' },
      { key: 'more_than_one', label: 'More than one of these' },
      { key: 'not_indigenous', label: 'No, not Indigenous' },
      preferNotToSay,
    ],
  },
  {
    key: 'first_generation',
    label: 'First-generation student',
    question: 'Did a parent or guardian of yours complete a college or university credential?',
    purpose: 'To see whether learners who are first in their family in post-secondary education take up and complete micro-credentials.',
    options: [
      { key: 'first_generation', label: 'No: I am the first in my family' },
      { key: 'not_first_generation', label: 'Yes, a parent or guardian did' },
      { key: 'unsure', label: 'I am not sure' },
      preferNotToSay,
    ],
  },
  {
    key: 'immigration_status',
    label: 'Immigration status',
    question: 'Which describes you?',
    purpose: 'To see whether newcomers use micro-credentials to have their skills recognised.',
    options: [
      { key: 'non_immigrant', label: 'Born a Canadian citizen' },
      { key: 'immigrant_recent', label: 'Immigrated in the last 5 years' },
      { key: 'immigrant_earlier', label: 'Immigrated more than 5 years ago' },
      { key: 'non_permanent_resident', label: 'Here on a study or work permit, or as a refugee claimant' },
      preferNotToSay,
    ],
  },
] as const satisfies readonly EquityField[];

export type EquityFieldKey = (typeof EQUITY_FIELDS)[number]['key'];
export const EQUITY_FIELD_KEYS = EQUITY_FIELDS.map((f) => f.key) as EquityFieldKey[];

const byKey = new Map<string, EquityField>(EQUITY_FIELDS.map((f) => [f.key, f]));

export const equityField = (key: string): EquityField | undefined => byKey.get(key);

/** The categories of a field in the aggregates: its answers, then the people who declared nothing. */
export const aggregateAnswers = (field: EquityField): string[] => [...field.options.map((o) => o.key), NOT_DECLARED];

/** A field as the API describes it (a plain copy, options included). */
export const fieldView = (field: EquityField): Omit<EquityField, 'options'> & { options: EquityOption[] } => ({ key: field.key, label: field.label, question: field.question, purpose: field.purpose, options: field.options.map((o) => ({ ...o })) });
