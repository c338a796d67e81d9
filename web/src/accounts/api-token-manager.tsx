import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { ApiTokenForm } from './api-token-form.js';
import { ApiTokenList } from './api-token-list.js';
import {
  listApiTokens,
  listTokenScopes,
  revokeApiToken,
  type ApiTokenView,
  type CreatedApiToken,
  type TokenScope,
} from './api-tokens.js';
import { CreatedTokenNotice } from './created-token-notice.js';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; tokens: ApiTokenView[]; scopes: TokenScope[] };

/** Lists, creates and revokes the signed-in person's API tokens. */
export function ApiTokenManager() {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [tokens, scopes] = await Promise.all([listApiTokens(), listTokenScopes()]);
      setLoaded({ status: 'ready', tokens, scopes });
    } catch (error) {
      setLoaded({ status: 'failed', message: describeError(error) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function onCreated(token: CreatedApiToken) {
    setMessage(null);
    setCreated(token);
    await load();
  }

  async function onRevoke(token: ApiTokenView) {
    try {
      await revokeApiToken(token.id);
      setMessage({ tone: 'success', text: `Token “${token.name}” was revoked.` });
      await load();
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    }
  }

  if (loaded.status === 'loading') return <p className="hint">Loading your tokens…</p>;
  if (loaded.status === 'failed') return <Alert tone="error" title="Your tokens could not be loaded">{loaded.message}</Alert>;

  return (
    <div className="stack">
      {created && <CreatedTokenNotice created={created} onDismiss={() => setCreated(null)} />}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {loaded.tokens.length === 0 ? (
        <EmptyState title="No API tokens yet">
          <p>
            Tokens let scripts and other systems use the Tessera API as you, within the scopes you choose. Tokens you
            create will be listed here with when they were last used.
          </p>
        </EmptyState>
      ) : (
        <ApiTokenList tokens={loaded.tokens} onRevoke={onRevoke} />
      )}
      <ApiTokenForm scopes={loaded.scopes} onCreated={onCreated} />
    </div>
  );
}
