import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { organisationNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { Principal } from '../accounts/principal.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import { buildEndorsementCredential } from '../credentials/issue/endorsement-credential.js';
import { issueCredential } from '../credentials/issue/issue-credential.js';
import type { Database } from '../db/tables.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../tracking/event-log.js';
import type { IssuableAchievement } from './issuance.service.js';
import type { IssuedCredentialRecord, IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { authorizeIssuing } from './issuing.access.js';
import type { IssuerKeysService } from './issuer-keys.service.js';
import type { StatusListsService } from './status-lists.service.js';

/** What an industry partner states when it endorses a micro-credential. */
export const endorseAchievementInput = z
  .object({
    achievementId: z.uuid(),
    /** The partner confirms employers need this competency now. */
    competencyInDemand: z.boolean(),
    /** The partner confirms the assessment reflects how the work is done on the job. */
    assessmentReflectsJobPerformance: z.boolean(),
    comment: z.string().trim().min(10).max(2000),
  })
  .strict();

export type EndorseAchievementInput = z.infer<typeof endorseAchievementInput>;

const cannotEndorse = (): AppError =>
  new AppError({ code: 'issuing.cannot_endorse', status: 422, title: 'Nothing to endorse', detail: 'Only published micro-credentials of another organisation can be endorsed, and only by an industry partner.' });

/** The sentence a verifier shows: the partner's comment plus the two structured statements. */
export const endorsementComment = (input: EndorseAchievementInput, partnerName: string): string =>
  [
    input.comment,
    `${partnerName} ${input.competencyInDemand ? 'confirms' : 'does not confirm'} that this competency is in demand in its sector,`,
    `and ${input.assessmentReflectsJobPerformance ? 'confirms' : 'does not confirm'} that the assessment reflects job performance.`,
  ].join(' ');

/**
 * Industry partners endorse achievements with a signed OB 3.0 EndorsementCredential whose subject is the
 * Achievement's id; the catalogue counts them (checklist: partner endorsement) and shows them.
 */
export function createEndorsementService(deps: {
  db: Kysely<Database>;
  organisations: OrganisationsRepository;
  issued: IssuedCredentialsRepository;
  keys: IssuerKeysService;
  statusLists: StatusListsService;
  documentLoader: DocumentLoader;
  issuableAchievement: (achievementId: string) => Promise<IssuableAchievement | undefined>;
  /** The catalogue's search index shows endorsed micro-credentials; refreshed in the issuing transaction. */
  searchIndex?: { refresh(trx: Transaction<Database>, achievementId: string): Promise<void> };
  clock: () => Date;
}) {
  const { db, issued } = deps;
  return {
    async endorseAchievement(principal: Principal, partnerSlug: string, raw: EndorseAchievementInput): Promise<IssuedCredentialRecord> {
      const partner = await deps.organisations.findBySlug(partnerSlug);
      const actor = authorizeIssuing(principal, 'endorsements.issue', { organisationId: partner?.id ?? '' });
      if (!partner) throw organisationNotFound(partnerSlug);
      const input = endorseAchievementInput.parse(raw);
      const achievement = await deps.issuableAchievement(input.achievementId);
      if (partner.kind !== 'industry_partner' || !achievement || achievement.organisationId === partner.id) throw cannotEndorse();
      const identity = await deps.keys.identityFor(partner);
      const id = randomUUID();
      const now = deps.clock();
      return db.transaction().execute(async (trx) => {
        const [revocation] = await deps.statusLists.allocate(trx, partner.id, 'revocation', 1);
        const unsigned = buildEndorsementCredential({
          id: `urn:uuid:${id}`,
          issuer: { id: identity.did, name: partner.name, ...(partner.url ? { url: partner.url } : {}) },
          name: `${partner.name} endorses ${String(achievement.document.name)}`,
          subjectId: String(achievement.document.id),
          endorsementComment: endorsementComment(input, partner.name),
          validFrom: now.toISOString(),
          credentialStatus: [deps.statusLists.entryFor(partner, 'revocation', revocation!)],
        });
        const credential = await issueCredential({ credential: unsigned, signer: identity.signer, documentLoader: deps.documentLoader, clock: () => now });
        const record: IssuedCredentialRecord = {
          id,
          organisationId: partner.id,
          kind: 'EndorsementCredential',
          achievementId: achievement.achievementId,
          achievementVersion: achievement.version,
          recipientPersonId: null,
          recipientIdentifier: String(achievement.document.id),
          credential,
          jwt: null,
          issuedAt: now,
          validUntil: null,
          status: 'active',
          revocation: revocation!,
          suspension: null,
        };
        await issued.insert(trx, { ...record, idempotencyKey: null });
        await recordEvent(trx, {
          type: 'endorsement.issued',
          actorId: actor.person.id,
          organisationId: partner.id,
          subjectType: 'achievement',
          subjectId: achievement.achievementId,
          payload: { credentialId: id, endorsedOrganisationId: achievement.organisationId },
        });
        await deps.searchIndex?.refresh(trx, achievement.achievementId);
        return record;
      });
    },

    /** Public: the active endorsements of an achievement, newest first. */
    async ofAchievement(achievementId: string): Promise<IssuedCredentialRecord[]> {
      return issued.endorsementsOf(achievementId);
    },

    countFor: (achievementId: string): Promise<number> => issued.endorsementsOf(achievementId).then((list) => list.length),
  };
}

export type EndorsementService = ReturnType<typeof createEndorsementService>;
