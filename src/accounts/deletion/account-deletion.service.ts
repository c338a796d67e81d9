import type { Kysely } from 'kysely';
import type { Principal } from '../../accounts/principal.js';
import type { Database } from '../../db/tables.js';
import { recordEvent } from '../../tracking/event-log.js';
import { authorizeSelf } from '../../wallet/exports/wallet-exports.access.js';
import { deletionBlocked, deletionNotConfirmed } from '../../wallet/exports/wallet-exports.errors.js';
import { accountDeletionRepository } from './account-deletion.repository.js';

export interface AccountDeletionResult {
  deletedAt: Date;
  evidenceFiles: number;
  /** Evidence files the store could not remove now (logged; the rows naming them are gone already). */
  evidenceFilesFailed: number;
}

/**
 * Deletes a learner's personal data while their credentials keep verifying (issue #6, GDPR art. 17 with the
 * art. 17(3)(b)/(e) exceptions for records the issuer must keep):
 * - gone: name, email, password, sessions, API tokens, memberships, notifications and queued mail, evidence
 *   (files and their rows: names, links, narratives, supervisor attestations), wallet holdings, hidden
 *   marks and share links, the holder DID and its key, transcripts, pathway progress, and the equity answers
 *   the person declared to organisations (equity_declarations hangs off the person with ON DELETE CASCADE).
 * - kept, because verification and the issuer's duties need them: issued credentials exactly as signed (the
 *   issuer must be able to revoke them and answer for them; their subject is a salted email hash or the
 *   holder's DID, which only the learner can link to themselves), status lists, issuer DIDs and keys,
 *   enrolment and review records (the issuer's assessment record, now about a pseudonym: decisions and rubric
 *   levels stay, the assessors' feedback and comments on the deleted work go), revocation and suspension reasons
 *   (the issuer's answer for a decision on a credential it keeps, art. 17(3)(e)), and the audit log.
 * - the audit log: events are append-only and hash-chained (`tessera doctor` checks the chain), and they
 *   hold ids, never names or emails (src/tracking/event-types.ts); the person's id becomes a pseudonym once
 *   the row behind it is a tombstone, so nothing is rewritten and the chain still verifies.
 */
export function createAccountDeletionService(deps: { db: Kysely<Database>; removeEvidenceFile: (key: string) => Promise<void>; clock: () => Date; onError?: (error: unknown) => void }) {
  return {
    async deleteOwnAccount(principal: Principal, confirmEmail: string): Promise<AccountDeletionResult> {
      const actor = authorizeSelf(principal, 'account.delete');
      const personId = actor.person.id;
      const now = deps.clock();
      const keys = await deps.db.transaction().execute(async (trx) => {
        const repository = accountDeletionRepository(trx);
        const person = await repository.lockPerson(personId);
        if (!person || person.email.toLowerCase() !== confirmEmail.trim().toLowerCase()) throw deletionNotConfirmed();
        // A platform admin deleting themselves could leave nobody able to run the instance.
        if (person.is_platform_admin) throw deletionBlocked('Platform admins cannot delete their own account; another admin must remove the role first.');
        const evidenceKeys = await repository.deleteEvidence(personId);
        await repository.redactReviewText(personId);
        await repository.deleteOwnedRows(personId);
        await repository.deleteByEmail(person.email);
        await repository.tombstone(personId, now);
        await recordEvent(trx, { type: 'person.deleted', actorId: personId, subjectType: 'person', subjectId: personId, payload: { evidenceFiles: evidenceKeys.length }, occurredAt: now });
        return evidenceKeys;
      });
      // Files go after the commit: a rolled-back deletion must not have lost them. A file that cannot be
      // removed now is unreachable (no row names it) and is reported for the operator.
      let failed = 0;
      for (const key of keys) {
        try {
          await deps.removeEvidenceFile(key);
        } catch (error) {
          failed += 1;
          deps.onError?.(error);
        }
      }
      return { deletedAt: now, evidenceFiles: keys.length, evidenceFilesFailed: failed };
    },
  };
}

export type AccountDeletionService = ReturnType<typeof createAccountDeletionService>;
