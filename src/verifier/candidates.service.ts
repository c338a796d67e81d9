import type { Kysely } from 'kysely';
import { authorizeWith } from '../accounts/access.js';
import { organisationNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { PersonPrincipal, Principal } from '../accounts/principal.js';
import type { Database } from '../db/tables.js';
import { conflict, notFound } from '../errors.js';
import { EVENT_TYPES } from '../tracking/event-types.js';
import { recordEvent } from '../tracking/event-log.js';
import type { CandidateRecord, CandidatesRepository, CandidateVerification } from './candidates.repository.js';
import type { BatchRow, VerifyBatchService } from './verify-batch.service.js';

export interface CandidatesServiceDeps {
  db: Kysely<Database>;
  candidates: CandidatesRepository;
  organisations: OrganisationsRepository;
  verifyBatch: VerifyBatchService;
  clock: () => Date;
}

const member = (p: PersonPrincipal, r: { organisationId: string }): boolean => p.memberships.some((m) => m.organisation.id === r.organisationId);
// A candidate list is the employer's own: members only, not platform admins (the links are the candidates' bearer links).
const policies = {
  'candidates.read': { scope: 'organisations:read', allow: member },
  'candidates.manage': { scope: 'organisations:write', allow: member },
} satisfies Parameters<typeof authorizeWith>[0];

export const CANDIDATE_ERROR_CODES = { notFound: 'candidates.not_found', exists: 'candidates.exists', notAnEmployer: 'candidates.not_an_employer' } as const;
const candidateNotFound = () => notFound(CANDIDATE_ERROR_CODES.notFound, 'There is no such candidate in this list.');
const candidateExists = () => conflict(CANDIDATE_ERROR_CODES.exists, 'This share link is already in the candidate list; verify it again instead.');
const notAnEmployer = (slug: string) => conflict(CANDIDATE_ERROR_CODES.notAnEmployer, `${slug} is not an employer; only employers keep candidate lists.`);

/** What is kept of a verification: the worst outcome over the shared credentials, its reason, and who/what they are. */
export const candidateVerificationOf = (rows: BatchRow[], at: Date): CandidateVerification => {
  const order = ['unreadable', 'not_verified', 'warnings', 'verified'] as const;
  const worst = rows.reduce((acc, row) => (order.indexOf(row.outcome) < order.indexOf(acc.outcome) ? row : acc), rows[0]!);
  const credentials = rows.filter((row) => row.summary).map((row) => ({ achievement: row.summary!.achievement.name, issuer: row.summary!.issuer.name ?? row.summary!.issuer.id, outcome: row.outcome }));
  return {
    outcome: worst.outcome,
    detail: worst.error?.detail ?? worst.firstProblem?.message ?? null,
    summary: { credentials },
    at,
  };
};

/** An employer's list of candidates' share links, each re-verifiable on demand. */
export function createCandidatesService(deps: CandidatesServiceDeps) {
  const { db, candidates, clock } = deps;

  const access = async (principal: Principal, slug: string, action: keyof typeof policies): Promise<{ actor: PersonPrincipal; organisation: OrganisationRecord }> => {
    const organisation = await deps.organisations.findBySlug(slug);
    const actor = authorizeWith(policies, principal, action, { organisationId: organisation?.id ?? '' });
    if (!organisation) throw organisationNotFound(slug);
    if (organisation.kind !== 'employer') throw notAnEmployer(slug);
    return { actor, organisation };
  };

  const verifyLink = async (shareUrl: string): Promise<CandidateVerification> => candidateVerificationOf(await deps.verifyBatch.verify([{ source: shareUrl, url: shareUrl }]), clock());

  return {
    async list(principal: Principal, slug: string): Promise<CandidateRecord[]> {
      const { organisation } = await access(principal, slug, 'candidates.read');
      return candidates.list(organisation.id);
    },

    /** Saves a share link after verifying it (a link that fails is saved too, with why: the employer decides). */
    async save(principal: Principal, slug: string, input: { shareUrl: string; note: string }): Promise<CandidateRecord> {
      const { actor, organisation } = await access(principal, slug, 'candidates.manage');
      if (await candidates.findByUrl(organisation.id, input.shareUrl)) throw candidateExists();
      const verification = await verifyLink(input.shareUrl);
      const id = await db.transaction().execute(async (trx) => {
        const candidateId = await candidates.insert(trx, { organisationId: organisation.id, shareUrl: input.shareUrl, note: input.note, addedBy: actor.person.id, verification });
        await recordEvent(trx, { type: EVENT_TYPES.candidateSaved, actorId: actor.person.id, organisationId: organisation.id, subjectType: 'employer_candidate', subjectId: candidateId, payload: {} });
        return candidateId;
      }).catch((error: unknown) => {
        if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505') throw candidateExists();
        throw error;
      });
      return (await candidates.find(organisation.id, id))!;
    },

    async reverify(principal: Principal, slug: string, id: string): Promise<CandidateRecord> {
      const { organisation } = await access(principal, slug, 'candidates.manage');
      const candidate = await candidates.find(organisation.id, id);
      if (!candidate) throw candidateNotFound();
      await candidates.recordVerification(id, await verifyLink(candidate.shareUrl));
      return (await candidates.find(organisation.id, id))!;
    },

    async remove(principal: Principal, slug: string, id: string): Promise<void> {
      const { actor, organisation } = await access(principal, slug, 'candidates.manage');
      await db.transaction().execute(async (trx) => {
        if (!(await candidates.delete(trx, organisation.id, id))) throw candidateNotFound();
        await recordEvent(trx, { type: EVENT_TYPES.candidateRemoved, actorId: actor.person.id, organisationId: organisation.id, subjectType: 'employer_candidate', subjectId: id, payload: {} });
      });
    },
  };
}

export type CandidatesService = ReturnType<typeof createCandidatesService>;
