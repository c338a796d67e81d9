import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Principal } from '../accounts/principal.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../db/keyset-cursor.js';
import { credentialCard, type CredentialCard, type Standing } from '../wallet/credential-standing.js';
import type { WalletRepository } from '../wallet/wallet.repository.js';
import type { IssuedCredentialsListRepository } from './issued-credentials-list.repository.js';
import { authorizeIssuing } from './issuing.access.js';

export interface IssuedCredentialsQuery {
  achievementId?: string;
  status?: Standing;
  recipientEmail?: string;
  limit?: number;
  before?: string;
}

export interface IssuedCredentialEntry extends CredentialCard {
  recipient: { email: string; displayName: string } | null;
  /** Suspension needs a second status entry, which only plain VCs carry (OB 3.0 credentials hold one). */
  canSuspend: boolean;
}

/** An organisation's issued credentials for its admins, with the standing and actions of each. */
export function createIssuedCredentialsListService(deps: {
  list: IssuedCredentialsListRepository;
  wallet: WalletRepository;
  organisations: Pick<OrganisationsRepository, 'findBySlug'>;
  clock: () => Date;
}) {
  return {
    async list(principal: Principal, slug: string, query: IssuedCredentialsQuery): Promise<{ items: IssuedCredentialEntry[]; next?: string }> {
      const organisation = await deps.organisations.findBySlug(slug);
      // An unknown organisation looks like one you do not administer.
      authorizeIssuing(principal, 'credentials.read_issued', { organisationId: organisation?.id ?? '' });
      if (!organisation) return { items: [] };
      const limit = query.limit ?? 25;
      const now = deps.clock();
      const rows = await deps.list.page({
        organisationId: organisation.id,
        limit: limit + 1,
        now,
        ...(query.achievementId ? { achievementId: query.achievementId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.recipientEmail ? { recipientEmail: query.recipientEmail } : {}),
        ...(query.before ? { before: toIssued(decodeKeysetCursor(query.before)) } : {}),
      });
      const page = rows.slice(0, limit);
      const latest = await deps.wallet.latestStatusChanges(page.map((r) => r.record.id));
      const items = page.map(({ record, recipient }) => ({ ...credentialCard(record, latest.get(record.id), now), recipient, canSuspend: record.suspension !== null }));
      const last = page.at(-1);
      return { items, ...(rows.length > limit && last ? { next: encodeKeysetCursor({ at: last.record.issuedAt, id: last.record.id }) } : {}) };
    },
  };
}

export type IssuedCredentialsListService = ReturnType<typeof createIssuedCredentialsListService>;

const toIssued = ({ at, id }: { at: Date; id: string }) => ({ issuedAt: at, id });
