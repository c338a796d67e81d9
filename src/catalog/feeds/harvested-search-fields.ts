import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/tables.js';
import { TARGET_TYPES } from '../achievement.document.js';
import type { HarvestedOfferingRecord } from './feed-subscriptions.repository.js';

/**
 * What the catalogue search index needs of a harvested offering, read from the signed item it came in
 * (the embedded OB Achievement and the offering facts). Harvested JSON is another instance's statement:
 * every field is parsed leniently here, and a field that does not parse is left empty rather than
 * failing the whole entry, because the signature already told us who said it, not that it is tidy.
 */
export interface HarvestedSearchFields {
  /** Stable key: the entry's credentialSubject id (the achievement across versions) within its subscription. */
  subjectId: string;
  achievementUrl: string;
  /** The remote achievement's version number, when it states one. */
  version: number | null;
  /** When the source last changed the entry (the item's validFrom). */
  sourceUpdatedAt: Date;
  origin: { subscriptionId: string; feedUrl: string; issuerDid: string; fetchedAt: Date };
  /**
   * Who the achievement says created it (the organisation's DID; the issuer may sign under a did:key its
   * did:web document lists). The feed check binds it to the signer and a did:web creator to the subject's
   * host, so creator and subject name one offering whichever feed relayed it.
   */
  creatorDid: string;
  providerName: string;
  title: string;
  description: string;
  outcomesText: string;
  skills: Array<{ uri: string; label: string }>;
  occupations: Array<{ uri: string; label: string }>;
  eqfLevel: number | null;
  deliveryModes: string[];
  language: string | null;
  price: { amount: number; currency: string } | null;
  creditValue: number | null;
  onDemand: boolean;
  cohortStarts: string[];
  /** Only active offerings belong in search; withdrawn ones are removed from it. */
  active: boolean;
}

const alignment = z.object({ targetType: z.string().optional(), targetName: z.string().max(500), targetUrl: z.string().max(2000), targetCode: z.string().max(200).optional() });
const achievementShape = z.object({
  name: z.string().max(500).catch(''),
  description: z.string().max(10_000).catch(''),
  creditsAvailable: z.number().nonnegative().nullable().catch(null).default(null),
  version: z.string().regex(/^[1-9]\d{0,8}$/).nullable().catch(null).default(null),
  creator: z.object({ id: z.string().min(1).max(500) }).nullable().catch(null).default(null),
  alignment: z.array(alignment.catch({ targetName: '', targetUrl: '' })).max(200).catch([]).default([]),
  resultDescription: z.array(z.object({ name: z.string().max(2000), resultType: z.string().max(100).optional() }).catch({ name: '' })).max(100).catch([]).default([]),
});
const offeringShape = z.object({
  provider: z.object({ name: z.string().max(500) }).catch({ name: '' }),
  deliveryModes: z.array(z.string().max(50)).max(10).catch([]).default([]),
  language: z.string().max(35).nullable().catch(null).default(null),
  price: z.object({ amount: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) }).nullable().catch(null).default(null),
  startDates: z
    .union([z.object({ kind: z.literal('on-demand') }), z.object({ kind: z.literal('cohorts'), startsOn: z.array(z.iso.date()).max(50) })])
    .catch({ kind: 'cohorts', startsOn: [] }),
});

const targetsOf = (alignments: Array<z.infer<typeof alignment>>, type: string) =>
  alignments.filter((a) => a.targetType === type && a.targetUrl && a.targetName).map((a) => ({ uri: a.targetUrl, label: a.targetName }));

export function harvestedSearchFields(offering: HarvestedOfferingRecord): HarvestedSearchFields {
  const achievement = achievementShape.parse(offering.achievement);
  const facts = offeringShape.parse(offering.offering);
  const eqf = achievement.alignment.find((a) => a.targetType === TARGET_TYPES.eqf)?.targetCode;
  return {
    subjectId: offering.subjectId,
    achievementUrl: offering.achievementId,
    version: achievement.version === null ? null : Number(achievement.version),
    sourceUpdatedAt: offering.sourceUpdatedAt,
    origin: { subscriptionId: offering.subscriptionId, feedUrl: offering.feedUrl, issuerDid: offering.issuerDid, fetchedAt: offering.fetchedAt },
    creatorDid: achievement.creator?.id ?? offering.issuerDid,
    providerName: facts.provider.name,
    title: offering.title,
    description: achievement.description,
    // Outcomes only: a rubric's criteria are result descriptions too (resultType RubricCriterionLevel).
    outcomesText: achievement.resultDescription.filter((r) => r.resultType !== 'RubricCriterionLevel').map((r) => r.name).filter(Boolean).join('\n'),
    skills: targetsOf(achievement.alignment, TARGET_TYPES.escoSkill),
    occupations: targetsOf(achievement.alignment, TARGET_TYPES.escoOccupation),
    eqfLevel: eqf !== undefined && /^[1-8]$/.test(eqf) ? Number(eqf) : null,
    deliveryModes: facts.deliveryModes,
    language: facts.language,
    price: facts.price,
    creditValue: achievement.creditsAvailable,
    onDemand: facts.startDates.kind === 'on-demand',
    // The format check passes year 0000, which PostgreSQL's date type refuses (and would fail the harvest).
    cohortStarts: facts.startDates.kind === 'cohorts' ? [...new Set(facts.startDates.startsOn)].filter((day) => day >= '0001-01-01').sort() : [],
    active: offering.status === 'active',
  };
}

/**
 * The seam to the catalogue search index: the harvester calls it in the same transaction as the change,
 * as the catalogue does for local achievements, so search never shows what the database no longer holds.
 */
export interface HarvestedSearchIndex {
  /** Offerings a harvest inserted, updated or withdrew (`active: false` → remove from search). */
  sync(trx: Transaction<Database>, changed: HarvestedSearchFields[]): Promise<void>;
  /** A subscription ended: everything harvested from it leaves search. */
  removeSubscription(trx: Transaction<Database>, subscriptionId: string): Promise<void>;
}
