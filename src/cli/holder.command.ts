import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Command } from 'commander';
import { createDocumentLoader } from '../credentials/contexts/document-loader.js';
import { didKeyFromPublicKeyMultibase } from '../credentials/dids/did-key.js';
import { createIssuerSigner, issuerKeyPairFromSecretKey } from '../credentials/keys/issuer-key.js';
import type { CredentialSigner } from '../credentials/proof/proof-suites.js';
import { invalidInput } from '../errors.js';
import { signDidAuthentication } from '../wallet/holder/holder-did-proof.js';
import type { CliOutput } from './output.js';

type Run = (action: () => Promise<number>) => () => Promise<void>;

interface ProveOptions {
  key: string;
  challenge: string;
  domain: string;
  did?: string;
  verificationMethod?: string;
}

/**
 * `tessera holder keygen|prove`: for learners who keep their own DID key. `prove` answers the challenge the
 * Account page (or POST /api/v1/me/holder-did/challenge) gives, so Tessera can see the DID is theirs. Neither
 * needs a database or the network: the key never leaves the learner's machine.
 */
export function holderCommand(output: CliOutput, run: Run): Command {
  const holder = new Command('holder').description('your own holder DID: make a key, prove the DID is yours');
  holder
    .command('keygen')
    .argument('<file>', 'where to write the new private key (an Ed25519 JWK, readable only by you)')
    .description('make an Ed25519 key and print its did:key')
    .action(async (file: string) => run(() => keygenCommand(output, file))());
  holder
    .command('prove')
    .requiredOption('--key <file>', 'your private key: an Ed25519 JWK (with "d") or a Multikey JSON (with secretKeyMultibase)')
    .requiredOption('--challenge <challenge>', 'the challenge Tessera gave')
    .requiredOption('--domain <domain>', 'the domain Tessera gave')
    .option('--did <did>', 'your DID (default: the did:key of the key)')
    .option('--verification-method <id>', 'the key id in your DID document (needed for a did:web)')
    .description('print a Verifiable Presentation, signed with the key, answering the challenge')
    .action(async (options: ProveOptions) => run(() => proveCommand(output, options))());
  return holder;
}

export async function keygenCommand(output: CliOutput, file: string): Promise<number> {
  // node:crypto writes an RFC 8037 JWK: "d" is the 32-byte seed, "x" the public key.
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  // 'wx': never overwrite a key someone already has.
  await writeFile(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(error.code === 'EEXIST' ? `${file} already exists: choose another file (a key is never overwritten).` : `Cannot write ${file}: ${error.message}`);
  });
  const pair = await issuerKeyPairFromSecretKey(Buffer.from(jwk.d!, 'base64url'));
  output.line(didKeyFromPublicKeyMultibase(pair.publicKeyMultibase)!);
  return 0;
}

/** The key's public Multikey and a signer under `verificationMethod` (or the did:key default when absent). */
type HolderKey = { publicKeyMultibase: string; signerFor(verificationMethod: string): Promise<CredentialSigner> };

async function readKey(file: string): Promise<HolderKey> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw invalidInput(error.code === 'ENOENT' ? `There is no file ${file}.` : `Cannot read ${file}: ${error.message}`);
  });
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw invalidInput(`${file} is not JSON: give an Ed25519 JWK or a Multikey JSON.`);
  }
  try {
    if (json.kty === 'OKP' && json.crv === 'Ed25519' && typeof json.d === 'string') {
      // node:crypto checks the JWK's form; it derives the public key from "d" and ignores "x", so "x" is compared here.
      const checked = createPrivateKey({ key: json as { kty: string }, format: 'jwk' }).export({ format: 'jwk' });
      if (json.x !== undefined && json.x !== checked.x) throw new Error('its "x" is not the public key of its "d"');
      const seed = Buffer.from(checked.d!, 'base64url');
      const pair = await issuerKeyPairFromSecretKey(seed);
      return { publicKeyMultibase: pair.publicKeyMultibase, signerFor: (verificationMethod) => createIssuerSigner({ secretKey: seed, verificationMethod }) };
    }
    if (typeof json.secretKeyMultibase === 'string') {
      const key = await Ed25519Multikey.from(json);
      return { publicKeyMultibase: key.publicKeyMultibase, signerFor: async (verificationMethod) => ({ ...key.signer(), id: verificationMethod, algorithm: 'Ed25519' as const }) };
    }
  } catch (error) {
    throw invalidInput(`${file} is not a usable Ed25519 key: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw invalidInput(`${file} holds no Ed25519 private key: a JWK needs kty "OKP", crv "Ed25519" and "d"; a Multikey needs secretKeyMultibase.`);
}

export async function proveCommand(output: CliOutput, options: ProveOptions): Promise<number> {
  const key = await readKey(options.key);
  const did = options.did ?? didKeyFromPublicKeyMultibase(key.publicKeyMultibase)!;
  if (!did.startsWith('did:key:') && !options.verificationMethod) throw invalidInput(`For ${did}, say which key of its DID document this is: --verification-method ${did}#<key id>.`);
  const signer = await key.signerFor(options.verificationMethod ?? `${did}#${key.publicKeyMultibase}`);
  const presentation = await signDidAuthentication({ did, signer, challenge: options.challenge, domain: options.domain, documentLoader: createDocumentLoader() });
  output.line(JSON.stringify(presentation, null, 2));
  return 0;
}
