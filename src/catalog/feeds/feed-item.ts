import { CONTEXT_URLS } from '../../credentials/index.js';
import { achievementUrl, buildCheckedAchievementDocument } from '../achievement.document.js';
import type { AchievementOrganisation } from '../achievement.repository.js';
import type { AchievementDefinition } from '../achievement.schema.js';

/**
 * One catalogue feed item: a small Verifiable Credential by which the issuing organisation states "this
 * micro-credential is (or is no longer) on offer, on these terms". Each item is signed by its own issuer's
 * key rather than the page by a platform key, so a harvester trusts an item because of who issued the
 * achievement, not because of which server relayed it: a feed can be mirrored, and one instance cannot
 * speak for an organisation it does not hold the keys of.
 */
export const FEED_ITEM_TYPE = 'CatalogueEntryCredential';
export const FEED_ENTRY_TYPE = 'CatalogueEntry';
export const FEED_ITEM_STATUSES = ['active', 'withdrawn'] as const;
export type FeedItemStatus = (typeof FEED_ITEM_STATUSES)[number];

export interface FeedItemInput {
  publicUrl: string;
  organisation: Pick<AchievementOrganisation, 'slug' | 'name' | 'url' | 'description'>;
  issuerDid: string;
  achievementSlug: string;
  version: number;
  definition: AchievementDefinition;
  status: FeedItemStatus;
  /** When the entry last changed (published or retired): the item's validFrom. */
  changedAt: Date;
}

/** The offering facts a catalogue shows and filters on, beside the Achievement (DOMAIN.md: Offering). */
export const offeringFacts = (input: Pick<FeedItemInput, 'organisation' | 'issuerDid' | 'definition'>): Record<string, unknown> => {
  const d = input.definition;
  return {
    provider: { id: input.issuerDid, name: input.organisation.name, ...(input.organisation.url ? { url: input.organisation.url } : {}) },
    deliveryModes: d.deliveryModes,
    price: { amount: d.price.amount, currency: d.price.currency },
    language: d.language,
    startDates: d.startDates.kind === 'on-demand' ? { kind: 'on-demand' } : { kind: 'cohorts', startsOn: d.startDates.cohorts.map((c) => c.startsOn) },
    notionalHours: d.notionalHours,
    durationWeeks: d.durationWeeks,
    assessmentOnlyRoute: d.assessmentOnlyRoute,
  };
};

/** The unsigned item; the feed service signs it with the issuer's key. */
export function buildFeedItem(input: FeedItemInput): Record<string, unknown> {
  const { publicUrl, organisation, achievementSlug, version } = input;
  const achievement = buildCheckedAchievementDocument({ publicUrl, organisation, achievementSlug, version, definition: input.definition });
  const { '@context': _context, ...embedded } = achievement;
  const subjectId = achievementUrl(publicUrl, organisation.slug, achievementSlug);
  return {
    // The catalogue terms (status, offering, …) have no published vocabulary yet; the W3C undefined-terms
    // context maps them to IRIs instead of letting safe-mode canonicalisation refuse them.
    '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3_0_3, CONTEXT_URLS.credentialsUndefinedTermsV2],
    // A new id per change, so a harvester can tell two statements about the same entry apart.
    id: `${subjectId}/catalogue-entries/${version}-${input.status}-${input.changedAt.getTime()}`,
    type: ['VerifiableCredential', FEED_ITEM_TYPE],
    issuer: { id: input.issuerDid, type: ['Profile'], name: organisation.name },
    validFrom: input.changedAt.toISOString(),
    name: `${organisation.name}: ${input.definition.title}`,
    credentialSubject: {
      id: subjectId,
      type: [FEED_ENTRY_TYPE],
      status: input.status,
      achievement: embedded,
      offering: offeringFacts(input),
    },
  };
}
