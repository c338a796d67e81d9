import type { Kysely } from 'kysely';
import { CHECK_IDS, type VerificationReport } from '../credentials/verify/verification-report.js';
import type { Database } from '../db/tables.js';
import { recordEvent } from './event-log.js';
import { EVENT_TYPES } from './event-types.js';

export type VerificationChannel = 'api' | 'vc_api';

const LOCAL_ID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const issuerOf = (credential: Record<string, unknown> | undefined): string | null => {
  const issuer = credential?.issuer;
  const id = typeof issuer === 'string' ? issuer : issuer && typeof issuer === 'object' ? (issuer as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 500) : null;
};

/**
 * Records a `verification.performed` event for each verification asked of the public verifier or the
 * W3C VC API, in its own small transaction (a verification changes nothing else). Called by those two
 * routes only, not by the verification service: harvesting feeds and importing into wallets verify too,
 * and they are not employers checking a credential.
 *
 * The verification counts for one of this instance's organisations only when the credential is one it
 * issued (its `urn:uuid` id is a row here) and its proof verified: otherwise anyone could inflate an
 * organisation's figures by posting junk carrying one of its ids. Nothing about who asked, nor about the
 * recipient, is stored.
 */
export function createVerificationEvents(deps: { db: Kysely<Database>; clock: () => Date; onRecorded?: () => void }) {
  return {
    async record(channel: VerificationChannel, report: VerificationReport): Promise<void> {
      const credential = report.credential;
      const match = typeof credential?.id === 'string' ? LOCAL_ID.exec(credential.id) : null;
      const proofPassed = report.checks.some((c) => c.id === CHECK_IDS.proof && c.outcome === 'pass');
      const local = match && proofPassed
        ? await deps.db.selectFrom('issued_credentials').select(['id', 'organisation_id', 'achievement_id']).where('id', '=', match[1]!.toLowerCase()).executeTakeFirst()
        : undefined;
      await deps.db.transaction().execute((trx) =>
        recordEvent(trx, {
          type: EVENT_TYPES.verificationPerformed,
          organisationId: local?.organisation_id ?? null,
          subjectType: local ? 'credential' : null,
          subjectId: local?.id ?? null,
          payload: { channel, verified: report.verified, local: local !== undefined, achievementId: local?.achievement_id ?? null, issuer: issuerOf(credential) },
          occurredAt: deps.clock(),
        }),
      );
      deps.onRecorded?.();
    },
  };
}

export type VerificationEvents = ReturnType<typeof createVerificationEvents>;
