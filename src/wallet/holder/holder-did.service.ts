import type { Kysely } from 'kysely';
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
import { holderKeyNotManaged, invalidHolderDid, noHolderDid } from '../exports/wallet-exports.errors.js';
import type { HolderDidRecord, HolderDidRepository } from './holder-did.repository.js';

export interface HolderDidView {
  did: string;
  method: 'key' | 'web';
  /** True when Tessera made the did:key and holds its (sealed) key, so it can sign presentations for the holder. */
  managed: boolean;
  createdAt: Date;
}

const view = (record: HolderDidRecord): HolderDidView => ({ did: record.did, method: record.method, managed: record.sealedSecretKey !== null, createdAt: record.createdAt });

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
 * The learner's holder DID: one they bring (did:key or did:web) or a did:key made for them, whose Ed25519
 * seed is sealed with the master key exactly as issuer keys are (key-envelope.ts). Later credentials name it
 * as credentialSubject.id (issuance asks `didsOf`), and it signs their Verifiable Presentations.
 */
export function createHolderDidService(deps: { db: Kysely<Database>; holderDids: HolderDidRepository; masterKey: MasterKey; randomBytes: RandomBytes; clock: () => Date }) {
  const { db, holderDids, masterKey, clock } = deps;

  const store = async (personId: string, record: Omit<HolderDidRecord, 'createdAt' | 'personId'>): Promise<HolderDidView> => {
    const createdAt = clock();
    await db.transaction().execute(async (trx) => {
      await holderDids.put(trx, { personId, ...record, createdAt });
      // The payload names neither the DID nor the person: the event log keeps no identifier it cannot erase.
      await recordEvent(trx, { type: EVENT_TYPES.holderDidSet, actorId: personId, subjectType: 'person', subjectId: personId, payload: { method: record.method, managed: record.sealedSecretKey !== null } });
    });
    return view({ personId, ...record, createdAt });
  };

  return {
    didsOf: holderDids.didsOf,

    async get(principal: Principal): Promise<HolderDidView | null> {
      const person = authorizeSelf(principal, 'exports.read');
      const record = await holderDids.find(person.person.id);
      return record ? view(record) : null;
    },

    async setOwn(principal: Principal, did: string): Promise<HolderDidView> {
      const person = authorizeSelf(principal, 'holder.manage');
      const method = validateHolderDid(did.trim());
      return store(person.person.id, { did: did.trim(), method, sealedSecretKey: null });
    },

    async generate(principal: Principal): Promise<HolderDidView> {
      const person = authorizeSelf(principal, 'holder.manage');
      const pair = await generateIssuerKeyPair({ randomBytes: deps.randomBytes });
      const did = didKeyFromPublicKey(pair.publicKey);
      const sealed = sealSecretKey(pair.secretKey, { masterKey, randomBytes: deps.randomBytes, associatedData: associatedData(person.person.id) });
      pair.secretKey.fill(0);
      return store(person.person.id, { did, method: 'key', sealedSecretKey: sealed });
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
