import type { Kysely } from 'kysely';
import { authorizeWith } from '../accounts/access.js';
import { organisationNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Principal } from '../accounts/principal.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import { issueCredential } from '../credentials/issue/issue-credential.js';
import { issuerIdOf } from '../credentials/verify/credential-fields.js';
import type { VerificationReport } from '../credentials/verify/verification-report.js';
import type { Database } from '../db/tables.js';
import { invalidInput, isAppError } from '../errors.js';
import { notAnIssuer } from '../issuing/issuing.errors.js';
import type { IssuerKeysService } from '../issuing/issuer-keys.service.js';
import { createDueWorkScheduler, type DueWorkScheduler } from '../operations/due-work-scheduler.js';
import { EVENT_TYPES } from '../tracking/event-types.js';
import { recordEvent } from '../tracking/event-log.js';
import { buildRegistryCredential, readRegistryCredential } from './registry-credential.js';
import { alreadyApproved, notApproved, sourceExists, sourceNotFound } from './registry.errors.js';
import type { ApprovalRecord, RegistryRepository, RegistrySourceRecord } from './registry.repository.js';
import type { RegistryEntry, VettingMethod } from './registry.tables.js';

export interface RegistryServiceDeps {
  db: Kysely<Database>;
  registry: RegistryRepository;
  organisations: OrganisationsRepository;
  keys: Pick<IssuerKeysService, 'issuerDidsOf' | 'identityFor'>;
  /** The verifier's untrusted-URL fetch and its verify; late-bound, since the verifier consults this registry. */
  verification: () => { verify(credential: unknown): Promise<VerificationReport>; fetchCredential(url: string): Promise<string> };
  documentLoader: DocumentLoader;
  publicUrl: string;
  clock: () => Date;
}

/** The organisation that speaks for this platform: it signs the published registry (made on first use). */
export const PLATFORM_ORGANISATION = { slug: 'tessera-platform', name: 'Tessera platform', kind: 'issuer' as const, description: 'This Tessera instance itself: it signs the trusted issuer registry.' };

const policies = {
  'registry.read': { scope: 'organisations:read', allow: (p) => p.person.isPlatformAdmin },
  'registry.manage': { scope: 'organisations:write', allow: (p) => p.person.isPlatformAdmin },
} satisfies Parameters<typeof authorizeWith>[0];

export interface RegistryIssuer {
  organisation: OrganisationRecord;
  /** The standing approval, if any. */
  approval: ApprovalRecord | null;
  /** Every approval, newest first (withdrawn ones are the history). */
  history: ApprovalRecord[];
}

const TRUST_CACHE_MS = 30_000;
/**
 * How old another instance's registry may grow before it is fetched again: an issuer withdrawn there stops
 * counting here within this time (or at once, with "Refresh now").
 */
export const REGISTRY_REFRESH_MS = 6 * 60 * 60 * 1000;
/** A signed list is re-signed after this even when nothing changed, so its validFrom stays recent. */
const RESIGN_AFTER_MS = 24 * 3_600_000;

/**
 * The trusted issuer registry: platform admins approve issuing organisations, recording how each was
 * checked, and withdraw approvals; the approved set is published as a signed list, and other Tessera
 * instances' lists can be trusted too. The verifier asks `isTrusted` for every credential's issuer.
 */
export function createRegistryService(deps: RegistryServiceDeps) {
  const { db, registry, organisations, clock } = deps;
  let trusted: { ids: Set<string>; at: number } | null = null;
  let signed: { key: string; at: number; credential: Record<string, unknown> } | null = null;
  const forget = () => {
    trusted = null;
  };

  const requireOrganisation = async (slug: string): Promise<OrganisationRecord> => {
    const organisation = await organisations.findBySlug(slug);
    if (!organisation) throw organisationNotFound(slug);
    return organisation;
  };

  /** This instance's approved issuers, each with every DID it signs under. */
  const localEntries = async (): Promise<RegistryEntry[]> => {
    const standing = await registry.standingApprovals();
    const entries: RegistryEntry[] = [];
    for (const approval of standing) {
      const organisation = await organisations.findById(approval.organisationId);
      if (!organisation) continue;
      entries.push({ ids: await deps.keys.issuerDidsOf(organisation), name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}), method: approval.method, approvedAt: approval.approvedAt.toISOString() });
    }
    return entries;
  };

  const platformOrganisation = async (): Promise<OrganisationRecord> => {
    const existing = await organisations.findBySlug(PLATFORM_ORGANISATION.slug);
    if (existing) return existing;
    return db.transaction().execute(async (trx) => {
      const created = await organisations.insert(trx, PLATFORM_ORGANISATION);
      await recordEvent(trx, { type: EVENT_TYPES.organisationCreated, organisationId: created.id, subjectType: 'organisation', subjectId: created.id, payload: { slug: created.slug, kind: created.kind, platform: true } });
      return created;
    });
  };

  const harvest = async (source: RegistrySourceRecord): Promise<void> => {
    const at = clock();
    const { fetchCredential, verify } = deps.verification();
    let result: { publisherDid: string; entries: RegistryEntry[] } | { error: string };
    try {
      const document = JSON.parse(await fetchCredential(source.url)) as unknown;
      const report = await verify(document);
      const failed = report.checks.find((c) => c.outcome === 'fail');
      const read = readRegistryCredential(report.credential);
      const publisherDid = report.credential ? issuerIdOf(report.credential) : undefined;
      if (failed) result = { error: `The registry does not verify (${failed.id}): ${failed.message}` };
      else if ('error' in read) result = read;
      else if (!publisherDid) result = { error: 'The registry names no issuer.' };
      // The publisher is pinned at the first successful harvest: a list signed by someone else later is refused.
      else if (source.publisherDid && source.publisherDid !== publisherDid) result = { error: `The registry is now signed by ${publisherDid}, not ${source.publisherDid} as before; remove and add the source again if that is expected.` };
      else result = { publisherDid, entries: read.entries };
    } catch (error) {
      if (error instanceof SyntaxError) result = { error: 'The registry is not JSON.' };
      else if (isAppError(error) && error.status < 500) result = { error: error.detail };
      else throw error;
    }
    await registry.recordHarvest(source.id, { at, ...result });
    forget();
  };

  const service = {
    /** Whether an issuer id (a DID) is approved here or listed by a trusted registry of another instance. */
    async isTrusted(issuerId: string): Promise<boolean> {
      const load = async () => {
        const ids = new Set((await localEntries()).flatMap((entry) => entry.ids));
        for (const source of await registry.sources()) for (const entry of source.entries) for (const id of entry.ids) ids.add(id);
        trusted = { ids, at: clock().getTime() };
        return ids;
      };
      const cached = trusted && clock().getTime() - trusted.at <= TRUST_CACHE_MS ? trusted.ids : await load();
      if (cached.has(issuerId)) return true;
      // A miss is read afresh: an approved issuer's new key (a rotation, a switch to did:key) counts at once,
      // while a withdrawal (which clears the cache) never lingers.
      return (await load()).has(issuerId);
    },

    /** Issuing organisations (issuers and industry partners) with their standing approval and history. */
    async issuers(principal: Principal): Promise<RegistryIssuer[]> {
      authorizeWith(policies, principal, 'registry.read', undefined as never);
      const all = await registry.allApprovals();
      return (await organisations.list())
        .filter((organisation) => organisation.kind !== 'employer' && organisation.slug !== PLATFORM_ORGANISATION.slug)
        .map((organisation) => {
          const history = all.filter((a) => a.organisationId === organisation.id);
          return { organisation, approval: history.find((a) => a.withdrawnAt === null) ?? null, history };
        });
    },

    async approve(principal: Principal, slug: string, check: { method: VettingMethod; evidenceUrl?: string | undefined; notes: string }): Promise<ApprovalRecord> {
      const actor = authorizeWith(policies, principal, 'registry.manage', undefined as never);
      const organisation = await requireOrganisation(slug);
      if (organisation.kind === 'employer') throw notAnIssuer(slug);
      const id = await db.transaction().execute(async (trx) => {
        if (await registry.standingApprovalOf(trx, organisation.id)) throw alreadyApproved(slug);
        const approvalId = await registry.insertApproval(trx, { organisationId: organisation.id, method: check.method, evidenceUrl: check.evidenceUrl ?? null, notes: check.notes, approvedBy: actor.person.id, approvedAt: clock() });
        await recordEvent(trx, { type: EVENT_TYPES.trustedIssuerApproved, actorId: actor.person.id, organisationId: organisation.id, subjectType: 'organisation', subjectId: organisation.id, payload: { method: check.method } });
        return approvalId;
      }).catch((error: unknown) => {
        // Two admins approving at once: the partial unique index lets one win.
        if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505') throw alreadyApproved(slug);
        throw error;
      });
      forget();
      return (await registry.allApprovals()).find((a) => a.id === id)!;
    },

    async withdraw(principal: Principal, slug: string, reason: string): Promise<ApprovalRecord> {
      const actor = authorizeWith(policies, principal, 'registry.manage', undefined as never);
      const organisation = await requireOrganisation(slug);
      const id = await db.transaction().execute(async (trx) => {
        const standing = await registry.standingApprovalOf(trx, organisation.id);
        if (!standing) throw notApproved(slug);
        await registry.withdraw(trx, standing.id, { by: actor.person.id, at: clock(), reason });
        await recordEvent(trx, { type: EVENT_TYPES.trustedIssuerWithdrawn, actorId: actor.person.id, organisationId: organisation.id, subjectType: 'organisation', subjectId: organisation.id, payload: { reason } });
        return standing.id;
      });
      forget();
      return (await registry.allApprovals()).find((a) => a.id === id)!;
    },

    /** The signed, public list of approved issuers (see registry-credential.ts). */
    async publishedList(): Promise<Record<string, unknown>> {
      const entries = await localEntries();
      const key = JSON.stringify(entries);
      const now = clock();
      if (signed && signed.key === key && now.getTime() - signed.at < RESIGN_AFTER_MS) return signed.credential;
      const identity = await deps.keys.identityFor(await platformOrganisation());
      const credential = await issueCredential({
        credential: buildRegistryCredential({ publicUrl: deps.publicUrl, publisher: { did: identity.did, name: identity.organisation.name }, entries, issuedAt: now }),
        signer: identity.signer,
        documentLoader: deps.documentLoader,
        clock: () => now,
      });
      signed = { key, at: now.getTime(), credential };
      return credential;
    },

    async sources(principal: Principal): Promise<RegistrySourceRecord[]> {
      authorizeWith(policies, principal, 'registry.read', undefined as never);
      return registry.sources();
    },

    /** Trusts another instance's registry: stored, then harvested at once (a failure is kept on the source, not thrown). */
    async addSource(principal: Principal, url: string): Promise<RegistrySourceRecord> {
      const actor = authorizeWith(policies, principal, 'registry.manage', undefined as never);
      if (!/^https?:\/\//.test(url)) throw invalidInput('A registry URL starts with https://.');
      if (await registry.sourceByUrl(url)) throw sourceExists(url);
      const id = await db.transaction().execute(async (trx) => {
        const sourceId = await registry.insertSource(trx, { url, addedBy: actor.person.id });
        await recordEvent(trx, { type: EVENT_TYPES.registrySourceAdded, actorId: actor.person.id, subjectType: 'trusted_registry_source', subjectId: sourceId, payload: { url } });
        return sourceId;
      });
      await harvest((await registry.source(id))!);
      return (await registry.source(id))!;
    },

    async refreshSource(principal: Principal, id: string): Promise<RegistrySourceRecord> {
      authorizeWith(policies, principal, 'registry.manage', undefined as never);
      const source = await registry.source(id);
      if (!source) throw sourceNotFound();
      await harvest(source);
      return (await registry.source(id))!;
    },

    /** The app starts one with its logger: it refreshes each source once it is `REGISTRY_REFRESH_MS` old. */
    createScheduler(onError: (error: unknown) => void, intervalMs = 60_000): DueWorkScheduler {
      return createDueWorkScheduler({ claimDue: () => registry.claimStale(clock(), new Date(clock().getTime() - REGISTRY_REFRESH_MS)), run: harvest, intervalMs, onError });
    },

    async removeSource(principal: Principal, id: string): Promise<void> {
      const actor = authorizeWith(policies, principal, 'registry.manage', undefined as never);
      await db.transaction().execute(async (trx) => {
        if (!(await registry.deleteSource(trx, id))) throw sourceNotFound();
        await recordEvent(trx, { type: EVENT_TYPES.registrySourceRemoved, actorId: actor.person.id, subjectType: 'trusted_registry_source', subjectId: id, payload: {} });
      });
      forget();
    },
  };
  return service;
}

export type RegistryService = ReturnType<typeof createRegistryService>;
