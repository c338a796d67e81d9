import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { Loaded } from '../ui/loading.js';
import { getHolderDid, removeHolderDid, setHolderDid } from '../wallet/exports/wallet-exports-api.js';
import { OwnDidForm } from './own-did-form.js';

/** The learner's holder DID: credentials issued from now on name it as their subject, and it signs presentations. */
export function HolderDidSection() {
  const { state, reload } = useApiData(getHolderDid, 'holder-did');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  async function run(action: () => Promise<unknown>, success: string) {
    setMessage(null);
    try {
      await action();
      await reload();
      setMessage({ tone: 'success', text: success });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    }
  }

  return (
    <section className="panel" aria-labelledby="holder-did-heading">
      <h2 id="holder-did-heading">Your DID</h2>
      <p className="hint">
        A DID binds your credentials to you without your email address. Credentials already issued keep the identifier they were issued with.
      </p>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Loaded state={state} what="your DID">
        {(holder) => (
          <div className="stack">
            {holder ? (
              <dl className="summary-list">
                <div>
                  <dt>DID</dt>
                  <dd>
                    <code data-testid="holder-did">{holder.did}</code>
                  </dd>
                </div>
                <div>
                  <dt>Key</dt>
                  <dd>{holder.managed ? 'Made and kept (encrypted) by Tessera: it can sign presentations for you' : 'Your own: sign presentations with your own wallet'}</dd>
                </div>
                {!holder.proved && (
                  <div>
                    <dt>Proof</dt>
                    <dd>Not proved yet: credentials do not name it, and it matches nothing, until you prove it is yours below.</dd>
                  </div>
                )}
              </dl>
            ) : (
              <p>You have no DID yet.</p>
            )}
            <div className="page-actions">
              <button type="button" className="button" onClick={() => void run(() => setHolderDid({ generate: true }), 'A new did:key was made for you.')}>
                {holder ? 'Make a new did:key for me' : 'Make a did:key for me'}
              </button>
              {holder && (
                <button type="button" className="button" onClick={() => void run(removeHolderDid, 'Your DID was removed.')}>
                  Remove my DID
                </button>
              )}
            </div>
            <OwnDidForm onProved={() => run(async () => undefined, 'Your DID is proved and saved. Credentials issued to you from now on name it.')} />
          </div>
        )}
      </Loaded>
    </section>
  );
}
