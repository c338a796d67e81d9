import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../errors.js';
import { createDocumentLoader } from '../contexts/document-loader.js';
import type { CredentialSigner } from '../proof/proof-suites.js';
import { issueCredential } from './issue-credential.js';
import type { FromWorker, ToWorker } from './signing-pool.js';

/**
 * A signing-pool thread: schema check and canonicalisation (the costly part of an issuance) run here; the
 * signature over the resulting hash is asked of the parent thread, so no secret key ever enters a worker.
 * Contexts come from the same bundled loader the parent uses (contexts are never fetched).
 */
const port = parentPort!;
const documentLoader = createDocumentLoader();
const waiting = new Map<number, { resolve: (signature: Uint8Array) => void; reject: (error: Error) => void }>();
let nextRequest = 1;

const post = (message: FromWorker) => port.postMessage(message);

/**
 * Whether `signed` is `credential` with a `proof` key added last and every other key holding the very same
 * value (signing copies the top level only): then the parent, which holds `credential`, rebuilds it from
 * the proof alone, and 15 KB is not copied back across threads for every credential.
 */
const onlyProofAdded = (credential: Record<string, unknown>, signed: Record<string, unknown>): boolean => {
  if ('proof' in credential) return false;
  const keys = Object.keys(signed);
  const original = Object.keys(credential);
  if (keys.length !== original.length + 1 || keys[keys.length - 1] !== 'proof') return false;
  return original.every((key, i) => keys[i] === key && signed[key] === credential[key]);
};

const proxySigner = (job: number, verificationMethod: string): CredentialSigner => ({
  id: verificationMethod,
  algorithm: 'Ed25519',
  sign: ({ data }) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const request = nextRequest++;
      waiting.set(request, { resolve, reject });
      post({ type: 'sign', job, request, data });
    }),
});

port.on('message', (message: ToWorker) => {
  if (message.type === 'signature') {
    const request = waiting.get(message.request);
    waiting.delete(message.request);
    if (message.signature) request?.resolve(message.signature);
    else request?.reject(new Error('The signer refused to sign.'));
    return;
  }
  const { job, credential, created, verificationMethod } = message;
  issueCredential({ credential, signer: proxySigner(job, verificationMethod), documentLoader, clock: () => new Date(created) }).then(
    (signed) => post(onlyProofAdded(credential, signed) ? { type: 'proof', job, proof: signed.proof } : { type: 'done', job, credential: signed }),
    (error: unknown) =>
      post({
        type: 'failed',
        job,
        // AppErrors travel as their options and are rebuilt as AppErrors; anything else as its message only.
        error: isAppError(error) ? { code: error.code, status: error.status, title: error.title, detail: error.detail, extensions: error.extensions } : { message: error instanceof Error ? error.message : String(error) },
      }),
  );
});
