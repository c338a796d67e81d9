import type { FastifyInstance } from 'fastify';
import type { DocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import type { CredentialSigner } from '../../src/credentials/proof/proof-suites.js';
import { signDidAuthentication } from '../../src/wallet/holder/holder-did-proof.js';
import type { SessionHeaders } from './factories.js';

/** Asks for a challenge for `did` and answers it signed by `signer`, as a learner's wallet would; returns the PUT response. */
export async function proveHolderDid(server: FastifyInstance, session: SessionHeaders, key: { did: string; signer: CredentialSigner }, documentLoader: DocumentLoader) {
  const asked = await server.inject({ method: 'POST', url: '/api/v1/me/holder-did/challenge', headers: { ...session }, payload: { did: key.did } });
  if (asked.statusCode !== 201) throw new Error(`challenge refused: ${asked.body}`);
  const { challenge, domain } = asked.json() as { challenge: string; domain: string };
  const presentation = await signDidAuthentication({ did: key.did, signer: key.signer, challenge, domain, documentLoader });
  return server.inject({ method: 'PUT', url: '/api/v1/me/holder-did', headers: { ...session }, payload: { did: key.did, presentation } });
}
