import { achievementDefinitionSchema, DELIVERY_MODES, type AchievementDefinition, type Outcome } from '../src/catalog/achievement.schema.js';

/**
 * Deterministic, realistic catalogue offerings for the `catalogue` benchmark, built from the ESCO concepts
 * in the database: titles and outcomes from skill labels, descriptions from ESCO's own descriptions,
 * occupations, many providers of very different sizes, every delivery mode, languages, EQF levels, prices,
 * credits, on-demand and cohort starts. Every definition passes the product's schema.
 */

export interface EscoConcept {
  uri: string;
  label: string;
  altLabels: string[];
  description: string | null;
}

export interface Provider {
  slug: string;
  name: string;
  currency: string;
  language: string;
}

export interface Offering {
  provider: Provider;
  slug: string;
  definition: AchievementDefinition;
  publishedAt: Date;
  /** How many industry endorsements the offering has (most have none). */
  endorsements: number;
}

/** mulberry32: a small seeded generator, so the same seed makes the same catalogue on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Skewed towards the first items (popular skills, big providers), as real catalogues are. */
export const pickSkewed = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() ** 2.2 * items.length)]!;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const weighted = <T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T => {
  let r = random() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) if ((r -= weight) < 0) return value;
  return choices.at(-1)![0];
};

const PLACES = ['Northbridge', 'Lakeshore', 'Riverside', 'Eastgate', 'Westmount', 'Highland', 'Bayview', 'Stonebridge', 'Maplewood', 'Harbourside', 'Fairhaven', 'Glenmore', 'Kingsway', 'Silverton', 'Ashford', 'Brookfield', 'Cedar Vale', 'Oakridge', 'Pinecrest', 'Redwater'];
const KINDS = ['College', 'Polytechnic', 'University', 'Institute of Technology', 'Training Centre', 'Academy', 'School of Trades', 'Continuing Education', 'Skills Hub', 'Learning Collective'];
const LANGUAGES = [['en', 60], ['fr', 12], ['fr-CA', 6], ['de', 6], ['es', 6], ['nl', 4], ['it', 3], ['pt', 3]] as const;
const CURRENCIES = [['CAD', 45], ['EUR', 40], ['USD', 10], ['GBP', 5]] as const;

/** Providers of very different sizes: the first ones publish hundreds of offerings, the last a handful. */
export function generateProviders(random: Random, count: number): Provider[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${PLACES[i % PLACES.length]} ${KINDS[Math.floor(i / PLACES.length) % KINDS.length]}${i >= PLACES.length * KINDS.length ? ` ${Math.floor(i / (PLACES.length * KINDS.length)) + 1}` : ''}`;
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i}`.slice(0, 60).replace(/-+$/, '');
    return { slug, name, currency: weighted(random, CURRENCIES), language: weighted(random, LANGUAGES) };
  });
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const titleCase = (text: string): string => text.split(' ').map((word, i) => (i > 0 && ['and', 'or', 'of', 'in', 'the', 'to', 'for', 'a', 'with', 'on'].includes(word) ? word : capitalise(word))).join(' ');
const firstSentence = (text: string | null): string | null => {
  const sentence = text?.split(/(?<=\.)\s/)[0]?.trim();
  return sentence && sentence.length >= 20 ? sentence.slice(0, 600) : null;
};

const TITLES: Array<(a: string, b: string) => string> = [
  (a) => `${titleCase(a)} for the Workplace`,
  (a) => `Introduction to ${titleCase(a)}`,
  (a) => `Applied ${titleCase(a)}`,
  (a, b) => `${titleCase(a)} and ${titleCase(b)}`,
  (a) => `Certificate in ${titleCase(a)}`,
  (a) => `${titleCase(a)}: Practical Skills`,
  (a) => `Advanced ${titleCase(a)}`,
  (a, b) => `${titleCase(a)} with ${titleCase(b)}`,
];
const STATEMENTS: Array<(label: string) => string> = [
  (label) => `${capitalise(label)} reliably in a real workplace setting.`,
  (label) => `Explain when and how to ${label}, and the risks of doing it badly.`,
  (label) => `Demonstrate the ability to ${label} to the standard an employer expects.`,
  (label) => `Plan and carry out a task that requires one to ${label}, and review the result.`,
  (label) => `Show a professional attitude when asked to ${label} under time pressure.`,
];
const ASSESSMENTS = ['Supervised practical task marked against a rubric', 'Portfolio of workplace evidence with a professional discussion', 'Online proctored test and a short project', 'Observed performance in the workplace'];

function outcomesFor(random: Random, skills: EscoConcept[]): Outcome[] {
  return skills.map((skill, i) => ({
    id: `o${i + 1}`,
    statement: pick(random, STATEMENTS)(skill.label),
    kind: pick(random, ['knowledge', 'skill', 'attitude'] as const),
    escoSkills: [{ uri: skill.uri, label: skill.label }],
  }));
}

function startDatesFor(random: Random, today: Date): AchievementDefinition['startDates'] {
  if (random() < 0.4) return { kind: 'on-demand' };
  const day = 86_400_000;
  const starts = new Set<string>();
  // Cohorts from two months ago (older offerings) to a year ahead.
  const count = between(random, 1, 4);
  while (starts.size < count) starts.add(new Date(today.getTime() + between(random, -60, 400) * day).toISOString().slice(0, 10));
  return { kind: 'cohorts', cohorts: [...starts].sort().map((startsOn) => ({ startsOn, capacity: between(random, 10, 60) })) };
}

function priceFor(random: Random): number {
  if (random() < 0.12) return 0;
  // Roughly log-uniform from 25 to 4,000, rounded as price lists are.
  const amount = Math.exp(Math.log(25) + random() * (Math.log(4000) - Math.log(25)));
  return amount < 100 ? Math.round(amount) : Math.round(amount / 10) * 10 - 1;
}

/** One offering's definition; `skills` are the ESCO skills its outcomes align to (the first one is its topic). */
function definitionFor(random: Random, provider: Provider, skills: EscoConcept[], occupations: EscoConcept[], today: Date): AchievementDefinition {
  const [topic, second] = [skills[0]!, skills[1] ?? skills[0]!];
  const hours = pick(random, [6, 10, 15, 20, 30, 40, 60, 90, 120]);
  const ects = random() < 0.7;
  const about = firstSentence(topic.description) ?? `Learners practise how to ${topic.label} and how to ${second.label}.`;
  const definition = {
    title: pick(random, TITLES)(topic.label, second.label).slice(0, 200),
    description: `A ${hours}-hour micro-credential from ${provider.name}. ${about}`,
    criteria: `Pass the summative assessment with every outcome at "competent" or better.`,
    outcomes: outcomesFor(random, skills),
    assessment: { form: pick(random, ASSESSMENTS), performanceBased: random() < 0.8, supervised: random() < 0.6, identityChecked: random() < 0.7 },
    evidenceRequirements: ['Assessed work product', 'Assessor record'],
    notionalHours: hours,
    durationWeeks: Math.max(1, Math.min(104, Math.round(hours / between(random, 3, 10)))),
    credit: ects ? { value: pick(random, [0, 0.5, 1, 1, 2, 3, 4, 5, 6]), system: 'ECTS' as const } : { value: pick(random, [1, 2, 3, 4, 6, 10]), system: 'institution' as const },
    ...(random() < 0.9 ? { eqfLevel: weighted(random, [[2, 5], [3, 10], [4, 25], [5, 25], [6, 20], [7, 10], [8, 2]] as const) } : {}),
    noc: [],
    language: random() < 0.85 ? provider.language : weighted(random, LANGUAGES),
    deliveryModes: [...new Set([pick(random, DELIVERY_MODES), ...(random() < 0.35 ? [pick(random, DELIVERY_MODES)] : [])])],
    price: { amount: priceFor(random), currency: provider.currency },
    startDates: startDatesFor(random, today),
    assessmentOnlyRoute: random() < 0.3,
    labourMarket: { escoOccupations: occupations.map((o) => ({ uri: o.uri, label: o.label })), employerPartners: [] },
  };
  return achievementDefinitionSchema.parse(definition);
}

/**
 * `count` offerings over `providers`, aligned to `skills` and `occupations` (each skewed so some topics and
 * providers are far more common than others, as in real catalogues). Slugs are unique per provider.
 */
export function generateOfferings(options: { random: Random; count: number; providers: Provider[]; skills: EscoConcept[]; occupations: EscoConcept[]; today: Date }): Offering[] {
  const { random, providers, skills, occupations, today } = options;
  const slugs = new Set<string>();
  const offerings: Offering[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const provider = pickSkewed(random, providers);
    const chosen = new Map<string, EscoConcept>();
    const outcomeCount = between(random, 1, 4);
    while (chosen.size < outcomeCount) {
      const skill = chosen.size === 0 ? pickSkewed(random, skills) : pick(random, skills);
      chosen.set(skill.uri, skill);
    }
    const jobs = new Map<string, EscoConcept>();
    const jobCount = weighted(random, [[0, 15], [1, 50], [2, 25], [3, 10]] as const);
    while (jobs.size < jobCount) {
      const job = pickSkewed(random, occupations);
      jobs.set(job.uri, job);
    }
    const definition = definitionFor(random, provider, [...chosen.values()], [...jobs.values()], today);
    const base = definition.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-+$/, '');
    let slug = base;
    for (let n = 2; slugs.has(`${provider.slug}/${slug}`); n += 1) slug = `${base}-${n}`;
    slugs.add(`${provider.slug}/${slug}`);
    const publishedAt = new Date(today.getTime() - between(random, 1, 3 * 365) * 86_400_000);
    offerings.push({ provider, slug, definition, publishedAt, endorsements: random() < 0.08 ? between(random, 1, 2) : 0 });
  }
  return offerings;
}
