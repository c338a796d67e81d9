import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../../accounts/principal.js';
import type { VerificationReport } from '../../credentials/verify/verification-report.js';
import type { Database } from '../../db/tables.js';
import { recordEvents } from '../../tracking/event-log.js';
import { EVENT_TYPES } from '../../tracking/event-types.js';
import type { KnownHolder } from '../holder-match.js';
import { authorizeWallet } from '../wallet.access.js';
import { entryFromHolding, type WalletEntry } from '../wallet-entry.js';
import { issuedNotRemovable, notACredential, walletCredentialNotFound } from '../wallet.errors.js';
import type { HoldingSource } from '../wallet.tables.js';
import { fingerprintOf, isJwtText, readUpload, type ReadUpload } from './holding-input.js';
import { requireAuthentic } from './holding-report.js';
import type { HoldingsRepository } from './holdings.repository.js';

/** What the learner hands in: a file (read only once access is decided), a URL where the credential is published, or pasted JSON / JWT. */
export type ImportSource = { kind: 'file'; read(): Promise<Uint8Array> } | { kind: 'url'; url: string } | { kind: 'paste'; credential: unknown };

export interface HoldingsServiceDeps {
  db: Kysely<Database>;
  holdings: HoldingsRepository;
  /** Whether `id` is a credential issued here to the person: those are not removed, only hidden. */
  isIssuedTo(personId: string, id: string): Promise<boolean>;
  verification: { verify(credential: unknown): Promise<VerificationReport>; fetchCredential(url: string): Promise<string> };
  knownHolder(personId: string): Promise<KnownHolder>;
  clock: () => Date;
}

/** Importing credentials issued elsewhere: read, verify with the credential engine, keep with the report. */
export function createHoldingsService(deps: HoldingsServiceDeps) {
  const { holdings, verification, clock } = deps;

  const read = async (source: ImportSource): Promise<{ input: unknown; image: ReadUpload['image']; source: HoldingSource; sourceUrl: string | null }> => {
    if (source.kind === 'file') {
      const upload = readUpload(await source.read());
      return { input: upload.text, image: upload.image, source: upload.image ? 'image' : 'file', sourceUrl: null };
    }
    if (source.kind === 'url') {
      // A URL may publish the JSON, a JWT or a baked SVG (text); all are read like an uploaded file.
      const upload = readUpload(Buffer.from(await verification.fetchCredential(source.url), 'utf8'));
      return { input: upload.text, image: upload.image, source: 'url', sourceUrl: source.url };
    }
    return { input: typeof source.credential === 'string' ? source.credential.trim() : source.credential, image: null, source: 'paste', sourceUrl: null };
  };

  return {
    /** Verifies and keeps the credential; the same credential imported again returns the holding already kept (`created: false`). */
    async importCredential(principal: Principal, source: ImportSource): Promise<{ entry: WalletEntry; created: boolean }> {
      const person = authorizeWallet(principal, 'wallet.write');
      const { input, image, source: kind, sourceUrl } = await read(source);
      const report = await verification.verify(input);
      requireAuthentic(report);
      const { credential, ...kept } = report;
      if (!credential) throw notACredential('The input did not parse as a credential.', report.checks);
      const jwt = typeof input === 'string' && isJwtText(input) ? input : null;
      const { record, created } = await holdings.insertOnce({
        id: randomUUID(),
        personId: person.person.id,
        source: kind,
        sourceUrl,
        credential,
        jwt,
        fingerprint: fingerprintOf(credential, jwt),
        image,
        report: kept,
        at: clock(),
      });
      const [hidden, holder] = await Promise.all([holdings.hiddenOf(person.person.id), deps.knownHolder(person.person.id)]);
      return { entry: entryFromHolding(record, hidden.has(record.id), holder), created };
    },

    /** Removes an imported credential for good; share links left with nothing in them are revoked with it. */
    async removeCredential(principal: Principal, id: string): Promise<{ sharesRevoked: number }> {
      const person = authorizeWallet(principal, 'wallet.write');
      const personId = person.person.id;
      const now = clock();
      const { removed, emptiedShareIds } = await deps.db.transaction().execute(async (trx) => {
        const result = await holdings.remove(trx, personId, id, now);
        if (!result.removed) return result;
        await recordEvents(trx, [
          { type: EVENT_TYPES.holdingRemoved, actorId: personId, subjectType: 'wallet_holding', subjectId: id, payload: { sharesRevoked: result.emptiedShareIds.length }, occurredAt: now },
          ...result.emptiedShareIds.map((shareId) => ({ type: EVENT_TYPES.shareRevoked, actorId: personId, subjectType: 'share', subjectId: shareId, payload: {}, occurredAt: now })),
        ]);
        return result;
      });
      if (!removed) throw (await deps.isIssuedTo(personId, id)) ? issuedNotRemovable() : walletCredentialNotFound();
      return { sharesRevoked: emptiedShareIds.length };
    },
  };
}

export type HoldingsService = ReturnType<typeof createHoldingsService>;
