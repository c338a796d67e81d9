import { z } from 'zod';
import { prerequisiteCycles, requirementsOf, type PathwayRule } from './pathway-rules.js';
import { rulesInvalid, type RuleIssue } from './pathway.errors.js';
import { equivalenceInput, ruleInput, type PathwayDefinitionInput, type StoredPathwayDefinition, type StoredRequirement } from './pathway.schema.js';

/** A published achievement as a pathway definition sees it. */
export interface ConstituentAchievement {
  achievementId: string;
  organisationId: string;
  title: string;
  credits: number | null;
  /** The newest published version's id URL. */
  documentUrl: string;
}

export interface DefinitionContext {
  organisationId: string;
  findAchievement(achievementId: string): Promise<ConstituentAchievement | undefined>;
  /** A name for an Achievement known only by URL (a harvested offering), when this instance has one. */
  nameForUrl(url: string): Promise<string | undefined>;
}

const MAX_DEPTH = 6;
const MAX_REQUIREMENTS = 100;
/** `…/achievements/<slug>/versions/<n>` → `…/achievements/<slug>`: a requirement accepts every version. */
const unversioned = (url: string): string => url.replace(/\/versions\/\d+$/, '');
const pathOf = (segments: Array<string | number>): string => ['rules', ...segments].join('.');

/** Checks the nested rule tree node by node and resolves every achievement it names. */
async function resolveRule(raw: unknown, at: Array<string | number>, depth: number, ctx: DefinitionContext, issues: RuleIssue[]): Promise<PathwayRule | undefined> {
  const parsed = ruleInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ path: pathOf([...at, ...issue.path.map(String)]), message: issue.message });
    return undefined;
  }
  const node = parsed.data;
  if (node.kind !== 'achievement') {
    if (depth >= MAX_DEPTH) {
      issues.push({ path: pathOf(at), message: `rules nest at most ${MAX_DEPTH} deep` });
      return undefined;
    }
    const children: PathwayRule[] = [];
    for (const [index, child] of node.rules.entries()) {
      const resolved = await resolveRule(child, [...at, 'rules', index], depth + 1, ctx, issues);
      if (resolved) children.push(resolved);
    }
    if (node.kind === 'nOf' && node.n > node.rules.length) issues.push({ path: pathOf([...at, 'n']), message: `needs ${node.n} of only ${node.rules.length} parts` });
    const title = node.title ? { title: node.title } : {};
    if (node.kind === 'allOf') return { kind: 'allOf', ...title, rules: children };
    if (node.kind === 'nOf') return { kind: 'nOf', n: node.n, ...title, rules: children };
    return { kind: 'minCredits', credits: node.credits, ...title, rules: children };
  }
  const primary = await ctx.findAchievement(node.achievementId);
  if (!primary || primary.organisationId !== ctx.organisationId) {
    issues.push({ path: pathOf([...at, 'achievementId']), message: "is not a published achievement of this organisation (another organisation's goes in equivalents)" });
    return undefined;
  }
  const equivalents: StoredRequirement['equivalents'] = [];
  for (const [index, raw] of node.equivalents.entries()) {
    const equivalence = equivalenceInput.parse(raw);
    if ('achievementId' in equivalence) {
      const found = await ctx.findAchievement(equivalence.achievementId);
      if (!found) issues.push({ path: pathOf([...at, 'equivalents', index, 'achievementId']), message: 'is not a published achievement' });
      else equivalents.push({ achievementId: found.achievementId, achievementUrl: unversioned(found.documentUrl), title: found.title });
    } else {
      const url = unversioned(equivalence.achievementUrl);
      equivalents.push({ achievementUrl: url, title: (await ctx.nameForUrl(equivalence.achievementUrl)) ?? url });
    }
  }
  const requirement: StoredRequirement = {
    kind: 'achievement',
    id: node.id,
    title: primary.title,
    credits: primary.credits,
    accepts: [
      { achievementId: primary.achievementId, achievementUrl: unversioned(primary.documentUrl) },
      ...equivalents.map((e) => (e.achievementId ? { achievementId: e.achievementId, achievementUrl: e.achievementUrl } : { achievementUrl: e.achievementUrl })),
    ],
    after: node.after,
    documentUrl: primary.documentUrl,
    equivalents,
  };
  return requirement;
}

/** Rules that parse but could never work: repeated ids or achievements, unknown or circular prerequisites, unreachable credits. */
function structuralIssues(rule: PathwayRule): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const requirements = requirementsOf(rule);
  const ids = new Set<string>();
  const targets = new Map<string, string>();
  if (requirements.length > MAX_REQUIREMENTS) issues.push({ path: 'rules', message: `at most ${MAX_REQUIREMENTS} requirements` });
  for (const requirement of requirements) {
    if (ids.has(requirement.id)) issues.push({ path: `rules(${requirement.id})`, message: `requirement id "${requirement.id}" is used twice` });
    ids.add(requirement.id);
    // One credential must not count twice: each achievement belongs to one requirement.
    for (const target of requirement.accepts) {
      const key = target.achievementId ?? target.achievementUrl!;
      const owner = targets.get(key);
      if (owner && owner !== requirement.id) issues.push({ path: `rules(${requirement.id})`, message: `${target.achievementUrl ?? key} already counts for requirement "${owner}"` });
      targets.set(key, requirement.id);
    }
  }
  for (const requirement of requirements) {
    for (const prerequisite of requirement.after) {
      if (!ids.has(prerequisite)) issues.push({ path: `rules(${requirement.id}).after`, message: `names no requirement of this pathway: "${prerequisite}"` });
    }
  }
  const cycle = prerequisiteCycles(rule);
  if (cycle.length > 0) issues.push({ path: 'rules', message: `prerequisites go round in a circle: ${cycle.join(' → ')}` });
  const unreachable = (node: PathwayRule): void => {
    if (node.kind === 'achievement') return;
    if (node.kind === 'minCredits') {
      const available = requirementsOf(node).reduce((sum, r) => sum + (r.credits ?? 0), 0);
      if (available < node.credits) issues.push({ path: 'rules', message: `needs ${node.credits} credits but its requirements are worth ${available}` });
    }
    node.rules.forEach(unreachable);
  };
  unreachable(rule);
  return issues;
}

/** The stored form of a definition, or `pathways.rules_invalid` listing every problem. */
export async function resolveDefinition(input: PathwayDefinitionInput, ctx: DefinitionContext): Promise<StoredPathwayDefinition> {
  const issues: RuleIssue[] = [];
  const rules = await resolveRule(input.rules, [], 0, ctx, issues);
  if (rules) issues.push(...structuralIssues(rules));
  if (issues.length > 0 || !rules) throw rulesInvalid(issues);
  return { title: input.title, description: input.description, achievementType: input.achievementType, ...(input.criteria ? { criteria: input.criteria } : {}), rules };
}

/** The stored definition read back (written by resolveDefinition, so only its shape is trusted). */
export const storedDefinition = (value: Record<string, unknown>): StoredPathwayDefinition => z.custom<StoredPathwayDefinition>((v) => typeof v === 'object' && v !== null && 'rules' in v).parse(value);

/** Every target a version accepts, for the constituents index. */
export const constituentTargets = (definition: StoredPathwayDefinition): Array<{ achievementId: string | null; achievementUrl: string | null }> =>
  requirementsOf(definition.rules).flatMap((r) => r.accepts.map((t) => ({ achievementId: t.achievementId ?? null, achievementUrl: t.achievementId ? null : t.achievementUrl ?? null })));

/** The rules in words, for the Achievement's criteria narrative and the pages. */
export function describeRule(rule: PathwayRule, titles = new Map(requirementsOf(rule).map((r) => [r.id, r.title]))): string {
  if (rule.kind === 'achievement') {
    const stored = rule as StoredRequirement;
    const alternatives = stored.equivalents?.length ? ` (or an equivalent: ${stored.equivalents.map((e) => e.title).join('; ')})` : '';
    return `${rule.title}${alternatives}${rule.after.length > 0 ? `, earned after ${rule.after.map((id) => titles.get(id) ?? id).join(', ')}` : ''}`;
  }
  const parts = rule.rules.map((child) => describeRule(child, titles)).join('; ');
  if (rule.kind === 'allOf') return `all of: ${parts}`;
  if (rule.kind === 'nOf') return `any ${rule.n} of: ${parts}`;
  return `at least ${rule.credits} credits from: ${parts}`;
}
