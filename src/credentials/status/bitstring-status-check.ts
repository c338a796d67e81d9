import { isAppError } from '../../errors.js';
import { getStatus, type Bitstring } from './bitstring.js';
import { decodeEncodedList } from './encoded-list.js';
import {
  STATUS_ERRORS,
  errorResult,
  isJsonObject,
  type JsonObject,
  type StatusEntryResult,
  type VerifyStatusListCredential,
} from './status-check-result.js';

/**
 * The validate algorithm of Bitstring Status List v1.0 §3.2, for one `credentialStatus` entry, also used
 * for the older StatusList2021 (same algorithm; no multibase prefix on `encodedList`).
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export interface BitstringVariant {
  entryType: 'BitstringStatusListEntry' | 'StatusList2021Entry';
  credentialType: 'BitstringStatusListCredential' | 'StatusList2021Credential';
  subjectType: 'BitstringStatusList' | 'StatusList2021';
  multibase: 'required' | 'optional';
}

export const BITSTRING_STATUS_LIST: BitstringVariant = {
  entryType: 'BitstringStatusListEntry',
  credentialType: 'BitstringStatusListCredential',
  subjectType: 'BitstringStatusList',
  multibase: 'required',
};
export const STATUS_LIST_2021: BitstringVariant = {
  entryType: 'StatusList2021Entry',
  credentialType: 'StatusList2021Credential',
  subjectType: 'StatusList2021',
  multibase: 'optional',
};

export interface BitstringCheckContext {
  /** Memoised per credential, so two entries on one list fetch it once. `undefined`: not found. */
  fetchList: (url: string) => Promise<unknown>;
  verifyStatusListCredential?: VerifyStatusListCredential;
  now?: () => Date;
  minimumNumberOfEntries: number;
}

interface ParsedEntry {
  type: string;
  statusPurpose: string;
  statusListIndex: number;
  statusListCredential: string;
  statusSize: number;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The spec writes the index as a base-10 string; the 1EdTech validator's fixtures use a JSON number, accepted too. */
const parseIndex = (value: unknown): number | undefined => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^(0|[1-9]\d{0,14})$/.test(text)) return undefined;
  return Number(text);
};

const parseEntry = (entry: JsonObject, type: string): ParsedEntry | string => {
  const { statusPurpose, statusListCredential } = entry;
  const statusListIndex = parseIndex(entry.statusListIndex);
  const statusSize = entry.statusSize === undefined ? 1 : entry.statusSize;
  if (typeof statusPurpose !== 'string' || statusPurpose === '') return 'statusPurpose is missing.';
  if (statusListIndex === undefined) return 'statusListIndex is not a non-negative integer.';
  if (typeof statusListCredential !== 'string' || !URL.canParse(statusListCredential)) return 'statusListCredential is not a URL.';
  if (typeof statusSize !== 'number' || !Number.isInteger(statusSize) || statusSize < 1 || statusSize > 8) return 'statusSize is not 1 to 8.';
  return { type, statusPurpose, statusListIndex, statusListCredential, statusSize };
};

const verifyList = async (list: JsonObject, context: BitstringCheckContext): Promise<string | undefined> => {
  if (!context.verifyStatusListCredential) return undefined;
  try {
    const outcome = await context.verifyStatusListCredential(list);
    const verified = typeof outcome === 'boolean' ? outcome : outcome.verified;
    const message = typeof outcome === 'boolean' ? undefined : outcome.message;
    return verified ? undefined : `the status list credential does not verify${message ? `: ${message}` : ''}`;
  } catch (error) {
    return `the status list credential could not be verified: ${error instanceof Error ? error.message : String(error)}`;
  }
};

/** The list's own validity period (VC DM 2.0 validFrom/validUntil; v1.1 expirationDate). */
const outsideValidity = (list: JsonObject, now: Date | undefined): string | undefined => {
  if (!now) return undefined;
  const time = (value: unknown) => (typeof value === 'string' ? new Date(value).getTime() : Number.NaN);
  if (time(list.validFrom) > now.getTime()) return 'the status list is not valid yet';
  const until = Math.min(time(list.validUntil), time(list.expirationDate));
  return until < now.getTime() ? 'the status list has expired' : undefined;
};

/** The list's subject for this purpose: `statusPurpose` may be one value or several (spec §3.2 step 5). */
const subjectFor = (list: JsonObject, variant: BitstringVariant, purpose: string): JsonObject | undefined =>
  asArray(list.credentialSubject)
    .filter(isJsonObject)
    .find((subject) => asArray(subject.type).includes(variant.subjectType) && asArray(subject.statusPurpose).includes(purpose));

const statusOf = (entry: JsonObject, parsed: ParsedEntry, value: number): Pick<StatusEntryResult, 'status' | 'message'> => {
  const at = `entry ${parsed.statusListIndex} of ${parsed.statusListCredential}`;
  if (parsed.statusPurpose === 'revocation') {
    return value === 0 ? { status: 'ok', message: `Not revoked: ${at} is clear.` } : { status: 'revoked', message: `Revoked: ${at} is set.` };
  }
  if (parsed.statusPurpose === 'suspension') {
    return value === 0 ? { status: 'ok', message: `Not suspended: ${at} is clear.` } : { status: 'suspended', message: `Suspended: ${at} is set.` };
  }
  // `message` (and `refresh`) lists carry information, not a verdict on validity.
  const hex = `0x${value.toString(16)}`;
  const text = asArray(entry.statusMessage)
    .filter(isJsonObject)
    .find((candidate) => typeof candidate.status === 'string' && candidate.status.toLowerCase() === hex)?.message;
  return { status: 'ok', message: typeof text === 'string' ? text : `Status ${hex} (${parsed.statusPurpose}) at ${at}.` };
};

const readBitstring = (subject: JsonObject, variant: BitstringVariant): Bitstring | string => {
  if (typeof subject.encodedList !== 'string') return 'the status list has no encodedList';
  try {
    return decodeEncodedList(subject.encodedList, { multibase: variant.multibase });
  } catch (error) {
    return isAppError(error) ? error.detail : 'encodedList cannot be expanded';
  }
};

export const checkBitstringEntry = async (
  entry: JsonObject,
  variant: BitstringVariant,
  context: BitstringCheckContext,
): Promise<StatusEntryResult> => {
  const parsed = parseEntry(entry, variant.entryType);
  const base = { type: variant.entryType, statusPurpose: typeof entry.statusPurpose === 'string' ? entry.statusPurpose : 'unknown' };
  if (typeof parsed === 'string') return errorResult(base, STATUS_ERRORS.malformedValue, `The status entry is malformed: ${parsed}`);
  const where = { ...base, statusListCredential: parsed.statusListCredential, statusListIndex: parsed.statusListIndex };

  let list: unknown;
  try {
    list = await context.fetchList(parsed.statusListCredential);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return errorResult(where, STATUS_ERRORS.retrieval, `status list could not be retrieved: ${parsed.statusListCredential} (${reason})`);
  }
  if (list === undefined || list === null) return errorResult(where, STATUS_ERRORS.retrieval, `status list not found: ${parsed.statusListCredential}`);
  if (!isJsonObject(list)) return errorResult(where, STATUS_ERRORS.malformedValue, 'The status list is not a JSON object.');

  const unverified = (await verifyList(list, context)) ?? outsideValidity(list, context.now?.());
  if (unverified) return errorResult(where, STATUS_ERRORS.verification, `Status list ${parsed.statusListCredential}: ${unverified}.`);
  if (!asArray(list.type).includes(variant.credentialType)) {
    return errorResult(where, STATUS_ERRORS.verification, `${parsed.statusListCredential} is not a ${variant.credentialType}.`);
  }
  const subject = subjectFor(list, variant, parsed.statusPurpose);
  if (!subject) return errorResult(where, STATUS_ERRORS.verification, `${parsed.statusListCredential} is not a ${parsed.statusPurpose} list.`);

  const bitstring = readBitstring(subject, variant);
  if (typeof bitstring === 'string') return errorResult(where, STATUS_ERRORS.malformedValue, `Status list ${parsed.statusListCredential}: ${bitstring}.`);
  const entries = Math.floor(bitstring.length / parsed.statusSize);
  if (entries < context.minimumNumberOfEntries) {
    return errorResult(where, STATUS_ERRORS.listLength, `${parsed.statusListCredential} has ${entries} entries, fewer than the ${context.minimumNumberOfEntries} required for group privacy.`);
  }
  if (parsed.statusListIndex >= entries) {
    return errorResult(where, STATUS_ERRORS.range, `Index ${parsed.statusListIndex} is outside ${parsed.statusListCredential} (${entries} entries).`);
  }
  const value = getStatus(bitstring, parsed.statusListIndex, parsed.statusSize);
  return { ...where, value, ...statusOf(entry, parsed, value) };
};

