import { MINIMUM_STATUS_LIST_ENTRIES } from './bitstring.js';
import { BITSTRING_STATUS_LIST, STATUS_LIST_2021, checkBitstringEntry, type BitstringCheckContext } from './bitstring-status-check.js';
import { REVOCATION_LIST_ENTRY_TYPE, checkRevocationListEntry } from './revocation-list-check.js';
import {
  STATUS_ERRORS,
  errorResult,
  isJsonObject,
  type FetchStatusList,
  type StatusEntryResult,
  type VerifyStatusListCredential,
} from './status-check-result.js';

export interface StatusCheckerOptions {
  /** Fetches a list by URL; `undefined` (or a throw) when it cannot be had. Caching belongs here (spec §3.2: verifiers SHOULD cache). */
  fetchStatusList: FetchStatusList;
  /**
   * Verifies a fetched status list credential's proofs. The spec requires it (§3.2 step 4); without it the
   * lists are read unverified, which is only right for lists from a trusted store (Tessera's own).
   */
  verifyStatusListCredential?: VerifyStatusListCredential;
  /** Clock for the lists' validity periods; without it they are not checked here (a verifier usually checks them). */
  now?: () => Date;
  /**
   * Lists with fewer entries fail with STATUS_LIST_LENGTH_ERROR. The spec's 131,072 unless "a different lower
   * bound is established by a specific ecosystem specification"; the Digital Credentials Consortium's
   * lists, for one, have 100,000.
   */
  minimumNumberOfEntries?: number;
}

/** Checks every `credentialStatus` entry of a credential; one result per entry, never throws for remote failures. */
export type StatusChecker = (credential: Record<string, unknown>) => Promise<StatusEntryResult[]>;

export const createStatusChecker = (options: StatusCheckerOptions): StatusChecker => async (credential) => {
  // One fetch per list per credential, however many entries point at it.
  const fetched = new Map<string, Promise<unknown>>();
  const fetchList = (url: string): Promise<unknown> => {
    const pending = fetched.get(url) ?? options.fetchStatusList(url);
    fetched.set(url, pending);
    return pending;
  };
  const context: BitstringCheckContext = {
    fetchList,
    minimumNumberOfEntries: options.minimumNumberOfEntries ?? MINIMUM_STATUS_LIST_ENTRIES,
    ...(options.verifyStatusListCredential ? { verifyStatusListCredential: options.verifyStatusListCredential } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const entries = credential.credentialStatus === undefined ? [] : [credential.credentialStatus].flat();
  return Promise.all(
    entries.map(async (entry): Promise<StatusEntryResult> => {
      if (!isJsonObject(entry)) return errorResult({ type: 'unknown', statusPurpose: 'unknown' }, STATUS_ERRORS.malformedValue, 'A credentialStatus entry is not an object.');
      switch (entry.type) {
        case BITSTRING_STATUS_LIST.entryType:
          return checkBitstringEntry(entry, BITSTRING_STATUS_LIST, context);
        case STATUS_LIST_2021.entryType:
          return checkBitstringEntry(entry, STATUS_LIST_2021, context);
        case REVOCATION_LIST_ENTRY_TYPE:
          return checkRevocationListEntry(entry, credential.id, fetchList);
        default: {
          const type = typeof entry.type === 'string' ? entry.type : 'unknown';
          return errorResult({ type, statusPurpose: String(entry.statusPurpose ?? type) }, STATUS_ERRORS.unsupportedType, `Tessera cannot check status of type ${type}.`);
        }
      }
    }),
  );
};
