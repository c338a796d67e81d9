/**
 * Issuer key lifecycle as pure rules. An organisation has at most one `active` key, the one that signs.
 * Rotation retires it: a `retired` key stays in the DID document so credentials it signed keep verifying,
 * but Tessera no longer signs with it. A `compromised` key is one whose secret may be known to others from
 * `compromisedAt` on; proofs dated before that stay acceptable, later ones are not.
 */
export type IssuerKeyStatus = 'active' | 'retired' | 'compromised';

interface IssuerKeyBase {
  /** Stable id of the key in Tessera's store. (In DID documents the fragment is `publicKeyMultibase`.) */
  readonly id: string;
  readonly publicKeyMultibase: string;
  readonly createdAt: Date;
}
export interface ActiveIssuerKey extends IssuerKeyBase {
  readonly status: 'active';
}
export interface RetiredIssuerKey extends IssuerKeyBase {
  readonly status: 'retired';
  readonly retiredAt: Date;
}
export interface CompromisedIssuerKey extends IssuerKeyBase {
  readonly status: 'compromised';
  readonly compromisedAt: Date;
  /** When it was retired, if it had been before it was found compromised. */
  readonly retiredAt?: Date;
}
export type IssuerKey = ActiveIssuerKey | RetiredIssuerKey | CompromisedIssuerKey;

/** The key that signs now, if any (none after the active key was found compromised and before a rotation). */
export const activeKey = (keys: readonly IssuerKey[]): ActiveIssuerKey | undefined =>
  keys.find((key): key is ActiveIssuerKey => key.status === 'active');

/**
 * Makes `newKey` the active key: every active key is retired at `now`, the others are kept as they are.
 * Throws `TypeError` (misuse) if the id is already taken.
 */
export const rotate = (keys: readonly IssuerKey[], newKey: IssuerKeyBase, now: Date): IssuerKey[] => {
  if (keys.some((key) => key.id === newKey.id || key.publicKeyMultibase === newKey.publicKeyMultibase)) {
    throw new TypeError(`Key ${newKey.id} is already in the key set.`);
  }
  const kept = keys.map((key): IssuerKey => (key.status === 'active' ? { ...key, status: 'retired', retiredAt: now } : key));
  return [...kept, { id: newKey.id, publicKeyMultibase: newKey.publicKeyMultibase, createdAt: newKey.createdAt, status: 'active' }];
};

/**
 * Marks a key compromised from `compromisedAt` (which may lie in the past: the moment the secret is believed
 * to have leaked, not the moment it was noticed). A key already marked keeps the earlier of the two dates,
 * since accepting more proofs is never the safe direction. An active key stops being active: call `rotate`
 * next so the organisation can sign again.
 */
export const markCompromised = (keys: readonly IssuerKey[], keyId: string, compromisedAt: Date): IssuerKey[] => {
  if (!keys.some((key) => key.id === keyId)) throw new TypeError(`Key ${keyId} is not in the key set.`);
  return keys.map((key): IssuerKey => {
    if (key.id !== keyId) return key;
    const base = { id: key.id, publicKeyMultibase: key.publicKeyMultibase, createdAt: key.createdAt };
    if (key.status === 'compromised') {
      const earlier = key.compromisedAt <= compromisedAt ? key.compromisedAt : compromisedAt;
      return { ...key, compromisedAt: earlier };
    }
    const retiredAt = key.status === 'retired' ? { retiredAt: key.retiredAt } : {};
    return { ...base, status: 'compromised', compromisedAt, ...retiredAt };
  });
};

/**
 * Whether a proof whose `created` is `proofCreated` may be accepted for this key.
 * - active: yes.
 * - retired: yes. Tessera stops signing with it at `retiredAt`, but its secret is not known to be out, and a
 *   proof's `created` is the signer's own claim, so a date check would block nothing an attacker does.
 * - compromised: only proofs created strictly before `compromisedAt`; a proof without `created` cannot show
 *   that, so it is refused. The holder of a leaked key could backdate `created`; the issuer's remedy for
 *   credentials it doubts is revocation through the status list.
 */
export const isKeyValidAt = (
  key: Pick<ActiveIssuerKey, 'status'> | Pick<RetiredIssuerKey, 'status'> | Pick<CompromisedIssuerKey, 'status' | 'compromisedAt'>,
  proofCreated: Date | undefined,
): boolean => {
  if (key.status !== 'compromised') return true;
  if (proofCreated === undefined || Number.isNaN(proofCreated.getTime())) return false;
  return proofCreated.getTime() < key.compromisedAt.getTime();
};
