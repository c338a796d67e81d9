import type { Principal } from '../accounts/principal.js';
import type { IssuedCredentialsRepository } from '../issuing/issued-credentials.repository.js';
import { authorizeIssuing } from '../issuing/issuing.access.js';
import { credentialNotFound } from '../issuing/issuing.errors.js';
import { credentialCard, type CredentialCard } from './credential-standing.js';
import type { WalletRepository } from './wallet.repository.js';

/** The learner's side of credentials issued here: cards with their standing and why. */
export function createWalletService(deps: { issued: IssuedCredentialsRepository; wallet: WalletRepository; clock: () => Date }) {
  const { issued, wallet, clock } = deps;
  const ownerId = (principal: Principal) => (principal.kind === 'person' ? principal.person.id : null);

  return {
    async listOwn(principal: Principal): Promise<CredentialCard[]> {
      const person = authorizeIssuing(principal, 'credentials.read_own', { organisationId: '', recipientPersonId: ownerId(principal) });
      const records = await issued.ofRecipient(person.person.id);
      const latest = await wallet.latestStatusChanges(records.map((r) => r.id));
      const now = clock();
      return records.map((record) => credentialCard(record, latest.get(record.id), now));
    },

    async getOwn(principal: Principal, id: string): Promise<CredentialCard> {
      const person = authorizeIssuing(principal, 'credentials.read_own', { organisationId: '', recipientPersonId: ownerId(principal) });
      const record = await issued.find(id);
      // In "my" credentials, someone else's is simply not there (their issuer reads it at /credentials/{id}).
      if (!record || record.recipientPersonId !== person.person.id) throw credentialNotFound();
      const latest = await wallet.latestStatusChanges([id]);
      return credentialCard(record, latest.get(id), clock());
    },
  };
}

export type WalletService = ReturnType<typeof createWalletService>;
