import { achievementSchemaErrors, OB_ACHIEVEMENT_CONTEXT } from '../catalog/achievement.document.js';
import { organisationDid } from '../credentials/dids/did-web.js';
import { AppError } from '../errors.js';
import { describeRule } from './pathway-definition.js';
import { requirementsOf } from './pathway-rules.js';
import type { PathwayOrganisation } from './pathway.repository.js';
import type { StoredPathwayDefinition, StoredRequirement } from './pathway.schema.js';

/** `${publicUrl}/orgs/{org}/pathways/{slug}`, and with `/versions/{n}` the id of one version's Achievement. */
export const pathwayUrl = (publicUrl: string, organisationSlug: string, slug: string, version?: number): string =>
  `${publicUrl}/orgs/${encodeURIComponent(organisationSlug)}/pathways/${encodeURIComponent(slug)}${version === undefined ? '' : `/versions/${version}`}`;

/**
 * The OB 3.0 Achievement a published pathway version is, served at its id URL and embedded in the
 * pathway credential. Its constituents are `related` achievements (OB 3.0 `Related`: "identifies a
 * related achievement"), and its criteria state the rules in words.
 */
export function buildPathwayDocument(input: { publicUrl: string; organisation: PathwayOrganisation; slug: string; version: number; definition: StoredPathwayDefinition; relatedUrls: string[] }): Record<string, unknown> {
  const { publicUrl, organisation, definition } = input;
  const id = pathwayUrl(publicUrl, organisation.slug, input.slug, input.version);
  const narrative = `Earn ${describeRule(definition.rules)}.${definition.criteria ? `\n\n${definition.criteria}` : ''}`;
  const document: Record<string, unknown> = {
    '@context': [...OB_ACHIEVEMENT_CONTEXT],
    id,
    type: ['Achievement'],
    achievementType: definition.achievementType,
    name: definition.title,
    description: definition.description,
    criteria: { id: `${id}#criteria`, narrative },
    humanCode: input.slug,
    version: String(input.version),
    creator: {
      id: organisationDid({ publicUrl, slug: organisation.slug }),
      type: ['Profile'],
      name: organisation.name,
      ...(organisation.url ? { url: organisation.url } : {}),
      ...(organisation.description ? { description: organisation.description } : {}),
    },
    related: [
      ...input.relatedUrls.map((url) => ({ id: url, type: ['Related'] })),
      ...(input.version > 1 ? [{ id: pathwayUrl(publicUrl, organisation.slug, input.slug, input.version - 1), type: ['Related'], version: String(input.version - 1) }] : []),
    ],
    tag: ['pathway'],
  };
  const errors = achievementSchemaErrors(document);
  // Refuse to serve or issue what the official schema rejects (a bug, never the caller's input).
  if (errors.length > 0) throw new AppError({ code: 'pathways.document_invalid', status: 500, title: 'Pathway document invalid', detail: errors.map((e) => `${e.instancePath}: ${e.message}`).join('; '), reportable: true });
  return document;
}

/**
 * The document of a version, its constituents' URLs looked up now (the newest published version of each
 * requirement's achievement), so a changed public URL or a demo seeded without one still links right.
 */
export async function pathwayDocumentFor(
  deps: { publicUrl: string; issuableAchievement: (achievementId: string) => Promise<{ document: Record<string, unknown> } | undefined> },
  pathway: { slug: string; organisation: PathwayOrganisation },
  version: { version: number; definition: StoredPathwayDefinition },
): Promise<Record<string, unknown>> {
  const requirements = requirementsOf(version.definition.rules) as StoredRequirement[];
  const relatedUrls = await Promise.all(
    requirements.map(async (r) => {
      const primary = r.accepts[0]?.achievementId;
      const found = primary ? await deps.issuableAchievement(primary).catch(() => undefined) : undefined;
      return found ? String(found.document.id) : (r.documentUrl ?? r.accepts[0]?.achievementUrl ?? '');
    }),
  );
  return buildPathwayDocument({ publicUrl: deps.publicUrl, organisation: pathway.organisation, slug: pathway.slug, version: version.version, definition: version.definition, relatedUrls: relatedUrls.filter((u) => u !== '') });
}
