import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/principal.js';
import type { Database } from '../db/tables.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { summariseCredential } from '../wallet/credential-summary.js';
import { recordEvent } from '../tracking/event-log.js';
import type { IssuedCredentialRecord, IssuedCredentialsRepository, StatusChangeRecord } from './issued-credentials.repository.js';
import { authorizeIssuing } from './issuing.access.js';
import { credentialNotFound, statusChangeNotAllowed } from './issuing.errors.js';
import type { CredentialStatusValue } from './issuing.tables.js';
import type { StatusListsService } from './status-lists.service.js';

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

/** Which status each action leads to from which, and the list bit it sets or clears. */
const TRANSITIONS: Record<StatusAction, { from: CredentialStatusValue[]; to: CredentialStatusValue }> = {
  // Revocation is final (Bitstring Status List: a revoked credential is not reinstated); a suspended one can be revoked.
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
};

const EVENT_TYPES: Record<StatusAction, string> = { revoke: 'credential.revoked', suspend: 'credential.suspended', reinstate: 'credential.reinstated' };

export interface CredentialDetail {
  record: IssuedCredentialRecord;
  history: StatusChangeRecord[];
}

/** Reading issued credentials, and revoking, suspending and reinstating them with a reason. */
export function createCredentialStatusService(deps: {
  db: Kysely<Database>;
  issued: IssuedCredentialsRepository;
  statusLists: StatusListsService;
  clock: () => Date;
  /** The catalogue's search index counts active endorsements, so revoking one refreshes the achievement's entry. */
  searchIndex?: { refresh(trx: Transaction<Database>, achievementId: string): Promise<void> };
  /** The recipient hears of a revocation, suspension or reinstatement in the same transaction. */
  notifications?: Pick<NotificationsService, 'notify'>;
}) {
  const { db, issued, statusLists } = deps;

  return {
    async get(principal: Principal, id: string): Promise<CredentialDetail> {
      const record = await issued.find(id);
      // An unknown id and someone else's credential look the same.
      authorizeIssuing(principal, 'credentials.read_own', { organisationId: record?.organisationId ?? '', recipientPersonId: record?.recipientPersonId ?? null });
      if (!record) throw credentialNotFound();
      return { record, history: await issued.statusHistory(id) };
    },

    async listOwn(principal: Principal): Promise<IssuedCredentialRecord[]> {
      const person = authorizeIssuing(principal, 'credentials.read_own', { organisationId: '', recipientPersonId: principal.kind === 'person' ? principal.person.id : null });
      return issued.ofRecipient(person.person.id);
    },

    async changeStatus(principal: Principal, id: string, action: StatusAction, reason: string): Promise<CredentialDetail> {
      const current = await issued.find(id);
      const actor = authorizeIssuing(principal, 'credentials.revoke', { organisationId: current?.organisationId ?? '' });
      if (!current) throw credentialNotFound();
      const transition = TRANSITIONS[action];
      const now = deps.clock();
      await db.transaction().execute(async (trx) => {
        const record = (await issued.find(id, trx, { lock: true }))!;
        if (!transition.from.includes(record.status)) {
          throw statusChangeNotAllowed(`A ${record.status} credential cannot be ${action === 'reinstate' ? 'reinstated' : `${action}d`}.`);
        }
        if (action !== 'revoke' && !record.suspension) {
          throw statusChangeNotAllowed(
            'This credential carries a revocation entry only (Open Badges 3.0 allows one status entry per credential), so it can be revoked but not suspended.',
          );
        }
        if (action === 'revoke' && record.revocation) await statusLists.setStatus(trx, record.revocation.listId, record.revocation.index, true);
        if (action === 'suspend' && record.suspension) await statusLists.setStatus(trx, record.suspension.listId, record.suspension.index, true);
        if (action === 'reinstate' && record.suspension) await statusLists.setStatus(trx, record.suspension.listId, record.suspension.index, false);
        await issued.setStatus(trx, id, transition.to);
        await issued.recordStatusChange(trx, { credentialId: id, action, reason, actorId: actor.person.id, occurredAt: now });
        await recordEvent(trx, { type: EVENT_TYPES[action], actorId: actor.person.id, organisationId: record.organisationId, subjectType: 'credential', subjectId: id, payload: { reason } });
        if (record.kind === 'EndorsementCredential' && record.achievementId) await deps.searchIndex?.refresh(trx, record.achievementId);
        if (record.recipientPersonId) await deps.notifications?.notify(trx, statusNotification(record, action, reason));
      });
      return { record: (await issued.find(id))!, history: await issued.statusHistory(id) };
    },
  };
}

export type CredentialStatusService = ReturnType<typeof createCredentialStatusService>;

const STATUS_WORDS: Record<StatusAction, string> = { revoke: 'revoked', suspend: 'suspended', reinstate: 'reinstated' };

function statusNotification(record: IssuedCredentialRecord, action: StatusAction, reason: string) {
  const { title, issuer } = summariseCredential(record.credential);
  const by = issuer.name ? ` by ${issuer.name}` : '';
  return {
    personId: record.recipientPersonId!,
    kind: EVENT_TYPES[action],
    title: `Your credential "${title}" was ${STATUS_WORDS[action]}`,
    body: `"${title}" was ${STATUS_WORDS[action]}${by}. Reason: ${reason}`,
    link: `/wallet/${record.id}`,
  };
}
