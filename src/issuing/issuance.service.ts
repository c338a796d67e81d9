import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { organisationNotFound, personNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { PeopleRepository, PersonRecord } from '../accounts/people.repository.js';
import type { Principal } from '../accounts/principal.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import { buildOpenBadgeCredential } from '../credentials/issue/open-badge-credential.js';
import { issuanceSchemaErrors, issueCredential } from '../credentials/issue/issue-credential.js';
import { schemaInvalid } from '../credentials/issue/issue-errors.js';
import { issueVcJwt } from '../credentials/proof/vc-jwt.js';
import { sharedSigningPool, type SigningPool } from '../credentials/issue/signing-pool.js';
import { hashedEmailIdentity } from '../credentials/issue/credential-parts.js';
import type { LearnerInput } from '../credentials/issue/credential-input.schema.js';
import type { Database } from '../db/tables.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, invalidInput, isAppError } from '../errors.js';
import { recordEvent, recordEvents, type NewEvent } from '../tracking/event-log.js';
import { EVENT_TYPES } from '../tracking/event-types.js';
import type { IssuerIdentity, IssuerKeysService } from './issuer-keys.service.js';
import { issueCredentialInput, type IssueCredentialInput, type RecipientInput } from './issuance.schema.js';
import { emailDigest, type IssuedCredentialRecord, type IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { authorizeIssuing } from './issuing.access.js';
import { achievementNotIssuable } from './issuing.errors.js';
import type { StatusAllocationResult, StatusListsService } from './status-lists.service.js';

/** A published achievement version as the catalogue serves it: what a credential embeds. */
export interface IssuableAchievement {
  achievementId: string;
  organisationId: string;
  version: number;
  /** The OB 3.0 Achievement document (with `resultDescription` per outcome). */
  document: Record<string, unknown>;
  /** Months a credential stays valid, if the definition limits it. */
  validForMonths: number | null;
  /** False for an achievement the catalogue does not hold (a pathway's): its records name no catalogue achievement. */
  catalogued?: boolean;
}

/**
 * Told about every credential issued for an achievement (API, assessment pass, bulk). `withinTransaction`
 * runs in the issuing transaction (write what must not be lost there; keep it cheap: bulk jobs issue
 * 100,000); `afterCommit` runs once the records are committed and must not throw.
 */
export interface IssuanceListener {
  withinTransaction?(trx: Transaction<Database>, records: readonly IssuedCredentialRecord[]): Promise<void>;
  afterCommit?(records: readonly IssuedCredentialRecord[]): void;
}

export interface IssuanceServiceDeps {
  db: Kysely<Database>;
  organisations: OrganisationsRepository;
  people: PeopleRepository;
  issued: IssuedCredentialsRepository;
  keys: IssuerKeysService;
  statusLists: StatusListsService;
  documentLoader: DocumentLoader;
  /** The catalogue's published version of an achievement; undefined when there is none. */
  issuableAchievement: (achievementId: string, version?: number) => Promise<IssuableAchievement | undefined>;
  clock: () => Date;
  /** The holder DIDs people chose (wallet): a credential to such a person names the DID as credentialSubject.id. */
  holderDidsOf?: (personIds: readonly string[]) => Promise<Map<string, string>>;
  /** Signing threads for batches (bulk jobs): the process's pool unless given; `false` signs in this thread. */
  signingPool?: SigningPool | false;
}

export type BatchOutcome = { record: IssuedCredentialRecord; created: boolean } | { error: AppError };

/** A batch signed by `signBatch`, not yet stored: outcomes known so far, and the credentials to store by input index. */
export interface SignedBatch {
  actorId: string | null;
  outcomes: BatchOutcome[];
  signed: Array<SignedCredential & { index: number }>;
}

/** A signed credential on its way to storage, with what is stored beside it. */
interface SignedCredential {
  record: IssuedCredentialRecord;
  key: string | null;
  unclaimedEmailDigest: string | null;
}

interface ResolvedRecipient {
  personId: string | null;
  learner: LearnerInput;
  identifier: string;
  /** Issued by email to an address no confirmed account holds: the credential waits for it (emailDigest). */
  unclaimedEmailDigest: string | null;
}

/**
 * Issues Open Badges 3.0 credentials: validated against the official schema, signed with the issuer's
 * active key (eddsa-rdfc-2022), with a revocation entry at a random list position, stored
 * and recorded as an event, all in one transaction. An idempotency key makes a repeat return the first.
 */
export function createIssuanceService(deps: IssuanceServiceDeps) {
  const { db, issued, clock } = deps;
  const signingPool = deps.signingPool === false ? undefined : (deps.signingPool ?? sharedSigningPool());
  const listeners: IssuanceListener[] = [];
  const notifyWithin = async (trx: Transaction<Database>, records: IssuedCredentialRecord[]) => {
    for (const listener of listeners) if (records.length > 0) await listener.withinTransaction?.(trx, records);
  };
  const notifyAfter = (records: IssuedCredentialRecord[]) => {
    for (const listener of listeners) if (records.length > 0) listener.afterCommit?.(records);
  };

  /**
   * `people`, when given, holds every person the batch's emails name (looked up at once); absent means nobody.
   * `dids` likewise holds the batch's holder DIDs; without it the person's is looked up here.
   */
  async function resolveRecipient(recipient: RecipientInput, people?: ReadonlyMap<string, PersonRecord>, dids?: ReadonlyMap<string, string>): Promise<ResolvedRecipient> {
    // A fresh salt per credential: the same learner's credentials cannot be linked by their hashes.
    const salt = randomBytes(16).toString('hex');
    if ('did' in recipient) return { personId: null, learner: { did: recipient.did }, identifier: recipient.did, unclaimedEmailDigest: null };
    const byEmail = 'personId' in recipient ? undefined : people ? people.get(recipient.email.toLowerCase()) : await deps.people.findByEmail(recipient.email);
    // An address links the credential to an account only once its owner confirmed it: anyone can sign up
    // with anyone's address, and would otherwise receive the credentials issued to it.
    const person = 'personId' in recipient ? await deps.people.findById(recipient.personId) : byEmail?.emailConfirmed ? byEmail : undefined;
    if ('personId' in recipient && !person) throw personNotFound();
    // A learner who set a holder DID is named by it (OB 3.0 AchievementSubject.id), so they can prove the
    // credential is theirs by signing a presentation with that DID instead of revealing their email.
    const batchDids = 'personId' in recipient ? undefined : dids;
    const holderDid = person ? (batchDids ?? (await deps.holderDidsOf?.([person.id])))?.get(person.id) : undefined;
    if (person && holderDid) return { personId: person.id, learner: { did: holderDid }, identifier: holderDid, unclaimedEmailDigest: null };
    const email = person?.email ?? (recipient as { email: string }).email;
    const learner: LearnerInput = { email: email.toLowerCase(), salt };
    const identifier = String(hashedEmailIdentity(email.toLowerCase(), salt).identityHash);
    return { personId: person?.id ?? null, learner, identifier, unclaimedEmailDigest: person ? null : emailDigest(email) };
  }

  function resultsFor(achievement: IssuableAchievement, results: Array<{ outcome: string; status: 'Completed' | 'Provisional'; value?: string | undefined }>) {
    const known = new Map(((achievement.document.resultDescription as Array<{ id: string }> | undefined) ?? []).map((rd) => [rd.id.split('#outcome-')[1], rd.id]));
    return results.map((result) => {
      const id = known.get(result.outcome);
      if (!id) throw invalidInput(`Outcome "${result.outcome}" is not one of this achievement's outcomes (${[...known.keys()].join(', ')}).`);
      return { resultDescription: id, status: result.status, ...(result.value ? { value: result.value } : {}) };
    });
  }

  /** Results of rubric criteria: the criterion's ResultDescription and the RubricCriterionLevel reached (`#criterion-<c>-level-<l>`). */
  function criterionResultsFor(achievement: IssuableAchievement, results: Array<{ criterion: string; level: string }>) {
    type Described = { id: string; resultType?: string; rubricCriterionLevel?: Array<{ id: string; name: string }> };
    const criteria = ((achievement.document.resultDescription as Described[] | undefined) ?? []).filter((rd) => rd.resultType === 'RubricCriterionLevel');
    return results.map((result) => {
      const described = criteria.find((rd) => rd.id.endsWith(`#criterion-${result.criterion}`));
      const level = described?.rubricCriterionLevel?.find((l) => l.id === `${described.id}-level-${result.level}`);
      if (!described || !level) throw invalidInput(`"${result.criterion}" at level "${result.level}" is not in this achievement's rubric.`);
      return { resultDescription: described.id, achievedLevel: level.id, value: level.name };
    });
  }

  /**
   * Signs with a Data Integrity proof, or as a VC-JWT after the same schema check. `pooled` (batches) sends
   * the Data Integrity work to the signing threads, when there are any: same code, same bytes.
   */
  async function sign(unsigned: Record<string, unknown>, signer: IssuerIdentity['signer'], format: 'data-integrity' | 'vc-jwt', now: Date, pooled = false) {
    if (format === 'data-integrity') {
      const credential = pooled && signingPool ? await signingPool.issue({ credential: unsigned, signer, created: now }) : await issueCredential({ credential: unsigned, signer, documentLoader: deps.documentLoader, clock: () => now });
      return { credential, jwt: null };
    }
    const errors = issuanceSchemaErrors(unsigned);
    if (errors.length > 0) throw schemaInvalid(errors);
    return { credential: unsigned, jwt: await issueVcJwt({ credential: unsigned, signer }) };
  }

  interface Prepared {
    input: ReturnType<typeof issueCredentialInput.parse>;
    key: string | null;
    achievement: IssuableAchievement;
    recipient: ResolvedRecipient;
    results: Array<ReturnType<typeof resultsFor>[number] | ReturnType<typeof criterionResultsFor>[number]>;
    validUntil: Date | null;
  }

  /** Everything about one credential that can be checked before signing; throws AppErrors for bad input. */
  async function prepare(organisation: OrganisationRecord, raw: IssueCredentialInput, now: Date, achievements: Map<string, Promise<IssuableAchievement | undefined>>, people?: ReadonlyMap<string, PersonRecord>, dids?: ReadonlyMap<string, string>): Promise<Prepared> {
    const parsed = issueCredentialInput.safeParse(raw);
    if (!parsed.success) throw invalidInput('The credential request is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const input = parsed.data;
    const lookup = `${input.achievementId} ${input.version ?? ''}`;
    if (!achievements.has(lookup)) achievements.set(lookup, deps.issuableAchievement(input.achievementId, input.version));
    const achievement = await achievements.get(lookup);
    if (!achievement || achievement.organisationId !== organisation.id) throw achievementNotIssuable();
    const recipient = await resolveRecipient(input.recipient, people, dids);
    const results = [...resultsFor(achievement, input.results), ...criterionResultsFor(achievement, input.criterionResults)];
    const validUntil = input.validUntil ? new Date(input.validUntil) : achievement.validForMonths ? addMonths(now, achievement.validForMonths) : null;
    if (validUntil && validUntil <= now) throw invalidInput('validUntil must be in the future.');
    return { input, key: input.idempotencyKey ? `${organisation.id}:${input.idempotencyKey}` : null, achievement, recipient, results, validUntil };
  }

  /** Builds, checks and signs one credential; nothing is stored (a batch signs its credentials side by side). */
  async function buildSigned(organisation: OrganisationRecord, identity: IssuerIdentity, p: Prepared, revocation: StatusAllocationResult, now: Date, pooled = false): Promise<IssuedCredentialRecord> {
    const id = randomUUID();
    const unsigned = buildOpenBadgeCredential({
      id: `urn:uuid:${id}`,
      issuer: { id: identity.did, name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) },
      learner: p.recipient.learner,
      achievement: { document: p.achievement.document },
      result: p.results,
      evidence: p.input.evidence,
      validFrom: now.toISOString(),
      ...(p.validUntil ? { validUntil: p.validUntil.toISOString() } : {}),
      // OB 3.0 allows one status entry per credential (credentialStatus 0..1, the data model being the
      // tie-breaker over the looser schema), and revocation is the one verifiers everywhere check.
      credentialStatus: [deps.statusLists.entryFor(organisation, 'revocation', revocation)],
    });
    const { credential, jwt } = await sign(unsigned, identity.signer, p.input.format, now, pooled);
    return {
      id,
      organisationId: organisation.id,
      kind: 'OpenBadgeCredential',
      achievementId: p.achievement.catalogued === false ? null : p.achievement.achievementId,
      achievementVersion: p.achievement.catalogued === false ? null : p.achievement.version,
      recipientPersonId: p.recipient.personId,
      recipientIdentifier: p.recipient.identifier,
      credential,
      jwt,
      issuedAt: now,
      validUntil: p.validUntil,
      status: 'active',
      revocation,
      suspension: null,
    };
  }

  /**
   * Signs a batch: side by side on the signing threads, or one after another in this thread, letting the
   * event loop turn between credentials (jsonld settles its promises without it, which would starve requests).
   */
  async function signAll(tasks: Array<() => Promise<IssuedCredentialRecord>>): Promise<IssuedCredentialRecord[]> {
    if (signingPool) return Promise.all(tasks.map((task) => task()));
    const records: IssuedCredentialRecord[] = [];
    for (const task of tasks) {
      records.push(await task());
      await new Promise((resolve) => setImmediate(resolve));
    }
    return records;
  }

  /** Stores signed credentials with their idempotency keys and their events, inside the caller's transaction. */
  async function store(trx: Transaction<Database>, signed: SignedCredential[], actorId: string | null): Promise<void> {
    await issued.insertMany(trx, signed.map(({ record, key, unclaimedEmailDigest }) => ({ ...record, idempotencyKey: key, unclaimedEmailDigest })));
    // The event chain's lock is taken last, so other writers wait only for the inserts, not the signing.
    await recordEvents(trx, signed.map(({ record }) => issuedEvent(record, actorId)));
  }

  /** The core, without access checks: for the API (after its check), assessment passes and bulk jobs. */
  async function issueFor(organisation: OrganisationRecord, raw: IssueCredentialInput, actorId: string | null, options: { achievement?: IssuableAchievement } = {}): Promise<{ record: IssuedCredentialRecord; created: boolean }> {
    const key = raw.idempotencyKey ? `${organisation.id}:${raw.idempotencyKey}` : null;
    const existing = key ? await issued.findByIdempotencyKey(key) : undefined;
    if (existing) return { record: existing, created: false };
    const now = clock();
    // An achievement the caller holds itself (a pathway's) stands in for the catalogue's lookup.
    const supplied = new Map(options.achievement ? [[`${raw.achievementId} ${raw.version ?? ''}`, Promise.resolve<IssuableAchievement | undefined>(options.achievement)]] : []);
    const prepared = await prepare(organisation, raw, now, supplied);
    const identity = await deps.keys.identityFor(organisation);
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const [revocation] = await deps.statusLists.allocate(trx, organisation.id, 'revocation', 1);
        const record = await buildSigned(organisation, identity, prepared, revocation!, now);
        await store(trx, [{ record, key: prepared.key, unclaimedEmailDigest: prepared.recipient.unclaimedEmailDigest }], actorId);
        await notifyWithin(trx, [record]);
        return { record, created: true };
      });
      notifyAfter([outcome.record]);
      return outcome;
    } catch (error) {
      // Two requests with one key raced: the other won, and its credential is the answer.
      const winner = key && isUniqueViolation(error) ? await issued.findByIdempotencyKey(key) : undefined;
      if (winner) return { record: winner, created: false };
      throw error;
    }
  }

  /**
   * The first half of a batch (bulk jobs): one idempotency-key lookup, one people lookup, the checks, one
   * status-list allocation (a short transaction of its own, since each position is inside what is signed),
   * then signing side by side. Nothing is stored, so a caller can sign the next batch while storing this
   * one. A process that stops before `storeBatch` commits issued nothing; the positions it took stay unused
   * (they are random and never handed out twice, and an unused position is a 0 bit nobody looks up).
   */
  async function signBatch(organisation: OrganisationRecord, raws: IssueCredentialInput[], actorId: string | null): Promise<SignedBatch> {
    const now = clock();
    const achievements = new Map<string, Promise<IssuableAchievement | undefined>>();
    const keys = raws.flatMap((raw) => (raw.idempotencyKey ? [`${organisation.id}:${raw.idempotencyKey}`] : []));
    const existing = new Map((await issued.findByIdempotencyKeys(keys)).map((found) => [found.key, found.record]));
    const emails = raws.flatMap((raw) => (raw.recipient && 'email' in raw.recipient && typeof raw.recipient.email === 'string' ? [raw.recipient.email] : []));
    const people = new Map((await deps.people.findByEmails(emails)).map((person) => [person.email.toLowerCase(), person]));
    const dids = (await deps.holderDidsOf?.([...people.values()].map((person) => person.id))) ?? new Map<string, string>();
    const outcomes: BatchOutcome[] = [];
    const toIssue: Array<{ index: number; prepared: Prepared }> = [];
    for (const [index, raw] of raws.entries()) {
      const earlier = raw.idempotencyKey ? existing.get(`${organisation.id}:${raw.idempotencyKey}`) : undefined;
      if (earlier) {
        outcomes[index] = { record: earlier, created: false };
        continue;
      }
      try {
        toIssue.push({ index, prepared: await prepare(organisation, raw, now, achievements, people, dids) });
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) throw error;
        outcomes[index] = { error };
      }
    }
    if (toIssue.length === 0) return { actorId, outcomes, signed: [] };
    const identity = await deps.keys.identityFor(organisation);
    const allocations = await db.transaction().execute((trx) => deps.statusLists.allocate(trx, organisation.id, 'revocation', toIssue.length));
    const records = await signAll(toIssue.map((item, n) => () => buildSigned(organisation, identity, item.prepared, allocations[n]!, now, true)));
    return { actorId, outcomes, signed: records.map((record, n) => ({ index: toIssue[n]!.index, record, key: toIssue[n]!.prepared.key, unclaimedEmailDigest: toIssue[n]!.prepared.recipient.unclaimedEmailDigest })) };
  }

  /**
   * The second half: the batch's credentials and their events in one transaction, with `within` (a bulk job
   * marks its rows there, so a row is marked issued exactly when its credential commits). A key another
   * issuance took meanwhile fails the whole transaction with a unique violation: sign the batch again and
   * that row comes back as the earlier credential.
   */
  async function storeBatch(batch: SignedBatch, options: { within?: (trx: Transaction<Database>, outcomes: BatchOutcome[]) => Promise<void> } = {}): Promise<BatchOutcome[]> {
    const outcomes = [...batch.outcomes];
    for (const { index, record } of batch.signed) outcomes[index] = { record, created: true };
    const records = batch.signed.map(({ record }) => record);
    await db.transaction().execute(async (trx) => {
      await store(trx, batch.signed, batch.actorId);
      await options.within?.(trx, outcomes);
      await notifyWithin(trx, records);
    });
    notifyAfter(records);
    return outcomes;
  }

  /**
   * Many credentials of one organisation (bulk jobs): `signBatch` then `storeBatch`, which is what makes
   * large batches fast. Rows the rules refuse come back as errors; rows whose idempotency key was used
   * before come back as that credential.
   */
  async function issueBatch(organisation: OrganisationRecord, raws: IssueCredentialInput[], actorId: string | null, options: { within?: (trx: Transaction<Database>, outcomes: BatchOutcome[]) => Promise<void> } = {}): Promise<BatchOutcome[]> {
    return storeBatch(await signBatch(organisation, raws, actorId), options);
  }

  return {
    issueFor,
    issueBatch,
    signBatch,
    storeBatch,
    /**
     * Inside the transaction that confirms `person`'s address: the credentials issued to it before are theirs now,
     * and reach the listeners (pathway awards) as if just issued to them. Run `afterCommit` once it commits.
     */
    async claimByEmail(trx: Transaction<Database>, person: { id: string; email: string }): Promise<{ count: number; afterCommit(): void }> {
      const records = await issued.claimByEmail(trx, person.id, person.email);
      // The audit log says which credentials changed hands, and to whom.
      await recordEvents(trx, records.map((record) => ({ type: EVENT_TYPES.credentialClaimed, actorId: person.id, organisationId: record.organisationId, subjectType: 'credential', subjectId: record.id })));
      await notifyWithin(trx, records);
      return { count: records.length, afterCommit: () => notifyAfter(records) };
    },

    /** Adds a listener for credentials issued from now on (see IssuanceListener). */
    onIssued(listener: IssuanceListener): void {
      listeners.push(listener);
    },

    /**
     * W3C VC API issuing: sign a credential the caller wrote, as the organisation its `issuer` names.
     * Adds an id when missing and, when `withStatus` is set, status entries: revocation, plus suspension for
     * credential types whose data model allows several entries (not OB 3.0 / CLR 2.0, which allow one).
     */
    async issueSupplied(principal: Principal, raw: Record<string, unknown>, withStatus: boolean): Promise<{ id: string; credential: Record<string, unknown> }> {
      const issuerId = typeof raw.issuer === 'string' ? raw.issuer : (raw.issuer as { id?: unknown } | undefined)?.id;
      let organisation: OrganisationRecord | undefined;
      for (const candidate of typeof issuerId === 'string' ? await deps.organisations.list() : []) {
        if ((await deps.keys.issuerDidsOf(candidate)).includes(issuerId as string)) organisation = candidate;
      }
      const actor = authorizeIssuing(principal, 'credentials.issue', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw invalidInput(`The credential's issuer must be the DID of an organisation here (got ${JSON.stringify(issuerId ?? null)}).`);
      const identity = await deps.keys.identityFor(organisation);
      if (identity.did !== issuerId) throw invalidInput(`${organisation.name} signs as ${identity.did} now; use that as the issuer.`);
      const id = randomUUID();
      const now = clock();
      return db.transaction().execute(async (trx) => {
        const types = Array.isArray(raw.type) ? raw.type : [raw.type];
        const singleStatus = types.some((type) => ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential', 'ClrCredential'].includes(String(type)));
        const [revocation] = withStatus ? await deps.statusLists.allocate(trx, organisation.id, 'revocation', 1) : [];
        const [suspension] = withStatus && !singleStatus ? await deps.statusLists.allocate(trx, organisation.id, 'suspension', 1) : [];
        const entries = [
          ...(revocation ? [deps.statusLists.entryFor(organisation, 'revocation', revocation)] : []),
          ...(suspension ? [deps.statusLists.entryFor(organisation, 'suspension', suspension)] : []),
        ];
        const unsigned = {
          ...raw,
          id: typeof raw.id === 'string' ? raw.id : `urn:uuid:${id}`,
          ...(entries.length > 0 ? { credentialStatus: entries.length === 1 ? entries[0] : entries } : {}),
        };
        const credential = await issueCredential({ credential: unsigned, signer: identity.signer, documentLoader: deps.documentLoader, clock: () => now });
        const subject = raw.credentialSubject as { id?: unknown } | undefined;
        const record: IssuedCredentialRecord = {
          id,
          organisationId: organisation.id,
          kind: types.includes('OpenBadgeCredential') ? 'OpenBadgeCredential' : types.includes('EndorsementCredential') ? 'EndorsementCredential' : types.includes('ClrCredential') ? 'ClrCredential' : 'VerifiableCredential',
          achievementId: null,
          achievementVersion: null,
          recipientPersonId: null,
          recipientIdentifier: typeof subject?.id === 'string' ? subject.id : '(none)',
          credential,
          jwt: null,
          issuedAt: now,
          validUntil: typeof raw.validUntil === 'string' ? new Date(raw.validUntil) : null,
          status: 'active',
          revocation: revocation ?? null,
          suspension: suspension ?? null,
        };
        await issued.insert(trx, { ...record, idempotencyKey: null });
        await recordIssued(trx, record, actor.person.id);
        return { id, credential };
      });
    },

    async issue(principal: Principal, organisationSlug: string, input: IssueCredentialInput): Promise<{ record: IssuedCredentialRecord; created: boolean }> {
      const organisation = await deps.organisations.findBySlug(organisationSlug);
      const actor = authorizeIssuing(principal, 'credentials.issue', { organisationId: organisation?.id ?? '' });
      if (!organisation) throw organisationNotFound(organisationSlug);
      return issueFor(organisation, input, actor.person.id);
    },
  };
}

const issuedEvent = (record: IssuedCredentialRecord, actorId: string | null): NewEvent => ({
  type: 'credential.issued',
  actorId,
  organisationId: record.organisationId,
  subjectType: 'credential',
  subjectId: record.id,
  payload: { achievementId: record.achievementId, version: record.achievementVersion, recipientIsPerson: record.recipientPersonId !== null },
});

async function recordIssued(trx: Transaction<Database>, record: IssuedCredentialRecord, actorId: string | null): Promise<void> {
  await recordEvent(trx, issuedEvent(record, actorId));
}

const addMonths = (date: Date, months: number): Date => {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
};

export type IssuanceService = ReturnType<typeof createIssuanceService>;
