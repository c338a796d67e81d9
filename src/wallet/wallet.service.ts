import type { Principal } from '../accounts/principal.js';
import type { IssuedCredentialsRepository } from '../issuing/issued-credentials.repository.js';
import { authorizeIssuing } from '../issuing/issuing.access.js';
import { credentialNotFound } from '../issuing/issuing.errors.js';
import { credentialCard } from './credential-standing.js';
import type { HoldingsRepository } from './holdings/holdings.repository.js';
import type { KnownHolder } from './holder-match.js';
import { authorizeWallet } from './wallet.access.js';
import { entryFromHolding, entryFromIssued, type WalletEntry } from './wallet-entry.js';
import type { WalletRepository } from './wallet.repository.js';

/** The learner's wallet: credentials issued to them here and those they imported, with standing, hidden or not. */
export function createWalletService(deps: {
  issued: IssuedCredentialsRepository;
  wallet: WalletRepository;
  holdings: HoldingsRepository;
  /** The person's email address and holder DID, against which imported credentials are matched. */
  knownHolder(personId: string): Promise<KnownHolder>;
  clock: () => Date;
}) {
  const { issued, wallet, holdings, knownHolder, clock } = deps;
  const ownerId = (principal: Principal) => (principal.kind === 'person' ? principal.person.id : null);
  const readOwn = (principal: Principal) => authorizeIssuing(principal, 'credentials.read_own', { organisationId: '', recipientPersonId: ownerId(principal) });

  /** Every credential of the person, newest first; imported ones after none in particular, by date. */
  const entriesOf = async (personId: string): Promise<WalletEntry[]> => {
    const [records, imported, hidden] = await Promise.all([issued.ofRecipient(personId), holdings.ofPerson(personId), holdings.hiddenOf(personId)]);
    const [latest, holder] = await Promise.all([wallet.latestStatusChanges(records.map((r) => r.id)), imported.length > 0 ? knownHolder(personId) : null]);
    const now = clock();
    return [
      ...records.map((record) => entryFromIssued(credentialCard(record, latest.get(record.id), now), hidden.has(record.id))),
      ...imported.map((holding) => entryFromHolding(holding, hidden.has(holding.id), holder!)),
    ].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  };

  /** One credential of the person; someone else's is simply not there (its issuer reads it at /credentials/{id}). */
  const entryOf = async (personId: string, id: string): Promise<WalletEntry> => {
    const record = await issued.find(id);
    if (record && record.recipientPersonId === personId) {
      const latest = await wallet.latestStatusChanges([id]);
      return entryFromIssued(credentialCard(record, latest.get(id), clock()), (await holdings.hiddenOf(personId)).has(id));
    }
    const holding = await holdings.find(id);
    if (!holding || holding.personId !== personId) throw credentialNotFound();
    const [hidden, holder] = await Promise.all([holdings.hiddenOf(personId), knownHolder(personId)]);
    return entryFromHolding(holding, hidden.has(id), holder);
  };

  return {
    entriesOf,
    entryOf,

    async listOwn(principal: Principal): Promise<WalletEntry[]> {
      return entriesOf(readOwn(principal).person.id);
    },

    async getOwn(principal: Principal, id: string): Promise<WalletEntry> {
      return entryOf(readOwn(principal).person.id, id);
    },

    /** Hidden credentials stay in the wallet (under "Hidden") but are left out of share pickers and cannot be shared. */
    async setHidden(principal: Principal, id: string, hidden: boolean): Promise<WalletEntry> {
      const person = authorizeWallet(principal, 'wallet.write');
      await entryOf(person.person.id, id);
      await holdings.setHidden(person.person.id, id, hidden, clock());
      return entryOf(person.person.id, id);
    },
  };
}

export type WalletService = ReturnType<typeof createWalletService>;
