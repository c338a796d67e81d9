import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { PeopleRepository } from '../accounts/people.repository.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import { buildClrCredential } from '../credentials/issue/clr-credential.js';
import { issueCredential } from '../credentials/issue/issue-credential.js';
import type { Database } from '../db/tables.js';
import { isUniqueViolation } from '../db/errors.js';
import type { IssuanceListener, IssuanceService } from '../issuing/issuance.service.js';
import type { IssuedCredentialRecord, IssuedCredentialsRepository } from '../issuing/issued-credentials.repository.js';
import type { IssuerKeysService } from '../issuing/issuer-keys.service.js';
import { recordEvent } from '../tracking/event-log.js';
import { evaluatePathway, type HeldCredential, type PathwayEvaluation } from './pathway-rules.js';
import { pathwayDocumentFor } from './pathway.document.js';
import type { PathwayAwardRecord, PathwayRecord, PathwayRepository, PathwayVersionRecord } from './pathway.repository.js';

export interface PathwayAwardsDeps {
  db: Kysely<Database>;
  pathways: PathwayRepository;
  organisations: OrganisationsRepository;
  people: PeopleRepository;
  issued: IssuedCredentialsRepository;
  issuance: Pick<IssuanceService, 'issueFor'>;
  issuableAchievement: (achievementId: string) => Promise<{ document: Record<string, unknown> } | undefined>;
  keys: Pick<IssuerKeysService, 'identityFor'>;
  documentLoader: DocumentLoader;
  publicUrl: string;
  clock: () => Date;
  /** Where failures of the background evaluation go (the server's log); the pending row stays for a retry. */
  onError: (error: unknown) => void;
}

export interface PathwayStanding {
  pathway: PathwayRecord;
  version: PathwayVersionRecord;
  evaluation: PathwayEvaluation;
  award: PathwayAwardRecord | null;
}

const unversioned = (url: string): string => url.replace(/\/versions\/\d+$/, '');

/** A credential in the learner's hands as the rule engine sees it (active OB credentials only: a revoked one no longer counts). */
export function heldCredentialOf(record: IssuedCredentialRecord): HeldCredential | undefined {
  if (record.kind !== 'OpenBadgeCredential' || record.status !== 'active') return undefined;
  const achievement = (record.credential.credentialSubject as { achievement?: { id?: unknown; creditsAvailable?: unknown } } | undefined)?.achievement;
  if (typeof achievement?.id !== 'string') return undefined;
  return {
    credentialId: record.id,
    achievementId: record.achievementId,
    achievementUrl: achievement.id,
    issuedAt: record.issuedAt,
    credits: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null,
  };
}

/**
 * Progress and awards. Every issuance of a pathway constituent queues its holder (in the issuing
 * transaction); the queue is drained after commit and on start-up, and each satisfied pathway is
 * awarded once per version and person: the issuance idempotency key `pathway:<version>:<person>` and
 * the awards table's unique key make a repeat (a crash and a restart, two processes) a no-op.
 */
export function createPathwayAwards(deps: PathwayAwardsDeps) {
  const { pathways } = deps;
  const queuedRecords = new WeakSet<IssuedCredentialRecord>();

  async function standings(personId: string): Promise<PathwayStanding[]> {
    const held = (await deps.issued.ofRecipient(personId)).flatMap((r) => heldCredentialOf(r) ?? []);
    const awards = await pathways.awardsOf(personId);
    const ids = new Set([
      ...(await pathways.pathwaysAccepting(
        [...new Set(held.flatMap((h) => (h.achievementId ? [h.achievementId] : [])))],
        [...new Set(held.flatMap((h) => [h.achievementUrl, unversioned(h.achievementUrl)]))],
      )),
      ...awards.map((a) => a.pathwayId),
    ]);
    const result: PathwayStanding[] = [];
    for (const id of ids) {
      const pathway = await pathways.findById(id);
      const versions = pathway ? await pathways.versions(id) : [];
      const version = versions.find((v) => v.status === 'published');
      if (!pathway || !version) continue;
      const award = awards.filter((a) => a.pathwayId === id).at(-1) ?? null;
      // Once awarded, the learner sees the version they were awarded: a later change never takes it away.
      const shown = (award && versions.find((v) => v.id === award.pathwayVersionId)) || version;
      result.push({ pathway, version: shown, evaluation: evaluatePathway(shown.definition.rules, held), award });
    }
    return result;
  }

  async function award(standing: PathwayStanding, personId: string): Promise<void> {
    const { pathway, version, evaluation } = standing;
    const organisation = await deps.organisations.findById(pathway.organisation.id);
    const person = await deps.people.findById(personId);
    if (!organisation || !person) return;
    const document = await pathwayDocumentFor(deps, pathway, version);
    const { record } = await deps.issuance.issueFor(
      organisation,
      { achievementId: pathway.id, recipient: { personId }, idempotencyKey: `pathway:${version.id}:${personId}` },
      null,
      { achievement: { achievementId: pathway.id, organisationId: organisation.id, version: version.version, document, validForMonths: null, catalogued: false } },
    );
    const constituents = (await Promise.all(evaluation.counted.map((c) => deps.issued.find(c.credentialId)))).filter((r): r is IssuedCredentialRecord => r !== undefined);
    const transcript = await signTranscript(organisation, person.email, document, record, constituents);
    try {
      await deps.db.transaction().execute(async (trx) => {
        const awardId = await pathways.insertAward(trx, { pathwayVersionId: version.id, personId, credentialId: record.id, transcript, constituentCredentialIds: constituents.map((c) => c.id), awardedAt: deps.clock() });
        await recordEvent(trx, { type: 'pathway.completed', organisationId: organisation.id, subjectType: 'pathway', subjectId: pathway.id, payload: { version: version.version, awardId, credentialId: record.id, constituents: constituents.length } });
      });
    } catch (error) {
      // Another evaluation of the same person won the race; its award is the one.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** A signed CLR 2.0 transcript: the constituents and the pathway credential, with their associations. */
  async function signTranscript(organisation: NonNullable<Awaited<ReturnType<OrganisationsRepository['findById']>>>, email: string, document: Record<string, unknown>, pathwayCredential: IssuedCredentialRecord, constituents: IssuedCredentialRecord[]) {
    const identity = await deps.keys.identityFor(organisation);
    const pathwayId = String(document.id);
    const parts = constituents.filter((c) => c.jwt === null);
    const partUrls = [...new Set(parts.map((c) => String((c.credential.credentialSubject as { achievement: { id: string } }).achievement.id)))];
    const now = deps.clock();
    const unsigned = buildClrCredential({
      id: `urn:uuid:${randomUUID()}`,
      issuer: { id: identity.did, name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) },
      learner: { email: email.toLowerCase(), salt: randomBytes(16).toString('hex') },
      name: `${String(document.name)}: transcript`,
      description: `The micro-credentials that make up ${String(document.name)}, and the credential awarded for completing it.`,
      verifiableCredential: [...parts.map((c) => c.credential), pathwayCredential.credential],
      // CLR 2.0 Association: each part is a child of the pathway, and the pathway the parent of each part.
      association: partUrls.flatMap((url) => [
        { associationType: 'isChildOf' as const, sourceId: url, targetId: pathwayId },
        { associationType: 'isParentOf' as const, sourceId: pathwayId, targetId: url },
      ]),
      validFrom: now.toISOString(),
    });
    return issueCredential({ credential: unsigned, signer: identity.signer, documentLoader: deps.documentLoader, clock: () => now });
  }

  /** Evaluates one person's pathways and awards each newly satisfied one (never one already awarded, in any version). */
  async function evaluatePerson(personId: string): Promise<void> {
    for (const standing of await standings(personId)) {
      if (standing.evaluation.satisfied && !standing.award) await award(standing, personId);
    }
  }

  let running: Promise<void> | null = null;
  let again = false;
  async function drainOnce(): Promise<void> {
    const failed = new Set<string>();
    const done = new Set<string>();
    for (;;) {
      // An entry seen before unchanged (not removed) is left for the next drain rather than looped on.
      const pending = (await pathways.pendingEvaluations(100)).filter((p) => !failed.has(p.personId) && !done.has(`${p.personId} ${p.queuedAt.getTime()}`));
      if (pending.length === 0) return;
      for (const item of pending) {
        try {
          await evaluatePerson(item.personId);
          await pathways.evaluated(item.personId, item.queuedAt);
          done.add(`${item.personId} ${item.queuedAt.getTime()}`);
        } catch (error) {
          // The row stays: the next issuance or start-up tries again.
          failed.add(item.personId);
          deps.onError(error);
        }
      }
    }
  }
  /** Drains the queue; one drain at a time per process, rerun when asked again meanwhile. */
  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await drainOnce();
      } while (again);
    })()
      .catch(deps.onError)
      .finally(() => {
        running = null;
      });
    return running;
  }

  const listener: IssuanceListener = {
    async withinTransaction(trx, records) {
      const candidates = records.filter((r) => r.achievementId !== null && r.recipientPersonId !== null);
      if (candidates.length === 0) return;
      const counted = await pathways.inAnyPathway(trx, [...new Set(candidates.map((r) => r.achievementId!))]);
      if (counted.size === 0) return;
      const holders = candidates.filter((r) => counted.has(r.achievementId!));
      await pathways.queueEvaluations(trx, holders.map((r) => r.recipientPersonId!));
      holders.forEach((r) => queuedRecords.add(r));
    },
    afterCommit(records) {
      if (records.some((r) => queuedRecords.has(r))) void drain();
    },
  };

  return {
    listener,
    standings,
    drain,
    /** Resolves when no evaluation is running (tests, and shutdown). */
    settled: async (): Promise<void> => {
      while (running) await running;
    },
  };
}

export type PathwayAwards = ReturnType<typeof createPathwayAwards>;
