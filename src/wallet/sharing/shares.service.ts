import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../../accounts/principal.js';
import type { VerificationReport } from '../../credentials/verify/verification-report.js';
import type { Database } from '../../db/tables.js';
import type { IssuedCredentialRecord } from '../../issuing/issued-credentials.repository.js';
import { recordEvent } from '../../tracking/event-log.js';
import { EVENT_TYPES } from '../../tracking/event-types.js';
import { authorizeWallet } from '../wallet.access.js';
import type { WalletEntry } from '../wallet-entry.js';
import { credentialHidden, invalidShare, shareGone, shareNotFound } from '../wallet.errors.js';
import { embeddedEndorsements, endorserOf, sharedCredential, type SharedCredential } from './shared-credential.js';
import { shareState, type ShareState } from './share-state.js';
import { hashShareToken, looksLikeShareToken, newShareToken } from './share-token.js';
import type { ShareRecord, SharesRepository } from './shares.repository.js';

export interface NewShare {
  title?: string | undefined;
  expiresAt?: Date | undefined;
  /** The credentials, in the order shown; `evidence` lists the positions shown (all when left out). */
  items: Array<{ credentialId: string; evidence?: number[] | undefined }>;
}

export interface PublicShare {
  title: string | null;
  holder: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  url: string;
  credentials: SharedCredential[];
}

export interface SharesServiceDeps {
  db: Kysely<Database>;
  shares: SharesRepository;
  /** The wallet's own read of one credential of a person (throws not found for anyone else's). */
  entryOf(personId: string, credentialId: string): Promise<WalletEntry>;
  verify(credential: unknown): Promise<VerificationReport>;
  endorsementsOf(achievementId: string): Promise<IssuedCredentialRecord[]>;
  holderName(personId: string): Promise<string | null>;
  publicUrl: string;
  clock: () => Date;
}

/** Share links the learner controls: per credential or a portfolio, expiring, revocable, counted. */
export function createSharesService(deps: SharesServiceDeps) {
  const { db, shares, clock } = deps;
  const shareUrl = (token: string) => `${deps.publicUrl.replace(/\/$/, '')}/s/${token}`;

  /** The share behind a token, or the 404/410 problem a visitor gets. */
  const live = async (token: string): Promise<ShareRecord> => {
    const share = looksLikeShareToken(token) ? await shares.findByTokenHash(hashShareToken(token)) : undefined;
    if (!share) throw shareNotFound();
    const state = shareState(share, clock());
    if (state !== 'active') throw shareGone(state);
    return share;
  };

  const endorsementsFor = async (entry: WalletEntry) => {
    const local = entry.origin === 'issued' && entry.achievementId ? await deps.endorsementsOf(entry.achievementId) : [];
    return [...embeddedEndorsements(entry.credential), ...local.filter((r) => r.status === 'active').map((r) => r.credential)].map(endorserOf);
  };

  return {
    async create(principal: Principal, input: NewShare): Promise<{ share: ShareRecord; url: string }> {
      const person = authorizeWallet(principal, 'wallet.write');
      const personId = person.person.id;
      if (new Set(input.items.map((i) => i.credentialId)).size !== input.items.length) throw invalidShare('Each credential can be in a share once.');
      const now = clock();
      if (input.expiresAt && input.expiresAt <= now) throw invalidShare('The expiry must be in the future.');
      const items = [];
      for (const item of input.items) {
        const entry = await deps.entryOf(personId, item.credentialId);
        if (entry.hidden) throw credentialHidden();
        const all = entry.evidence.map((_, index) => index);
        items.push({ credentialId: entry.id, shownEvidence: item.evidence === undefined ? all : all.filter((index) => item.evidence!.includes(index)) });
      }
      const token = newShareToken();
      const share: ShareRecord = { id: randomUUID(), personId, title: input.title ?? null, expiresAt: input.expiresAt ?? null, revokedAt: null, viewCount: 0, lastViewedAt: null, createdAt: now, items };
      await db.transaction().execute(async (trx) => {
        await shares.insert(trx, { ...share, tokenHash: hashShareToken(token) });
        await recordEvent(trx, { type: EVENT_TYPES.shareCreated, actorId: personId, subjectType: 'share', subjectId: share.id, payload: { credentialCount: items.length, expires: share.expiresAt !== null }, occurredAt: now });
      });
      return { share, url: shareUrl(token) };
    },

    async listOwn(principal: Principal): Promise<Array<ShareRecord & { state: ShareState }>> {
      const person = authorizeWallet(principal, 'wallet.read');
      const now = clock();
      return (await shares.ofPerson(person.person.id)).map((share) => ({ ...share, state: shareState(share, now) }));
    },

    /** Stops the link at once; revoking a revoked link changes nothing. Someone else's share looks unknown. */
    async revoke(principal: Principal, id: string): Promise<ShareRecord & { state: ShareState }> {
      const person = authorizeWallet(principal, 'wallet.write');
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const share = await shares.find(id, trx, { lock: true });
        if (!share || share.personId !== person.person.id) throw shareNotFound();
        if (share.revokedAt) return;
        await shares.revoke(trx, id, now);
        await recordEvent(trx, { type: EVENT_TYPES.shareRevoked, actorId: person.person.id, subjectType: 'share', subjectId: id, payload: {}, occurredAt: now });
      });
      const share = (await shares.find(id))!;
      return { ...share, state: shareState(share, now) };
    },

    /** Whether a token opens a page (for the HTML route's status code); counts nothing. */
    async status(token: string): Promise<200 | 404 | 410> {
      try {
        await live(token);
        return 200;
      } catch (error) {
        return (error as { status?: number }).status === 410 ? 410 : 404;
      }
    },

    /** What an anonymous visitor sees: counts the view (and records it), then verifies each credential now. */
    async open(token: string): Promise<PublicShare> {
      const share = await live(token);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const viewCount = await shares.countView(trx, share.id, now);
        await recordEvent(trx, { type: EVENT_TYPES.shareViewed, subjectType: 'share', subjectId: share.id, payload: { viewCount }, occurredAt: now });
      });
      const url = shareUrl(token);
      const credentials: SharedCredential[] = [];
      for (const item of share.items) {
        // A credential the holder no longer has (an account change) drops out of the page rather than breaking it.
        const entry = await deps.entryOf(share.personId, item.credentialId).catch(() => undefined);
        if (!entry) continue;
        const report = await deps.verify(entry.jwt ?? entry.credential);
        credentials.push(sharedCredential({ entry, shownEvidence: item.shownEvidence, report, checkedAt: clock(), endorsements: await endorsementsFor(entry), shareUrl: url }));
      }
      return { title: share.title, holder: await deps.holderName(share.personId), createdAt: share.createdAt, expiresAt: share.expiresAt, url, credentials };
    },
  };
}

export type SharesService = ReturnType<typeof createSharesService>;
