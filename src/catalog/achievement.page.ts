import type { AchievementVersionStatus } from './achievement.tables.js';
import type { AchievementDefinition } from './achievement.schema.js';
import { achievementUrl } from './achievement.document.js';

/**
 * The page people see at an achievement's URL: server-rendered, no script, readable by screen readers
 * (one h1, landmarks, real lists and a description list). Every value an issuer typed passes through
 * `escapeHtml`: definitions are written by organisation admins and read by anyone.
 */
export interface AchievementPageInput {
  publicUrl: string;
  organisation: { slug: string; name: string };
  achievementSlug: string;
  version: number;
  status: AchievementVersionStatus;
  publishedAt: Date | null;
  definition: AchievementDefinition;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string | number): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const list = (items: string[]): string => (items.length === 0 ? '<p>None stated.</p>' : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
const fact = (term: string, value: string | undefined): string => (value === undefined ? '' : `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`);
const link = (href: string, text: string): string => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a}
dt{font-weight:600}dd{margin:0 0 .5rem}.notice{border-left:4px solid #b45309;padding:.5rem 1rem;background:#fef3c7}a{color:#1d4ed8}`;

const facts = (d: AchievementDefinition): string => {
  const startDates = d.startDates.kind === 'on-demand' ? 'On demand' : d.startDates.cohorts.map((c) => escapeHtml(c.startsOn)).join(', ');
  return `<dl>${[
    fact('Notional learning hours', escapeHtml(d.notionalHours)),
    fact('Duration', `${escapeHtml(d.durationWeeks)} week(s)`),
    fact('Credit', `${escapeHtml(d.credit.value)} ${d.credit.system === 'ECTS' ? 'ECTS' : 'institution credit(s)'}`),
    fact('EQF level', d.eqfLevel === undefined ? undefined : escapeHtml(d.eqfLevel)),
    fact('Ontario Qualifications Framework', d.oqfCategory && escapeHtml(d.oqfCategory)),
    fact('NOC 2021', d.noc.length === 0 ? undefined : d.noc.map((n) => `${escapeHtml(n.code)} ${escapeHtml(n.title)}`).join('; ')),
    fact('CIP 2021', d.cip && `${escapeHtml(d.cip.code)} ${escapeHtml(d.cip.title)}`),
    fact('Field of study', d.fieldOfStudy && escapeHtml(d.fieldOfStudy)),
    fact('Language', escapeHtml(d.language)),
    fact('Delivery', escapeHtml(d.deliveryModes.join(', '))),
    fact('Price', `${escapeHtml(d.price.amount)} ${escapeHtml(d.price.currency)}`),
    fact('Starts', startDates),
    fact('Assessment-only route', d.assessmentOnlyRoute ? 'Yes' : 'No'),
    fact('Prerequisites', d.prerequisites && escapeHtml(d.prerequisites)),
    fact('Validity', d.validity && escapeHtml(`${d.validity.validForMonths === null ? 'Does not expire' : `${d.validity.validForMonths} months`}; review by ${d.validity.reviewBy}`)),
    fact('Quality assurance', d.qualityAssurance && escapeHtml(`${d.qualityAssurance.method} (${d.qualityAssurance.assuredBy}, ${d.qualityAssurance.assuredOn})`)),
  ].join('')}</dl>`;
};

const outcomes = (d: AchievementDefinition): string =>
  `<ol>${d.outcomes
    .map((o) => {
      const skills = o.escoSkills.map((s) => link(s.uri, s.label)).join(', ');
      return `<li id="outcome-${escapeHtml(o.id)}"><p>${escapeHtml(o.statement)} <span>(${escapeHtml(o.kind)})</span></p>${skills ? `<p>ESCO: ${skills}</p>` : ''}</li>`;
    })
    .join('')}</ol>`;

const assessment = (d: AchievementDefinition): string => {
  const a = d.assessment;
  const how = `${a.performanceBased ? 'Performance-based' : 'Not performance-based'}; ${a.supervised ? 'supervised' : 'unsupervised'}; identity ${a.identityChecked ? 'checked' : 'not checked'}.`;
  return `<p>${escapeHtml(a.form)}</p><p>${escapeHtml(how)}</p><h3>Evidence</h3>${list(d.evidenceRequirements.map(escapeHtml))}`;
};

const labourMarket = (d: AchievementDefinition): string =>
  `<h3>Occupations</h3>${list(d.labourMarket.escoOccupations.map((o) => link(o.uri, o.label)))}<h3>Employer partners consulted</h3>${list(
    d.labourMarket.employerPartners.map((p) => `${escapeHtml(p.name)} (${escapeHtml(p.consultedOn)})`),
  )}${d.stackability ? `<h3>Stacks into</h3>${list(d.stackability.pathways.map(escapeHtml))}` : ''}`;

export function renderAchievementPage(input: AchievementPageInput): string {
  const d = input.definition;
  const id = achievementUrl(input.publicUrl, input.organisation.slug, input.achievementSlug, input.version);
  const retired = input.status === 'retired' ? '<p class="notice" role="note">This micro-credential has been retired: it is no longer offered. Credentials already issued for it remain valid.</p>' : '';
  const published = input.publishedAt ? ` · published ${escapeHtml(input.publishedAt.toISOString().slice(0, 10))}` : '';
  return `<!doctype html>
<html lang="${escapeHtml(d.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(d.title)} · ${escapeHtml(input.organisation.name)}</title>
<link rel="alternate" type="application/ld+json" href="${escapeHtml(id)}">
<style>${STYLE}</style>
</head>
<body>
<header><p>Micro-credential issued by ${escapeHtml(input.organisation.name)}</p></header>
<main>
<h1>${escapeHtml(d.title)}</h1>
<p>Version ${escapeHtml(input.version)}${published}${d.humanCode ? ` · ${escapeHtml(d.humanCode)}` : ''}</p>
${retired}
<p>${escapeHtml(d.description)}</p>
<section aria-labelledby="criteria"><h2 id="criteria">How to earn it</h2><p>${escapeHtml(d.criteria)}</p></section>
<section aria-labelledby="outcomes"><h2 id="outcomes">Learning outcomes</h2>${outcomes(d)}</section>
<section aria-labelledby="assessment"><h2 id="assessment">Assessment</h2>${assessment(d)}</section>
<section aria-labelledby="facts"><h2 id="facts">Key facts</h2>${facts(d)}</section>
<section aria-labelledby="relevance"><h2 id="relevance">Labour-market relevance</h2>${labourMarket(d)}</section>
</main>
<footer><p>Machine-readable: <a href="${escapeHtml(id)}" type="application/ld+json">Open Badges 3.0 Achievement</a></p></footer>
</body>
</html>
`;
}
