import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { StoredPathwayDefinition, StoredRequirement } from '../pathways/pathway.schema.js';
import { constituentTargets } from '../pathways/pathway-definition.js';
import { recordEvent } from '../tracking/event-log.js';

/**
 * The demo pathway: Northbridge's two demo micro-credentials make a certificate. Stored as the pathways
 * service stores a definition; the constituents' URLs are looked up when its document is built, so the
 * seed needs no public URL.
 */
export async function seedDemoPathway(trx: Transaction<Database>, organisationId: string, parts: Array<{ id: string; title: string; credits: number | null }>): Promise<void> {
  // A pathway needs parts; a demo without its micro-credentials gets no pathway rather than a broken one.
  if (parts.length === 0) return;
  const requirements: StoredRequirement[] = parts.map((part, index) => ({
    kind: 'achievement',
    id: `part-${index + 1}`,
    title: part.title,
    credits: part.credits,
    accepts: [{ achievementId: part.id }],
    after: [],
    equivalents: [],
  }));
  const definition: StoredPathwayDefinition = {
    title: 'Certificate in Manufacturing Data and Safety',
    description: 'A short certificate for production-floor team members: analyse spreadsheet data and work safely, each proven by a micro-credential.',
    achievementType: 'Certificate',
    rules: { kind: 'allOf', rules: requirements },
  };
  const { id: pathwayId } = await trx.insertInto('pathways').values({ organisation_id: organisationId, slug: 'manufacturing-data-and-safety' }).returning('id').executeTakeFirstOrThrow();
  const { id: versionId } = await trx
    .insertInto('pathway_versions')
    .values({ pathway_id: pathwayId, version: 1, status: 'published', definition: JSON.stringify(definition), published_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('pathway_constituents').values(constituentTargets(definition).map((t) => ({ pathway_version_id: versionId, achievement_id: t.achievementId, achievement_url: t.achievementUrl }))).execute();
  await recordEvent(trx, { type: 'pathway.published', organisationId, subjectType: 'pathway', subjectId: pathwayId, payload: { version: 1, demo: true } });
}
