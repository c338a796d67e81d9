import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { organisationNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Principal } from '../accounts/principal.js';
import { buildDidDocument, verificationMethodId, type DidDocument } from '../credentials/dids/did-document.js';
import { didKeyFromPublicKeyMultibase } from '../credentials/dids/did-key.js';
import { organisationDid } from '../credentials/dids/did-web.js';
import { createIssuerSigner, generateIssuerKeyPair, type IssuerSigner, type RandomBytes } from '../credentials/keys/issuer-key.js';
import { openSecretKey, sealSecretKey } from '../credentials/keys/key-envelope.js';
import { activeKey, markCompromised, rotate, type IssuerKey } from '../credentials/keys/key-lifecycle.js';
import type { MasterKey } from '../credentials/keys/master-key.js';
import type { Database } from '../db/tables.js';
import { recordEvent } from '../tracking/event-log.js';
import type { IssuerKeysRepository } from './issuer-keys.repository.js';
import { authorizeIssuing } from './issuing.access.js';
import { issuerKeyNotFound, notAnIssuer } from './issuing.errors.js';

export interface IssuerKeysServiceDeps {
  db: Kysely<Database>;
  keys: IssuerKeysRepository;
  organisations: OrganisationsRepository;
  masterKey: MasterKey;
  publicUrl: string;
  clock: () => Date;
  randomBytes: RandomBytes;
}

export interface IssuerIdentity {
  organisation: OrganisationRecord;
  did: string;
  signer: IssuerSigner;
}

/** The sealed envelope is bound to the key's id, so an envelope copied onto another key row won't open. */
export const issuerKeyAssociatedData = (keyId: string): string => `tessera:issuer-key:${keyId}`;

/**
 * Organisations' signing keys and DID documents. Secret keys exist unsealed only in this process's
 * memory, only for the active key, and only once something needs to sign.
 */
export function createIssuerKeysService(deps: IssuerKeysServiceDeps) {
  const { db, keys, organisations, masterKey, publicUrl, clock } = deps;
  const signers = new Map<string, IssuerSigner>();
  const associatedData = issuerKeyAssociatedData;

  const requireIssuer = async (slug: string): Promise<OrganisationRecord> => {
    const organisation = await organisations.findBySlug(slug);
    if (!organisation) throw organisationNotFound(slug);
    return organisation;
  };

  const didOf = (organisation: Pick<OrganisationRecord, 'slug'>): string => organisationDid({ publicUrl, slug: organisation.slug });

  async function createKey(organisation: OrganisationRecord, actorId: string | null, reason: string): Promise<IssuerKey> {
    if (organisation.kind === 'employer') throw notAnIssuer(organisation.slug);
    const pair = await generateIssuerKeyPair({ randomBytes: deps.randomBytes });
    const id = randomUUID();
    const now = clock();
    return db.transaction().execute(async (trx) => {
      await keys.lockOrganisation(trx, organisation.id);
      const current = (await keys.keysOf(organisation.id, trx)).map((stored) => stored.key);
      if (reason === 'first' && activeKey(current)) return activeKey(current)!;
      const next = rotate(current, { id, publicKeyMultibase: pair.publicKeyMultibase, createdAt: now }, now);
      await keys.saveStatuses(trx, next.filter((key) => key.id !== id));
      await keys.insert(trx, { id, organisationId: organisation.id, publicKeyMultibase: pair.publicKeyMultibase, sealedSecretKey: sealSecretKey(pair.secretKey, { masterKey, randomBytes: deps.randomBytes, associatedData: associatedData(id) }), createdAt: now });
      await recordEvent(trx, { type: 'issuer_key.created', actorId, organisationId: organisation.id, subjectType: 'issuer_key', subjectId: id, payload: { reason, publicKeyMultibase: pair.publicKeyMultibase } });
      return next.find((key) => key.id === id)!;
    });
  }

  const service = {
    didOf,

    /** The signing identity of an organisation, creating its first key on first use. */
    async identityFor(organisation: OrganisationRecord): Promise<IssuerIdentity> {
      let stored = (await keys.keysOf(organisation.id)).find((candidate) => candidate.key.status === 'active');
      if (!stored) {
        await createKey(organisation, null, 'first');
        stored = (await keys.keysOf(organisation.id)).find((candidate) => candidate.key.status === 'active')!;
      }
      const did = organisation.issuerDidMethod === 'key' ? didKeyFromPublicKeyMultibase(stored.key.publicKeyMultibase)! : didOf(organisation);
      const cacheKey = `${stored.key.id} ${did}`;
      let signer = signers.get(cacheKey);
      if (!signer) {
        const secretKey = openSecretKey(stored.sealedSecretKey, { masterKey, associatedData: associatedData(stored.key.id) });
        signer = await createIssuerSigner({ secretKey, verificationMethod: verificationMethodId(did, stored.key.publicKeyMultibase) });
        secretKey.fill(0);
        signers.set(cacheKey, signer);
      }
      return { organisation, did, signer };
    },

    identityForSlug: async (slug: string): Promise<IssuerIdentity> => service.identityFor(await requireIssuer(slug)),

    /** The OB 3.0 `Profile` of an issuing organisation, as credentials and achievements name it. */
    async profileDocument(slug: string): Promise<Record<string, unknown>> {
      const organisation = await requireIssuer(slug);
      if (organisation.kind === 'employer') throw notAnIssuer(slug);
      return {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        id: didOf(organisation),
        type: ['Profile'],
        name: organisation.name,
        ...(organisation.url ? { url: organisation.url } : {}),
        ...(organisation.description ? { description: organisation.description } : {}),
      };
    },

    /** Every DID the organisation has signed under: its did:web, and the did:key of each of its keys. */
    async issuerDidsOf(organisation: OrganisationRecord): Promise<string[]> {
      const stored = await keys.keysOf(organisation.id);
      return [didOf(organisation), ...stored.map((s) => didKeyFromPublicKeyMultibase(s.key.publicKeyMultibase)!)];
    },

    /** Chooses the DID method new credentials are signed under; earlier credentials keep verifying either way. */
    async setDidMethod(principal: Principal, slug: string, method: 'web' | 'key'): Promise<OrganisationRecord> {
      const organisation = await organisations.findBySlug(slug);
      const actor = authorizeIssuing(principal, 'keys.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      if (organisation.kind === 'employer') throw notAnIssuer(slug);
      await db.transaction().execute(async (trx) => {
        await organisations.setIssuerDidMethod(trx, organisation.id, method);
        await recordEvent(trx, { type: 'issuer.did_method_changed', actorId: actor.person.id, organisationId: organisation.id, subjectType: 'organisation', subjectId: organisation.id, payload: { method } });
      });
      return { ...organisation, issuerDidMethod: method };
    },

    /** The public DID document (did:web) of an organisation: every key it ever had, with its status. */
    async didDocument(slug: string): Promise<DidDocument> {
      const organisation = await requireIssuer(slug);
      // An issuer's DID resolves from the start: its first key is made when first asked for.
      if (organisation.kind !== 'employer') await service.identityFor(organisation);
      const stored = await keys.keysOf(organisation.id);
      return buildDidDocument({ did: didOf(organisation), keys: stored.map((s) => s.key) });
    },

    async list(principal: Principal, slug: string): Promise<{ did: string; keys: IssuerKey[] }> {
      const organisation = await organisations.findBySlug(slug);
      authorizeIssuing(principal, 'keys.read', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      if (organisation.kind !== 'employer') await service.identityFor(organisation);
      return { did: didOf(organisation), keys: (await keys.keysOf(organisation.id)).map((s) => s.key) };
    },

    async rotate(principal: Principal, slug: string): Promise<IssuerKey> {
      const organisation = await organisations.findBySlug(slug);
      const actor = authorizeIssuing(principal, 'keys.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      return createKey(organisation, actor.person.id, 'rotation');
    },

    /** Marks a key compromised from a moment (possibly past); proofs it made after that stop verifying. */
    async compromise(principal: Principal, slug: string, keyId: string, compromisedAt: Date): Promise<IssuerKey> {
      const organisation = await organisations.findBySlug(slug);
      const actor = authorizeIssuing(principal, 'keys.manage', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(slug);
      return db.transaction().execute(async (trx) => {
        await keys.lockOrganisation(trx, organisation.id);
        const current = (await keys.keysOf(organisation.id, trx)).map((stored) => stored.key);
        if (!current.some((key) => key.id === keyId)) throw issuerKeyNotFound();
        const next = markCompromised(current, keyId, compromisedAt);
        await keys.saveStatuses(trx, next);
        signers.delete(keyId);
        await recordEvent(trx, { type: 'issuer_key.compromised', actorId: actor.person.id, organisationId: organisation.id, subjectType: 'issuer_key', subjectId: keyId, payload: { compromisedAt: compromisedAt.toISOString() } });
        return next.find((key) => key.id === keyId)!;
      });
    },
  };
  return service;
}

export type IssuerKeysService = ReturnType<typeof createIssuerKeysService>;
