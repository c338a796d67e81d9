import { STATUS_ERRORS, errorResult, isJsonObject, type JsonObject, type StatusEntryResult } from './status-check-result.js';

/**
 * `1EdTechRevocationList`, the status method OB 3.0 credentials used before Bitstring Status List. The OB 3.0
 * data model itself only defines a generic `CredentialStatus` (`id`, `type`); this type comes from 1EdTech's
 * Revocation List Status Method (vcrl v1p0), which the OB 3.0 examples and displayer conformance tests use.
 * The entry's `id` is the URL of the issuer's revocation list: a JSON `RevocationList` whose
 * `revokedCredentials` holds `{ id, revocationReason? }` per revoked credential. The credential is revoked when
 * its own `id` is listed. The list is not signed; it is trusted as far as its URL is.
 * @see https://www.imsglobal.org/spec/vcrl/v1p0/
 */
export const REVOCATION_LIST_ENTRY_TYPE = '1EdTechRevocationList';

export const checkRevocationListEntry = async (
  entry: JsonObject,
  credentialId: unknown,
  fetchList: (url: string) => Promise<unknown>,
): Promise<StatusEntryResult> => {
  const base = { type: REVOCATION_LIST_ENTRY_TYPE, statusPurpose: 'revocation' };
  const url = entry.id;
  if (typeof url !== 'string' || !URL.canParse(url)) return errorResult(base, STATUS_ERRORS.malformedValue, 'The 1EdTechRevocationList entry has no list URL as its id.');
  const where = { ...base, statusListCredential: url };
  // Without its own id a credential cannot be looked up in the list.
  if (typeof credentialId !== 'string') return errorResult(where, STATUS_ERRORS.malformedValue, 'The credential has no id to look up in its revocation list.');
  let list: unknown;
  try {
    list = await fetchList(url);
  } catch (error) {
    return errorResult(where, STATUS_ERRORS.retrieval, `status list could not be retrieved: ${url} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (list === undefined || list === null) return errorResult(where, STATUS_ERRORS.retrieval, `status list not found: ${url}`);
  if (!isJsonObject(list) || !Array.isArray(list.revokedCredentials)) {
    return errorResult(where, STATUS_ERRORS.malformedValue, `${url} is not a revocation list (no revokedCredentials).`);
  }
  const revoked = list.revokedCredentials.filter(isJsonObject).find((candidate) => candidate.id === credentialId);
  if (!revoked) return { ...where, status: 'ok', message: `Not revoked: ${credentialId} is not on ${url}.` };
  const reason = typeof revoked.revocationReason === 'string' ? ` (${revoked.revocationReason})` : '';
  return { ...where, status: 'revoked', message: `Revoked: ${credentialId} is on ${url}${reason}.` };
};
