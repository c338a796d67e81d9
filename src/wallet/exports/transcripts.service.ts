import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { Principal } from '../../accounts/principal.js';
import type { DocumentLoader } from '../../credentials/contexts/document-loader.js';
import { buildClrCredential } from '../../credentials/issue/clr-credential.js';
import { issueCredential } from '../../credentials/issue/issue-credential.js';
import type { Database } from '../../db/tables.js';
import type { IssuedCredentialRecord, IssuedCredentialsRepository } from '../../issuing/issued-credentials.repository.js';
import type { IssuerKeysService } from '../../issuing/issuer-keys.service.js';
import { credentialNotFound } from '../../issuing/issuing.errors.js';
import { recordEvent } from '../../tracking/event-log.js';
import type { HolderDidService } from '../holder/holder-did.service.js';
import { authorizeSelf } from './wallet-exports.access.js';
import { credentialNotExportable, mixedIssuers, transcriptNotFound } from './wallet-exports.errors.js';
import type { TranscriptRecord, TranscriptsRepository } from './transcripts.repository.js';

export interface TranscriptsServiceDeps {
  db: Kysely<Database>;
  transcripts: TranscriptsRepository;
  issued: IssuedCredentialsRepository;
  organisations: OrganisationsRepository;
  keys: IssuerKeysService;
  holder: HolderDidService;
  documentLoader: DocumentLoader;
  publicUrl: string;
  clock: () => Date;
}

/** Where a stored transcript is published, and the verify page that checks it (the PDF's QR code). */
export const transcriptUrl = (publicUrl: string, id: string): string => `${publicUrl.replace(/\/$/, '')}/transcripts/${id}`;
export const transcriptVerifyUrl = (publicUrl: string, id: string): string => `${publicUrl.replace(/\/$/, '')}/verify?url=${encodeURIComponent(transcriptUrl(publicUrl, id))}`;

/**
 * CLR 2.0 transcripts of credentials a learner chooses (CLR 2.0 §4: a ClrCredential whose subject bundles
 * the signed OB credentials). Who signs:
 * - credentials of one organisation: that organisation, with its current key. It issued every one of them to
 *   this person (the issued-credentials record says so), so the transcript asserts nothing it does not
 *   already stand behind; this is the registrar's transcript, the same as the pathway transcripts.
 * - credentials of several organisations: no single issuer can vouch for the bundle, so the learner's own
 *   holder did:key signs it (a self-issued CLR). Each embedded credential keeps its issuer's proof and is
 *   verified on its own (the verifier's embedded_credentials check), so the holder's signature adds only
 *   "this bundle is mine".
 * Stored so the PDF's QR code can point a verifier at a stable URL (`/transcripts/<id>`: an unguessable
 * UUID, like a share link; the learner chose to publish it by making the transcript).
 */
export function createTranscriptsService(deps: TranscriptsServiceDeps) {
  const { db, transcripts, issued, clock } = deps;

  async function ownCredentials(personId: string, ids: string[]): Promise<IssuedCredentialRecord[]> {
    const records = await Promise.all([...new Set(ids)].map((id) => issued.find(id)));
    return records.map((record) => {
      if (!record || record.recipientPersonId !== personId) throw credentialNotFound();
      if (record.jwt !== null) throw credentialNotExportable('A VC-JWT credential cannot be embedded in a JSON-LD transcript; download it on its own.');
      if (record.kind === 'ClrCredential') throw credentialNotExportable('A transcript cannot contain another transcript.');
      return record;
    });
  }

  async function signer(records: IssuedCredentialRecord[], personId: string) {
    const organisationIds = [...new Set(records.map((r) => r.organisationId))];
    if (organisationIds.length === 1) {
      const organisation = await deps.organisations.findById(organisationIds[0]!);
      if (!organisation) throw credentialNotFound();
      const identity = await deps.keys.identityFor(organisation);
      return { issuer: { id: identity.did, name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) }, signer: identity.signer, signedBy: 'issuer' as const };
    }
    const holder = await deps.holder.signerFor(personId).catch(() => {
      throw mixedIssuers();
    });
    return { issuer: { id: holder.did, name: 'Self-issued transcript' }, signer: holder.signer, signedBy: 'holder' as const };
  }

  return {
    async create(principal: Principal, input: { credentialIds: string[]; name?: string | undefined }): Promise<TranscriptRecord> {
      const person = authorizeSelf(principal, 'exports.read');
      const personId = person.person.id;
      const records = await ownCredentials(personId, input.credentialIds);
      const { issuer, signer: sign, signedBy } = await signer(records, personId);
      const holderDid = (await deps.holder.didsOf([personId])).get(personId);
      const id = randomUUID();
      const now = clock();
      const unsigned = buildClrCredential({
        id: transcriptUrl(deps.publicUrl, id),
        issuer,
        // The holder's DID when they have one; otherwise their email as a salted hash, as in their credentials.
        learner: holderDid ? { did: holderDid } : { email: person.person.email.toLowerCase(), salt: randomBytes(16).toString('hex') },
        name: input.name?.trim() || 'Transcript of micro-credentials',
        description: `${records.length} micro-credential${records.length === 1 ? '' : 's'} chosen by the learner.`,
        verifiableCredential: records.map((r) => r.credential),
        validFrom: now.toISOString(),
      });
      const credential = await issueCredential({ credential: unsigned, signer: sign, documentLoader: deps.documentLoader, clock: () => now });
      const record: TranscriptRecord = { id, personId, credential, credentialIds: records.map((r) => r.id), createdAt: now };
      await db.transaction().execute(async (trx) => {
        await transcripts.insert(trx, record);
        await recordEvent(trx, { type: 'transcript.created', actorId: personId, subjectType: 'transcript', subjectId: id, payload: { credentials: records.length, signedBy } });
      });
      return record;
    },

    async listOwn(principal: Principal): Promise<TranscriptRecord[]> {
      const person = authorizeSelf(principal, 'exports.read');
      return transcripts.ofPerson(person.person.id);
    },

    async getOwn(principal: Principal, id: string): Promise<TranscriptRecord> {
      const person = authorizeSelf(principal, 'exports.read');
      const record = await transcripts.find(id);
      if (!record || record.personId !== person.person.id) throw transcriptNotFound();
      return record;
    },

    /** The published transcript (anyone with its URL: the verifier behind the PDF's QR code). */
    async published(id: string): Promise<Record<string, unknown>> {
      const record = await transcripts.find(id);
      if (!record) throw transcriptNotFound();
      return record.credential;
    },
  };
}

export type TranscriptsService = ReturnType<typeof createTranscriptsService>;
