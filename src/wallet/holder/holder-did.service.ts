import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../../accounts/principal.js';
import { didKeyDocument, didKeyFromPublicKey } from '../../credentials/dids/did-key.js';
import { verificationMethodId } from '../../credentials/dids/did-document.js';
import { parseDidWeb } from '../../credentials/dids/did-web.js';
import { createIssuerSigner, generateIssuerKeyPair, type IssuerSigner, type RandomBytes } from '../../credentials/keys/issuer-key.js';
import { openSecretKey, sealSecretKey } from '../../credentials/keys/key-envelope.js';
import type { MasterKey } from '../../credentials/keys/master-key.js';
import type { Database } from '../../db/tables.js';
import { recordEvent } from '../../tracking/event-log.js';
import { EVENT_TYPES } from '../../tracking/event-types.js';
import { authorizeSelf } from '../exports/wallet-exports.access.js';
import { holderChallengeMissing, holderKeyNotManaged, holderProofInvalid, holderProofRequired, invalidHolderDid, noHolderDid } from '../exports/wallet-exports.errors.js';
import { HOLDER_CHALLENGE_TTL_MS, holderProofFailures } from './holder-did-proof.js';
import type { HolderDidRecord, HolderDidRepository } from './holder-did.repository.js';
import type { PresentationReport } from './presentation.js';

export interface HolderDidView {
  did: string;
  method: 'key' | 'web';
  /** True when Tessera made the did:key and holds its (sealed) key, so it can sign presentations for the holder. */
  managed: boolean;
  /** False for a DID brought before proofs were asked for: it is not used until proved. */
  proved: boolean;
  createdAt: Date;
}

/** What the learner signs to prove a DID is theirs: a presentation for authentication over this challenge and domain. */
export interface HolderDidChallenge {
  did: string;
  challenge: string;
  domain: string;
  expiresAt: Date;
}

const view = (record: HolderDidRecord): HolderDidView => ({ did: record.did, method: record.method, managed: record.sealedSecretKey !== null, proved: record.provedAt !== null, createdAt: record.createdAt });

// Binds the sealed key to its owner: an envelope copied into another person's row does not open.
const associatedData = (personId: string) => `holder-did/${personId}`;

/** Checks a DID the learner brings: did:key must resolve here (it is its own document); did:web must be well formed. */
export function validateHolderDid(did: string): 'key' | 'web' {
  if (did.startsWith('did:key:')) {
    if (!didKeyDocument(did)) throw invalidHolderDid(`${did} does not resolve: only Ed25519 did:key identifiers (did:key:z6Mk…) are supported.`);
    return 'key';
  }
  if (did.startsWith('did:web:')) {
    if (!parseDidWeb(did)) throw invalidHolderDid(`${did} is not a valid did:web (host, then path segments separated by ':').`);
    return 'web';
  }
  throw invalidHolderDid('Use a did:key or a did:web.');
}

/**
 * The learner's holder DID: one they bring (did:key or did:web), once they prove control of it by signing a
 * challenge, or a did:key made for them, whose Ed25519 seed is sealed with the master key exactly as issuer keys
 * are (key-envelope.ts). Later credentials name it as credentialSubject.id (issuance asks `didsOf`, which
 * knows proved DIDs only), and a managed one signs their Verifiable Presentations.
 */
export function createHolderDidService(deps: {
  db: Kysely<Database>;
  holderDids: HolderDidRepository;
  masterKey: MasterKey;
  randomBytes: RandomBytes;
  /** Verifies a holder's presentation for the challenge and domain given (presentation.ts, with DID resolution). */
  verifyPresentation(input: { presentation: unknown; challenge: string; domain: string }): Promise<PresentationReport>;
  /** The domain proofs are made for: this instance's host. */
  domain: string;
  clock: () => Date;
}) {
  const { db, holderDids, masterKey, clock } = deps;

  const put = async (trx: Transaction<Database>, personId: string, record: Omit<HolderDidRecord, 'createdAt' | 'personId'>, createdAt: Date) => {
    await holderDids.put(trx, { personId, ...record, createdAt });
    // The payload names neither the DID nor the person: the event log keeps no identifier it cannot erase.
    await recordEvent(trx, { type: EVENT_TYPES.holderDidSet, actorId: personId, subjectType: 'person', subjectId: personId, payload: { method: record.method, managed: record.sealedSecretKey !== null } });
  };

  return {
    didsOf: holderDids.didsOf,

    async get(principal: Principal): Promise<HolderDidView | null> {
      const person = authorizeSelf(principal, 'exports.read');
      const record = await holderDids.find(person.person.id);
      return record ? view(record) : null;
    },

    /** A fresh challenge for proving control of `did`; it replaces any open one. */
    async challenge(principal: Principal, did: string): Promise<HolderDidChallenge> {
      const person = authorizeSelf(principal, 'holder.manage');
      const trimmed = did.trim();
      validateHolderDid(trimmed);
      const now = clock();
      const challenge = { did: trimmed, challenge: Buffer.from(deps.randomBytes(32)).toString('base64url'), expiresAt: new Date(now.getTime() + HOLDER_CHALLENGE_TTL_MS) };
      await holderDids.putChallenge(db, person.person.id, { ...challenge, createdAt: now });
      return { ...challenge, domain: deps.domain };
    },

    /**
     * Sets a DID the learner brings, once `presentation` proves they control it (DID Authentication over the open
     * challenge). The DID is resolved before any transaction opens: did:web resolution goes over the network.
     */
    async setOwn(principal: Principal, did: string, presentation?: unknown): Promise<HolderDidView> {
      const person = authorizeSelf(principal, 'holder.manage');
      const trimmed = did.trim();
      const method = validateHolderDid(trimmed);
      if (presentation === undefined) throw holderProofRequired(trimmed);
      const open = await holderDids.findChallenge(person.person.id);
      if (!open || open.did !== trimmed || open.expiresAt <= clock()) throw holderChallengeMissing();
      const report = await deps.verifyPresentation({ presentation, challenge: open.challenge, domain: deps.domain });
      const failures = holderProofFailures(report, trimmed);
      if (failures.length > 0) throw holderProofInvalid(failures);
      const createdAt = clock();
      const record = { did: trimmed, method, sealedSecretKey: null, provedAt: createdAt };
      await db.transaction().execute(async (trx) => {
        // A challenge answers once: a second request with the same proof finds it gone.
        if (!(await holderDids.takeChallenge(trx, person.person.id, open.challenge))) throw holderChallengeMissing();
        await put(trx, person.person.id, record, createdAt);
      });
      return view({ personId: person.person.id, ...record, createdAt });
    },

    async generate(principal: Principal): Promise<HolderDidView> {
      const person = authorizeSelf(principal, 'holder.manage');
      const pair = await generateIssuerKeyPair({ randomBytes: deps.randomBytes });
      const did = didKeyFromPublicKey(pair.publicKey);
      const sealed = sealSecretKey(pair.secretKey, { masterKey, randomBytes: deps.randomBytes, associatedData: associatedData(person.person.id) });
      pair.secretKey.fill(0);
      const createdAt = clock();
      // Tessera made the key, so control is proved by construction.
      const record = { did, method: 'key' as const, sealedSecretKey: sealed, provedAt: createdAt };
      await db.transaction().execute((trx) => put(trx, person.person.id, record, createdAt));
      return view({ personId: person.person.id, ...record, createdAt });
    },

    async remove(principal: Principal): Promise<void> {
      const person = authorizeSelf(principal, 'holder.manage');
      await db.transaction().execute(async (trx) => {
        if (!(await holderDids.remove(trx, person.person.id))) throw noHolderDid();
        await recordEvent(trx, { type: EVENT_TYPES.holderDidRemoved, actorId: person.person.id, subjectType: 'person', subjectId: person.person.id, payload: {} });
      });
    },

    /** The signer of a person's managed did:key (its key, as `did:key:z…#z…`); throws when they have none or brought their own. */
    async signerFor(personId: string): Promise<{ did: string; signer: IssuerSigner }> {
      const record = await holderDids.find(personId);
      if (!record) throw noHolderDid();
      if (!record.sealedSecretKey) throw holderKeyNotManaged(record.did);
      const secretKey = openSecretKey(record.sealedSecretKey, { masterKey, associatedData: associatedData(personId) });
      const multibase = record.did.slice('did:key:'.length);
      const signer = await createIssuerSigner({ secretKey, verificationMethod: verificationMethodId(record.did, multibase) });
      secretKey.fill(0);
      return { did: record.did, signer };
    },
  };
}

export type HolderDidService = ReturnType<typeof createHolderDidService>;
