import { z } from 'zod';
import { CHECK_IDS, parseDidWeb, type CheckId, type DidResolver, type VerificationReport } from '../../credentials/index.js';
import { FEED_ITEM_STATUSES, FEED_ITEM_TYPE } from './feed-item.js';

/** Why one item of a feed page was not taken. Stable values, reported per item. */
export const FEED_ITEM_ERRORS = {
  malformed: 'feeds.item_malformed',
  unverified: 'feeds.item_unverified',
  issuerMismatch: 'feeds.item_issuer_mismatch',
} as const;
export type FeedItemErrorCode = (typeof FEED_ITEM_ERRORS)[keyof typeof FEED_ITEM_ERRORS];

const feedItemShape = z.object({
  type: z.array(z.string()).refine((types) => types.includes(FEED_ITEM_TYPE), `type must include ${FEED_ITEM_TYPE}`),
  issuer: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]),
  validFrom: z.iso.datetime({ offset: true }),
  credentialSubject: z.object({
    id: z.url().max(2000),
    status: z.enum(FEED_ITEM_STATUSES),
    achievement: z.object({ id: z.url().max(2000), name: z.string().min(1).max(500), creator: z.object({ id: z.string().min(1) }) }),
    offering: z.record(z.string(), z.unknown()),
  }),
});

/**
 * Checks a feed item must pass outright. The verifier only warns when a signing key is controlled by
 * someone other than the issuer (a person may still want to look at such a credential); a harvester
 * publishing the item under the issuer's name must refuse it.
 */
const MUST_PASS: readonly CheckId[] = [CHECK_IDS.proof, CHECK_IDS.issuerResolution, CHECK_IDS.keyValidAtIssue];

export interface CheckedFeedItem {
  subjectId: string;
  achievementId: string;
  issuerDid: string;
  status: (typeof FEED_ITEM_STATUSES)[number];
  title: string;
  achievement: Record<string, unknown>;
  offering: Record<string, unknown>;
  credential: Record<string, unknown>;
  validFrom: Date;
}

export type FeedItemCheck = { ok: true; item: CheckedFeedItem } | { ok: false; code: FeedItemErrorCode; message: string; subjectId?: string };

export interface FeedItemCheckDeps {
  verify: (credential: unknown) => Promise<VerificationReport>;
  resolveDid: DidResolver;
}

const sameHost = (did: string, url: string): boolean => {
  const location = parseDidWeb(did);
  const parsed = new URL(url);
  return location !== undefined && location.host === parsed.hostname && String(location.port ?? '') === parsed.port;
};

/**
 * Whether the item's signer may speak for the achievement: the issuer must be the achievement's creator
 * (or a did:key whose key the creator's did:web document lists: organisations may sign under did:key),
 * and a did:web creator can only describe achievements on its own host. Without this, any organisation
 * holding a valid key could publish a correctly signed item about someone else's micro-credential.
 */
const issuerSpeaksFor = async (issuerDid: string, creatorDid: string, subjectId: string, achievementId: string, resolveDid: DidResolver): Promise<string | undefined> => {
  if (creatorDid.startsWith('did:web:') && (!sameHost(creatorDid, subjectId) || !sameHost(creatorDid, achievementId))) {
    return `The achievement's address is not on the host of its creator ${creatorDid}.`;
  }
  if (issuerDid === creatorDid) return undefined;
  if (issuerDid.startsWith('did:key:') && creatorDid.startsWith('did:web:')) {
    const resolved = await resolveDid(creatorDid);
    const key = issuerDid.slice('did:key:'.length);
    if ('document' in resolved && (resolved.document.verificationMethod ?? []).some((method) => method.publicKeyMultibase === key)) return undefined;
  }
  return `The item is issued by ${issuerDid}, but the achievement's creator is ${creatorDid}.`;
};

/**
 * The entry a malformed item still names, if any: the harvester then keeps that entry's previous data
 * instead of withdrawing it as no longer listed (a typo in one field must not take an offering out of
 * search). Trusting it is safe: it can only keep what the feed already listed, as replaying the old item would.
 */
const namedSubject = (raw: unknown): string | undefined => {
  const id = (raw as { credentialSubject?: { id?: unknown } } | null | undefined)?.credentialSubject?.id;
  return typeof id === 'string' && id.length <= 2000 ? id : undefined;
};

/** Parses, verifies (signature, issuer's DID, key validity) and binds one untrusted feed item. Never throws. */
export async function checkFeedItem(raw: unknown, deps: FeedItemCheckDeps): Promise<FeedItemCheck> {
  const parsed = feedItemShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const subjectId = namedSubject(raw);
    return { ok: false, code: FEED_ITEM_ERRORS.malformed, message: `Not a catalogue entry: ${issue.path.join('.') || '/'} ${issue.message}.`, ...(subjectId ? { subjectId } : {}) };
  }
  const shape = parsed.data;
  const subjectId = shape.credentialSubject.id;
  const issuerDid = typeof shape.issuer === 'string' ? shape.issuer : shape.issuer.id;
  const report = await deps.verify(raw);
  const failed = report.checks.filter((c) => c.outcome === 'fail' || (MUST_PASS.includes(c.id) && c.outcome !== 'pass'));
  if (failed.length > 0) {
    return { ok: false, code: FEED_ITEM_ERRORS.unverified, subjectId, message: `The item does not verify: ${failed.map((c) => `${c.id}: ${c.message}`).join(' ')}` };
  }
  const { achievement } = shape.credentialSubject;
  const mismatch = await issuerSpeaksFor(issuerDid, achievement.creator.id, subjectId, achievement.id, deps.resolveDid);
  if (mismatch) return { ok: false, code: FEED_ITEM_ERRORS.issuerMismatch, subjectId, message: mismatch };
  const credential = raw as Record<string, unknown>;
  const subject = credential.credentialSubject as { achievement: Record<string, unknown>; offering: Record<string, unknown> };
  return {
    ok: true,
    item: {
      subjectId,
      achievementId: achievement.id,
      issuerDid,
      status: shape.credentialSubject.status,
      title: achievement.name,
      achievement: subject.achievement,
      offering: subject.offering,
      credential,
      validFrom: new Date(shape.validFrom),
    },
  };
}
