import { randomUUID } from 'node:crypto';
import type { Principal } from '../../accounts/principal.js';
import type { DocumentLoader } from '../../credentials/contexts/document-loader.js';
import type { IssuedCredentialsRepository } from '../../issuing/issued-credentials.repository.js';
import { credentialNotFound } from '../../issuing/issuing.errors.js';
import { authorizeSelf } from '../exports/wallet-exports.access.js';
import type { HolderDidService } from './holder-did.service.js';
import { buildPresentation, signPresentation, type PresentationReport } from './presentation.js';

/** Presentations for job applications: signed with the learner's managed did:key, checked with the verifier's challenge and domain. */
export function createPresentationsService(deps: {
  holder: HolderDidService;
  issued: IssuedCredentialsRepository;
  /** verifyPresentation (presentation.ts) with this instance's DID resolution and credential verifier. */
  verifyPresentation(input: { presentation: unknown; challenge: string; domain: string }): Promise<PresentationReport>;
  documentLoader: DocumentLoader;
  clock: () => Date;
}) {
  return {
    async create(principal: Principal, input: { challenge: string; domain: string; credentialIds: string[] }): Promise<Record<string, unknown>> {
      const person = authorizeSelf(principal, 'presentations.create');
      const records = await Promise.all([...new Set(input.credentialIds)].map((id) => deps.issued.find(id)));
      const credentials = records.map((record) => {
        if (!record || record.recipientPersonId !== person.person.id) throw credentialNotFound();
        return record.jwt ?? record.credential;
      });
      const { did, signer } = await deps.holder.signerFor(person.person.id);
      const presentation = buildPresentation({ id: `urn:uuid:${randomUUID()}`, holder: did, credentials });
      return signPresentation({ presentation, signer, challenge: input.challenge, domain: input.domain, documentLoader: deps.documentLoader, created: deps.clock() });
    },

    /** Anyone may verify; the verifier states the challenge and domain they issued. */
    verify: (input: { presentation: unknown; challenge: string; domain: string }): Promise<PresentationReport> => deps.verifyPresentation(input),
  };
}

export type PresentationsService = ReturnType<typeof createPresentationsService>;
