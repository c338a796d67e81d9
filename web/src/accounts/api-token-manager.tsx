import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { Loaded } from '../ui/loading.js';
import { ApiTokenForm } from './api-token-form.js';
import { ApiTokenList } from './api-token-list.js';
import { listApiTokens, listTokenScopes, revokeApiToken, type ApiTokenView, type CreatedApiToken } from './api-tokens.js';
import { CreatedTokenNotice } from './created-token-notice.js';

async function loadTokensAndScopes() {
  const [tokens, scopes] = await Promise.all([listApiTokens(), listTokenScopes()]);
  return { tokens, scopes };
}

/** Lists, creates and revokes the signed-in person's API tokens. */
export function ApiTokenManager() {
  const { state, reload } = useApiData(loadTokensAndScopes, 'tokens');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  async function onCreated(token: CreatedApiToken) {
    setMessage(null);
    // The notice goes up once the list shows the new token, so the two never disagree; it shows even if the reload fails (the secret is shown only now).
    try {
      await reload();
    } finally {
      setCreated(token);
    }
  }

  async function onRevoke(token: ApiTokenView) {
    try {
      await revokeApiToken(token.id);
      await reload();
      setMessage({ tone: 'success', text: `Token “${token.name}” was revoked.` });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    }
  }

  return (
    <Loaded state={state} what="API tokens">
      {({ tokens, scopes }) => (
        <div className="stack">
          {created && <CreatedTokenNotice created={created} onDismiss={() => setCreated(null)} />}
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          {tokens.length === 0 ? (
            <EmptyState title="No API tokens yet">
              <p>
                Tokens let scripts and other systems use the Tessera API as you, within the scopes you choose. Tokens
                you create will be listed here with when they were last used.
              </p>
            </EmptyState>
          ) : (
            <ApiTokenList tokens={tokens} onRevoke={onRevoke} />
          )}
          <ApiTokenForm scopes={scopes} onCreated={onCreated} />
        </div>
      )}
    </Loaded>
  );
}
