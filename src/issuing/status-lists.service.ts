import type { Transaction } from 'kysely';
import type { OrganisationRecord } from '../accounts/organisations.repository.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import type { RandomBytes } from '../credentials/keys/issuer-key.js';
import { signProof } from '../credentials/proof/sign-proof.js';
import { bitstringFromBytes, getBit, MINIMUM_STATUS_LIST_ENTRIES, withBits } from '../credentials/status/bitstring.js';
import { allocateStatusIndex } from '../credentials/status/status-allocation.js';
import { buildBitstringStatusListCredential, buildBitstringStatusListEntry, type BitstringStatusListEntry } from '../credentials/status/status-list-credential.js';
import type { Database } from '../db/tables.js';
import type { IssuerKeysService } from './issuer-keys.service.js';
import type { StatusPurpose } from './issuing.tables.js';
import { statusListNotFound } from './issuing.errors.js';
import type { StatusListRecord, StatusListsRepository } from './status-lists.repository.js';

export interface StatusListsServiceDeps {
  lists: StatusListsRepository;
  keys: IssuerKeysService;
  organisationById: (id: string) => Promise<OrganisationRecord | undefined>;
  documentLoader: DocumentLoader;
  publicUrl: string;
  clock: () => Date;
  randomBytes: RandomBytes;
  /** Entries per list; the spec's minimum unless a test wants small lists to fill. */
  listLength?: number;
}

export interface StatusAllocationResult {
  listId: string;
  index: number;
}

/**
 * Bitstring status lists: random positions for new credentials (herd privacy), revocation and suspension
 * bits, and the signed list credential verifiers fetch. A list that fills is closed and a new one opened.
 */
export function createStatusListsService(deps: StatusListsServiceDeps) {
  const { lists, clock } = deps;
  const listLength = deps.listLength ?? MINIMUM_STATUS_LIST_ENTRIES;

  const listUrl = (organisation: Pick<OrganisationRecord, 'slug'>, listId: string): string => `${deps.publicUrl}/orgs/${organisation.slug}/status/${listId}`;

  /** Hands out `count` unused positions in the organisation's lists, in the caller's transaction. */
  async function allocate(trx: Transaction<Database>, organisationId: string, purpose: StatusPurpose, count: number): Promise<StatusAllocationResult[]> {
    const result: StatusAllocationResult[] = [];
    while (result.length < count) {
      const list = (await lists.lockOpenList(trx, organisationId, purpose)) ?? (await lists.create(trx, { organisationId, purpose, length: listLength }));
      let allocated = bitstringFromBytes(list.allocatedBits);
      let allocatedCount = list.allocatedCount;
      const fresh: number[] = [];
      while (result.length + fresh.length < count) {
        const pick = allocateStatusIndex({ length: list.length, allocatedCount, isAllocated: (index) => getBit(allocated, index), randomBytes: deps.randomBytes });
        if ('full' in pick) break;
        allocated = withBits(allocated, [pick.statusListIndex], true);
        allocatedCount += 1;
        fresh.push(pick.statusListIndex);
      }
      await lists.saveAllocation(trx, list.id, allocated.bytes, allocatedCount, allocatedCount >= list.length);
      result.push(...fresh.map((index) => ({ listId: list.id, index })));
    }
    return result;
  }

  return {
    allocate,

    entryFor(organisation: Pick<OrganisationRecord, 'slug'>, purpose: StatusPurpose, allocation: StatusAllocationResult): BitstringStatusListEntry {
      return buildBitstringStatusListEntry({ statusListCredential: listUrl(organisation, allocation.listId), statusListIndex: allocation.index, statusPurpose: purpose });
    },

    /** Sets (revoke/suspend) or clears (reinstate) one credential's bit; visible in the next fetch of the list. */
    async setStatus(trx: Transaction<Database>, listId: string, index: number, value: boolean): Promise<void> {
      const list = await lists.lock(trx, listId);
      if (!list) throw statusListNotFound();
      const bits = withBits(bitstringFromBytes(list.statusBits), [index], value);
      await lists.saveStatusBits(trx, listId, bits.bytes, clock());
    },

    async isSet(listId: string, index: number): Promise<boolean> {
      const list = await lists.find(listId);
      if (!list) throw statusListNotFound();
      return getBit(bitstringFromBytes(list.statusBits), index);
    },

    /** The signed BitstringStatusListCredential as it stands now; re-signed only after a change. */
    async signedList(organisationSlug: string, listId: string): Promise<{ credential: Record<string, unknown>; updatedAt: Date }> {
      const list = await lists.find(listId);
      const organisation = list && (await deps.organisationById(list.organisationId));
      if (!list || !organisation || organisation.slug !== organisationSlug) throw statusListNotFound();
      if (list.signedCredential && list.signedAt && list.signedAt >= list.updatedAt) return { credential: list.signedCredential, updatedAt: list.updatedAt };
      return { credential: await sign(list, organisation), updatedAt: list.updatedAt };
    },
  };

  async function sign(list: StatusListRecord, organisation: OrganisationRecord): Promise<Record<string, unknown>> {
    const identity = await deps.keys.identityFor(organisation);
    const now = clock();
    const unsigned = buildBitstringStatusListCredential({
      id: listUrl(organisation, list.id),
      issuer: identity.did,
      statusPurpose: list.purpose,
      bitstring: bitstringFromBytes(list.statusBits),
      validFrom: now,
    });
    const credential = await signProof({ document: unsigned, signer: identity.signer, documentLoader: deps.documentLoader, created: now });
    await lists.saveSigned(list.id, credential, now, list.updatedAt);
    return credential;
  }
}

export type StatusListsService = ReturnType<typeof createStatusListsService>;
