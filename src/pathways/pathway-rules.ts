/**
 * The pathway rule engine: pure, no I/O. Given a rule tree and the credentials a learner holds, says
 * whether the pathway is complete and, per requirement, what is met and what remains.
 *
 * Every rule is monotonic: holding more credentials never un-meets a requirement (property-tested). That
 * is what lets an award stand whatever is revoked or re-evaluated later, and what makes "still needed" a
 * promise: earning what it lists completes the requirement.
 */

/** A credential the learner holds, as the engine needs it. */
export interface HeldCredential {
  credentialId: string;
  /** The Tessera achievement (any version) when issued here; null for one known only by URL. */
  achievementId: string | null;
  /** The Achievement's `id` URL as the credential states it (a version's URL). */
  achievementUrl: string;
  issuedAt: Date;
  /** The achievement's `creditsAvailable`, when it states one. */
  credits: number | null;
}

/** What satisfies a requirement: a Tessera achievement (any version), or an Achievement id URL. */
export type RequirementTarget = { achievementId: string; achievementUrl?: string } | { achievementId?: undefined; achievementUrl: string };

export interface AchievementRequirement {
  kind: 'achievement';
  /** Unique within the pathway; prerequisites name requirements by it. */
  id: string;
  title: string;
  /** Credits this requirement is worth; null takes the credits of the credential that meets it. */
  credits: number | null;
  /** The requirement's own achievement first, then the equivalences the issuer recognises. */
  accepts: RequirementTarget[];
  /** Requirements whose credential must have been earned strictly before this one's. */
  after: string[];
}

export type PathwayRule =
  | AchievementRequirement
  | { kind: 'allOf'; title?: string; rules: PathwayRule[] }
  | { kind: 'nOf'; n: number; title?: string; rules: PathwayRule[] }
  | { kind: 'minCredits'; credits: number; title?: string; rules: PathwayRule[] };

export interface RequirementProgress {
  kind: 'achievement';
  id: string;
  title: string;
  met: boolean;
  /** The credential that counts (the earliest that does), and whether it is an equivalence. */
  metBy: { credentialId: string; achievementUrl: string; issuedAt: Date; equivalent: boolean } | null;
  credits: number;
  /** Prerequisites not yet earned before a credential of this requirement (titles). */
  waitingFor: string[];
}

export interface GroupProgress {
  kind: 'allOf' | 'nOf' | 'minCredits';
  title: string | null;
  met: boolean;
  /** Parts met (credits for minCredits), capped at what is needed. */
  done: number;
  needed: number;
  /** Credits of met requirements under this group. */
  earnedCredits: number;
  /** Titles of requirements under this group not met yet. */
  remaining: string[];
  summary: string;
  children: NodeProgress[];
}

export type NodeProgress = RequirementProgress | GroupProgress;

export interface PathwayEvaluation {
  satisfied: boolean;
  done: number;
  needed: number;
  summary: string;
  root: NodeProgress;
  /** The credentials that count toward the pathway (its constituents), in the order met. */
  counted: Array<{ requirementId: string; credentialId: string; achievementUrl: string }>;
}

/** Every achievement requirement in the tree, depth first. */
export const requirementsOf = (rule: PathwayRule): AchievementRequirement[] =>
  rule.kind === 'achievement' ? [rule] : rule.rules.flatMap(requirementsOf);

/** A held credential matches a target by Tessera achievement id, or by URL (exactly, or any version of it). */
export const matchesTarget = (held: HeldCredential, target: RequirementTarget): boolean => {
  if (target.achievementId !== undefined && held.achievementId === target.achievementId) return true;
  if (target.achievementUrl === undefined) return false;
  return held.achievementUrl === target.achievementUrl || held.achievementUrl.startsWith(`${target.achievementUrl}/versions/`);
};

/** Requirement ids whose prerequisites form a cycle (such a requirement could never be met). */
export function prerequisiteCycles(rule: PathwayRule): string[] {
  const byId = new Map(requirementsOf(rule).map((r) => [r.id, r]));
  const inCycle = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (path.includes(id)) {
      path.slice(path.indexOf(id)).forEach((p) => inCycle.add(p));
      return;
    }
    for (const next of byId.get(id)?.after ?? []) visit(next, [...path, id]);
  };
  for (const id of byId.keys()) visit(id, []);
  return [...inCycle];
}

interface Counted {
  held: HeldCredential;
  equivalent: boolean;
  credits: number;
}

/** Works out, once per requirement, the earliest credential that counts for it (respecting order). */
function countedCredentials(rule: PathwayRule, held: readonly HeldCredential[]): Map<string, Counted | null> {
  const requirements = new Map(requirementsOf(rule).map((r) => [r.id, r]));
  const memo = new Map<string, Counted | null>();
  const resolving = new Set<string>();
  const resolve = (id: string): Counted | null => {
    if (memo.has(id)) return memo.get(id)!;
    const requirement = requirements.get(id);
    // An unknown prerequisite, or a cycle (refused when a pathway is defined), can never be met.
    if (!requirement || resolving.has(id)) return null;
    resolving.add(id);
    const prerequisites = requirement.after.map(resolve);
    resolving.delete(id);
    const candidates = held
      .filter((h) => requirement.accepts.some((target) => matchesTarget(h, target)))
      .filter((h) => prerequisites.every((p) => p !== null && p.held.issuedAt.getTime() < h.issuedAt.getTime()))
      .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.credentialId.localeCompare(b.credentialId));
    const first = candidates[0];
    // Credits are the requirement's own, or the most any counting credential states: a maximum over a
    // growing set, so earning another credential never lowers the sum.
    const credits = requirement.credits ?? Math.max(0, ...candidates.map((c) => c.credits ?? 0));
    const result = first ? { held: first, equivalent: !matchesTarget(first, requirement.accepts[0]!), credits } : null;
    memo.set(id, result);
    return result;
  };
  for (const id of requirements.keys()) resolve(id);
  return memo;
}

const formatCredits = (value: number): string => String(Math.round(value * 100) / 100);

function evaluateNode(rule: PathwayRule, counted: Map<string, Counted | null>, titles: Map<string, string>): NodeProgress {
  if (rule.kind === 'achievement') {
    const found = counted.get(rule.id) ?? null;
    return {
      kind: 'achievement',
      id: rule.id,
      title: rule.title,
      met: found !== null,
      metBy: found ? { credentialId: found.held.credentialId, achievementUrl: found.held.achievementUrl, issuedAt: found.held.issuedAt, equivalent: found.equivalent } : null,
      credits: found?.credits ?? rule.credits ?? 0,
      waitingFor: found ? [] : rule.after.filter((p) => !counted.get(p)).map((p) => titles.get(p) ?? p),
    };
  }
  const children = rule.rules.map((child) => evaluateNode(child, counted, titles));
  const metChildren = children.filter((c) => c.met).length;
  const leaves = requirementsOf(rule);
  const earnedCredits = leaves.reduce((sum, leaf) => sum + (counted.get(leaf.id)?.credits ?? 0), 0);
  const remaining = leaves.filter((leaf) => !counted.get(leaf.id)).map((leaf) => leaf.title);
  const needed = rule.kind === 'allOf' ? children.length : rule.kind === 'nOf' ? rule.n : rule.credits;
  const progress = rule.kind === 'minCredits' ? earnedCredits : metChildren;
  const met = progress >= needed;
  const done = Math.min(progress, needed);
  const unit = rule.kind === 'minCredits' ? ' credits' : '';
  const summary = met
    ? `${formatCredits(done)} of ${formatCredits(needed)}${unit} done`
    : `${formatCredits(done)} of ${formatCredits(needed)}${unit} done; still needed${rule.kind === 'allOf' ? '' : rule.kind === 'nOf' ? ` (${needed - done} of them)` : ` (${formatCredits(needed - done)} credits from)`}: ${remaining.join(', ')}`;
  return { kind: rule.kind, title: rule.title ?? null, met, done, needed, earnedCredits, remaining, summary, children };
}

/** Evaluates a pathway's rules against the credentials a learner holds. */
export function evaluatePathway(rule: PathwayRule, held: readonly HeldCredential[]): PathwayEvaluation {
  const counted = countedCredentials(rule, held);
  const titles = new Map(requirementsOf(rule).map((r) => [r.id, r.title]));
  const root = evaluateNode(rule, counted, titles);
  const countedList = requirementsOf(rule).flatMap((r) => {
    const found = counted.get(r.id);
    return found ? [{ requirementId: r.id, credentialId: found.held.credentialId, achievementUrl: found.held.achievementUrl, at: found.held.issuedAt.getTime() }] : [];
  });
  countedList.sort((a, b) => a.at - b.at);
  const [done, needed, summary] =
    root.kind === 'achievement' ? [root.met ? 1 : 0, 1, root.met ? '1 of 1 done' : `0 of 1 done; still needed: ${root.title}`] : [root.done, root.needed, root.summary];
  return { satisfied: root.met, done, needed, summary, root, counted: countedList.map(({ at: _at, ...rest }) => rest) };
}
