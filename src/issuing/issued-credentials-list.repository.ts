import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { issuedCredentialColumns, toIssuedCredentialRecord, type IssuedCredentialRecord } from './issued-credentials.repository.js';

export interface IssuedListFilter {
  organisationId: string;
  achievementId?: string;
  status?: 'valid' | 'expired' | 'revoked' | 'suspended';
  recipientEmail?: string;
  /** The (issued, id) of the last row of the previous page. */
  before?: { issuedAt: Date; id: string };
  limit: number;
  now: Date;
}

export interface IssuedListRow {
  record: IssuedCredentialRecord;
  recipient: { email: string; displayName: string } | null;
}

/** An organisation's issued credentials, newest first, filtered as its admins ask. */
export function createIssuedCredentialsListRepository(db: Kysely<Database>) {
  return {
    async page(filter: IssuedListFilter): Promise<IssuedListRow[]> {
      let query = db
        .selectFrom('issued_credentials as c')
        .leftJoin('people as p', 'p.id', 'c.recipient_person_id')
        .select(issuedCredentialColumns.map((column) => `c.${column}` as const))
        .select(['p.email as recipient_email', 'p.display_name as recipient_name'])
        .where('c.organisation_id', '=', filter.organisationId);
      if (filter.achievementId) query = query.where('c.achievement_id', '=', filter.achievementId);
      // Recipients' emails are hashed in the credential; the account the credential went to holds the address.
      if (filter.recipientEmail) query = query.where((eb) => eb(eb.fn('lower', ['p.email']), '=', filter.recipientEmail!.toLowerCase()));
      if (filter.status === 'revoked' || filter.status === 'suspended') query = query.where('c.status', '=', filter.status);
      if (filter.status === 'expired') query = query.where('c.status', '=', 'active').where('c.valid_until', '<=', filter.now);
      if (filter.status === 'valid') query = query.where('c.status', '=', 'active').where((eb) => eb.or([eb('c.valid_until', 'is', null), eb('c.valid_until', '>', filter.now)]));
      if (filter.before) {
        const { issuedAt, id } = filter.before;
        query = query.where((eb) => eb.or([eb('c.issued_at', '<', issuedAt), eb.and([eb('c.issued_at', '=', issuedAt), eb('c.id', '<', id)])]));
      }
      const rows = await query.orderBy('c.issued_at', 'desc').orderBy('c.id', 'desc').limit(filter.limit).execute();
      return rows.map((row) => ({
        record: toIssuedCredentialRecord(row),
        recipient: row.recipient_email !== null && row.recipient_name !== null ? { email: row.recipient_email, displayName: row.recipient_name } : null,
      }));
    },
  };
}

export type IssuedCredentialsListRepository = ReturnType<typeof createIssuedCredentialsListRepository>;
