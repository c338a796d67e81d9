import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proveCommand, keygenCommand } from '../../src/cli/holder.command.js';
import { createDocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import { sampleIssuerKey } from '../../src/credentials/issue/issue-fixtures.js';
import { createHolderDidRepository } from '../../src/wallet/holder/holder-did.repository.js';
import { signDidAuthentication } from '../../src/wallet/holder/holder-did-proof.js';
import { buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { proveHolderDid } from '../support/holder-proof.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'http://tessera.localhost:4995';

describe('a holder DID the learner brings counts only once they prove it is theirs (DID Authentication)', () => {
  let app: TestApp;
  const documentLoader = createDocumentLoader();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'tessera-holder-'));

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: PUBLIC_URL });
  });
  afterAll(async () => {
    await app?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const learner = async (): Promise<{ id: string; session: SessionHeaders }> => {
    const person = await buildPerson(app.database.db);
    return { id: person.id, session: await signIn(app.server, person.email) };
  };
  const ask = async (session: SessionHeaders, did: string) => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/me/holder-did/challenge', headers: { ...session }, payload: { did } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { did: string; challenge: string; domain: string; expiresAt: string };
  };
  const put = (session: SessionHeaders, did: string, presentation?: unknown) =>
    app.server.inject({ method: 'PUT', url: '/api/v1/me/holder-did', headers: { ...session }, payload: presentation === undefined ? { did } : { did, presentation } });
  const codeOf = (response: { json(): unknown }) => (response.json() as { code: string }).code;
  const provedDids = async (personId: string) => (await createHolderDidRepository(app.database.db).didsOf([personId])).get(personId);

  it('accepts a presentation signed by the DID over the open challenge, once', async () => {
    const { id, session } = await learner();
    const key = await sampleIssuerKey(31);
    const challenge = await ask(session, key.did);
    expect(challenge.domain).toBe('tessera.localhost:4995');
    expect(challenge.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const presentation = await signDidAuthentication({ did: key.did, signer: key.signer, challenge: challenge.challenge, domain: challenge.domain, documentLoader });
    const accepted = await put(session, key.did, presentation);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ did: key.did, method: 'key', managed: false, proved: true });
    expect(await provedDids(id)).toBe(key.did);
    // The same answer again: its challenge is used up.
    expect(codeOf(await put(session, key.did, presentation))).toBe('wallet.holder_challenge_missing');
  });

  it('refuses a DID without proof, without a challenge, and proofs that do not show control', async () => {
    const { id, session } = await learner();
    const mine = await sampleIssuerKey(32);
    const someoneElses = await sampleIssuerKey(33);
    const required = await put(session, someoneElses.did);
    expect(required.statusCode).toBe(422);
    expect(codeOf(required)).toBe('wallet.holder_proof_required');
    const signed = (challenge: string, domain: string, by = mine, did = mine.did) => signDidAuthentication({ did, signer: by.signer, challenge, domain, documentLoader });
    expect(codeOf(await put(session, mine.did, await signed('never-asked-for-this', 'tessera.localhost:4995')))).toBe('wallet.holder_challenge_missing');

    const { challenge, domain } = await ask(session, someoneElses.did);
    // Claiming another's DID while signing with one's own key.
    const forged = await put(session, someoneElses.did, await signed(challenge, domain, mine, someoneElses.did));
    expect(forged.statusCode).toBe(422);
    expect(codeOf(forged)).toBe('wallet.holder_proof_invalid');
    expect((forged.json() as { reasons: string[] }).reasons.join(' ')).toContain('not by a key of the holder');
    // A proof of another DID than the challenge was asked for.
    expect(codeOf(await put(session, mine.did, await signed(challenge, domain)))).toBe('wallet.holder_challenge_missing');

    const open = await ask(session, mine.did);
    const otherChallenge = await put(session, mine.did, await signed('a-different-challenge-value', open.domain));
    expect((otherChallenge.json() as { reasons: string[] }).reasons.join(' ')).toMatch(/challenge/);
    const otherDomain = await put(session, mine.did, await signed(open.challenge, 'jobs.elsewhere.example'));
    expect(codeOf(otherDomain)).toBe('wallet.holder_proof_invalid');
    expect((otherDomain.json() as { reasons: string[] }).reasons.join(' ')).toContain('jobs.elsewhere.example');
    expect(await provedDids(id)).toBeUndefined();

    // An expired challenge.
    const late = await ask(session, mine.did);
    await app.database.db.updateTable('holder_did_challenges').set({ expires_at: new Date(Date.now() - 1000) }).where('person_id', '=', id).execute();
    expect(codeOf(await put(session, mine.did, await signed(late.challenge, late.domain)))).toBe('wallet.holder_challenge_missing');
    expect((await app.server.inject({ method: 'GET', url: '/api/v1/me/holder-did', headers: { ...session } })).json()).toEqual({ holderDid: null });
  });

  it('keeps a DID brought before proofs on the account, shown unproved and not used', async () => {
    const { id, session } = await learner();
    const key = await sampleIssuerKey(34);
    await app.database.db.insertInto('holder_dids').values({ person_id: id, did: key.did, method: 'key', sealed_secret_key: null, proved_at: null, created_at: new Date() }).execute();
    expect((await app.server.inject({ method: 'GET', url: '/api/v1/me/holder-did', headers: { ...session } })).json()).toMatchObject({ holderDid: { did: key.did, proved: false } });
    expect(await provedDids(id)).toBeUndefined();
    expect((await proveHolderDid(app.server, session, key, documentLoader)).statusCode).toBe(200);
    expect(await provedDids(id)).toBe(key.did);
  });

  it('tessera holder keygen writes a private JWK and prints its did:key; holder prove answers a challenge the API accepts', async () => {
    const { id, session } = await learner();
    const lines: string[] = [];
    const output = { line: (text = '') => lines.push(text), error: (text: string) => lines.push(`error: ${text}`) };
    const file = path.join(folder, 'my-key.jwk');
    expect(await keygenCommand(output, file)).toBe(0);
    const did = lines.pop()!;
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(statSync(file).mode & 0o077).toBe(0);
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as { kty: string; crv: string; d: string; x: string };
    expect([jwk.kty, jwk.crv, Buffer.from(jwk.d, 'base64url').length]).toEqual(['OKP', 'Ed25519', 32]);
    await expect(keygenCommand(output, file)).rejects.toMatchObject({ code: 'request.invalid' });

    const { challenge, domain } = await ask(session, did);
    expect(await proveCommand(output, { key: file, challenge, domain })).toBe(0);
    const accepted = await put(session, did, JSON.parse(lines.join('\n')));
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await provedDids(id)).toBe(did);
  });
});
