import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../ui/format.js';
import { useAction } from '../ui/use-action.js';
import { Alert } from '../ui/alert.js';
import { requestHolderChallenge, setHolderDid, type HolderDidChallenge } from '../wallet/exports/wallet-exports-api.js';

/** The command that answers a challenge with a key kept as a JWK file (src/cli/holder.command.ts). */
const proveCommand = (challenge: HolderDidChallenge): string =>
  [
    'npx tessera holder prove --key my-key.jwk',
    `--challenge ${challenge.challenge}`,
    `--domain ${challenge.domain}`,
    ...(challenge.did.startsWith('did:web:') ? [`--did ${challenge.did}`, `--verification-method ${challenge.did}#<key id>`] : []),
  ].join(' ');

const parsePresentation = (text: string): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The signed presentation is not JSON: paste everything the command (or your wallet) printed.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('The signed presentation must be a JSON object.');
  return parsed as Record<string, unknown>;
};

/**
 * Bringing a DID of one's own, in two steps: Tessera gives a challenge, the learner signs it with the DID's key
 * (DID Authentication) and pastes the signed presentation back. Only then do credentials name the DID.
 */
export function OwnDidForm({ onProved }: { onProved(): Promise<void> }) {
  const [did, setDid] = useState('');
  const [challenge, setChallenge] = useState<HolderDidChallenge | null>(null);
  const [presentation, setPresentation] = useState('');
  const action = useAction();

  function askChallenge(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      setChallenge(await requestHolderChallenge(did.trim()));
      setPresentation('');
    });
  }

  function submitProof(event: FormEvent) {
    event.preventDefault();
    if (!challenge) return;
    void action.run(async () => {
      await setHolderDid({ did: challenge.did, presentation: parsePresentation(presentation) });
      setChallenge(null);
      setDid('');
      await onProved();
    });
  }

  return (
    <div className="stack">
      <form onSubmit={askChallenge} className="form" aria-label="Use a DID of your own">
        <label className="field">
          <span>Or use a DID of your own (did:key or did:web)</span>
          <input value={did} onChange={(event) => setDid(event.target.value)} placeholder="did:key:z6Mk…" spellCheck={false} />
        </label>
        <button type="submit" className="button" disabled={did.trim() === '' || action.busy}>
          Prove it is mine
        </button>
      </form>
      {action.error && <Alert tone="error">{action.error}</Alert>}
      {challenge && (
        <form onSubmit={submitProof} className="form" aria-label="Sign the challenge">
          <p>
            Sign this challenge with the key of <code>{challenge.did}</code> before {formatDateTime(challenge.expiresAt)}: with your wallet, or with Tessera’s command line if you keep the key as a JWK file:
          </p>
          <pre className="code-block" aria-label="Command">
            {proveCommand(challenge)}
          </pre>
          <label className="field">
            <span>Signed presentation (JSON)</span>
            <textarea value={presentation} onChange={(event) => setPresentation(event.target.value)} rows={8} spellCheck={false} />
          </label>
          <button type="submit" className="button button-primary" disabled={presentation.trim() === '' || action.busy}>
            Check the proof and use this DID
          </button>
        </form>
      )}
    </div>
  );
}
