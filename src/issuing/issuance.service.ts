import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { organisationNotFound, personNotFound } from '../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../accounts/organisations.repository.js';
import type { PeopleRepository } from '../accounts/people.repository.js';
import type { Principal } from '../accounts/principal.js';
import type { DocumentLoader } from '../credentials/contexts/document-loader.js';
import { buildOpenBadgeCredential } from '../credentials/issue/open-badge-credential.js';
import { issuanceSchemaErrors, issueCredential } from '../credentials/issue/issue-credential.js';
import { schemaInvalid } from '../credentials/issue/issue-errors.js';
import { issueVcJwt } from '../credentials/proof/vc-jwt.js';
import { hashedEmailIdentity } from '../credentials/issue/credential-parts.js';
import type { LearnerInput } from '../credentials/issue/credential-input.schema.js';
import type { Database } from '../db/tables.js';
import { isUniqueViolation } from '../db/errors.js';
import { invalidInput } from '../errors.js';
import { recordEvent } from '../tracking/event-log.js';
import type { IssuerIdentity, IssuerKeysService } from './issuer-keys.service.js';
import { issueCredentialInput, type IssueCredentialInput, type RecipientInput } from './issuance.schema.js';
import type { IssuedCredentialRecord, IssuedCredentialsRepository } from './issued-credentials.repository.js';
import { authorizeIssuing } from './issuing.access.js';
import { achievementNotIssuable } from './issuing.errors.js';
import type { StatusListsService } from './status-lists.service.js';

/** A published achievement version as the catalogue serves it: what a credential embeds. */
export interface IssuableAchievement {
  achievementId: string;
  organisationId: string;
  version: number;
  /** The OB 3.0 Achievement document (with `resultDescription` per outcome). */
  document: Record<string, unknown>;
  /** Months a credential stays valid, if the definition limits it. */
  validForMonths: number | null;
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
}

interface ResolvedRecipient {
  personId: string | null;
  learner: LearnerInput;
  identifier: string;
}

/**
 * Issues Open Badges 3.0 credentials: validated against the official schema, signed with the issuer's
 * active key (eddsa-rdfc-2022), with a revocation entry at a random list position, stored
 * and recorded as an event, all in one transaction. An idempotency key makes a repeat return the first.
 */
export function createIssuanceService(deps: IssuanceServiceDeps) {
  const { db, issued, clock } = deps;

  async function resolveRecipient(recipient: RecipientInput): Promise<ResolvedRecipient> {
    // A fresh salt per credential: the same learner's credentials cannot be linked by their hashes.
    const salt = randomBytes(16).toString('hex');
    if ('did' in recipient) return { personId: null, learner: { did: recipient.did }, identifier: recipient.did };
    const person = 'personId' in recipient ? await deps.people.findById(recipient.personId) : await deps.people.findByEmail(recipient.email);
    if ('personId' in recipient && !person) throw personNotFound();
    const email = person?.email ?? (recipient as { email: string }).email;
    const learner: LearnerInput = { email: email.toLowerCase(), salt };
    return { personId: person?.id ?? null, learner, identifier: String(hashedEmailIdentity(email.toLowerCase(), salt).identityHash) };
  }

  function resultsFor(achievement: IssuableAchievement, results: Array<{ outcome: string; status: 'Completed' | 'Provisional'; value?: string | undefined }>) {
    const known = new Map(((achievement.document.resultDescription as Array<{ id: string }> | undefined) ?? []).map((rd) => [rd.id.split('#outcome-')[1], rd.id]));
    return results.map((result) => {
      const id = known.get(result.outcome);
      if (!id) throw invalidInput(`Outcome "${result.outcome}" is not one of this achievement's outcomes (${[...known.keys()].join(', ')}).`);
      return { resultDescription: id, status: result.status, ...(result.value ? { value: result.value } : {}) };
    });
  }

  /** Signs with a Data Integrity proof, or as a VC-JWT after the same schema check. */
  async function sign(unsigned: Record<string, unknown>, signer: IssuerIdentity['signer'], format: 'data-integrity' | 'vc-jwt', now: Date) {
    if (format === 'data-integrity') {
      return { credential: await issueCredential({ credential: unsigned, signer, documentLoader: deps.documentLoader, clock: () => now }), jwt: null };
    }
    const errors = issuanceSchemaErrors(unsigned);
    if (errors.length > 0) throw schemaInvalid(errors);
    return { credential: unsigned, jwt: await issueVcJwt({ credential: unsigned, signer }) };
  }

  /** The core, without access checks: for the API (after its check), assessment passes and bulk jobs. */
  async function issueFor(organisation: OrganisationRecord, raw: IssueCredentialInput, actorId: string | null): Promise<{ record: IssuedCredentialRecord; created: boolean }> {
    const input = issueCredentialInput.parse(raw);
    if (input.idempotencyKey) {
      const existing = await issued.findByIdempotencyKey(`${organisation.id}:${input.idempotencyKey}`);
      if (existing) return { record: existing, created: false };
    }
    const achievement = await deps.issuableAchievement(input.achievementId, input.version);
    if (!achievement || achievement.organisationId !== organisation.id) throw achievementNotIssuable();
    const recipient = await resolveRecipient(input.recipient);
    const results = resultsFor(achievement, input.results);
    const identity = await deps.keys.identityFor(organisation);
    const now = clock();
    const validUntil = input.validUntil ? new Date(input.validUntil) : achievement.validForMonths ? addMonths(now, achievement.validForMonths) : null;
    if (validUntil && validUntil <= now) throw invalidInput('validUntil must be in the future.');
    const id = randomUUID();
    try {
      return await db.transaction().execute(async (trx) => {
        // OB 3.0 allows one status entry per credential (credentialStatus 0..1, the data model being the
        // tie-breaker over the looser schema), and revocation is the one verifiers everywhere check.
        const [revocation] = await deps.statusLists.allocate(trx, organisation.id, 'revocation', 1);
        const unsigned = buildOpenBadgeCredential({
          id: `urn:uuid:${id}`,
          issuer: { id: identity.did, name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) },
          learner: recipient.learner,
          achievement: { document: achievement.document },
          result: results,
          evidence: input.evidence,
          validFrom: now.toISOString(),
          ...(validUntil ? { validUntil: validUntil.toISOString() } : {}),
          credentialStatus: [deps.statusLists.entryFor(organisation, 'revocation', revocation!)],
        });
        const { credential, jwt } = await sign(unsigned, identity.signer, input.format, now);
        const record: IssuedCredentialRecord = {
          id,
          organisationId: organisation.id,
          kind: 'OpenBadgeCredential',
          achievementId: achievement.achievementId,
          achievementVersion: achievement.version,
          recipientPersonId: recipient.personId,
          recipientIdentifier: recipient.identifier,
          credential,
          jwt,
          issuedAt: now,
          validUntil,
          status: 'active',
          revocation: revocation!,
          suspension: null,
        };
        await issued.insert(trx, { ...record, idempotencyKey: input.idempotencyKey ? `${organisation.id}:${input.idempotencyKey}` : null });
        await recordIssued(trx, record, actorId);
        return { record, created: true };
      });
    } catch (error) {
      // Two requests with one key raced: the other won, and its credential is the answer.
      if (input.idempotencyKey && isUniqueViolation(error)) {
        const existing = await issued.findByIdempotencyKey(`${organisation.id}:${input.idempotencyKey}`);
        if (existing) return { record: existing, created: false };
      }
      throw error;
    }
  }

  return {
    issueFor,

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

async function recordIssued(trx: Transaction<Database>, record: IssuedCredentialRecord, actorId: string | null): Promise<void> {
  await recordEvent(trx, {
    type: 'credential.issued',
    actorId,
    organisationId: record.organisationId,
    subjectType: 'credential',
    subjectId: record.id,
    payload: { achievementId: record.achievementId, version: record.achievementVersion, recipientIsPerson: record.recipientPersonId !== null },
  });
}

const addMonths = (date: Date, months: number): Date => {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
};

export type IssuanceService = ReturnType<typeof createIssuanceService>;
