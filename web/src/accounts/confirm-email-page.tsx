import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert } from '../ui/alert.js';
import { Page } from '../ui/page.js';
import { useAction } from '../ui/use-action.js';
import { useSession, useSessionContext } from './session-context.js';
import { confirmEmail } from './session.js';

/** The token travels in the fragment (`#token=…`), which browsers never send to the server or its logs. */
const tokenOf = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get('token');

/**
 * `/confirm-email#token=…`, the link mailed at sign-up. Confirming takes a click rather than happening on load,
 * so a mail scanner that opens links cannot confirm an address on its own.
 */
export function ConfirmEmailPage() {
  const session = useSession();
  const { reload } = useSessionContext();
  const action = useAction();
  const [confirmed, setConfirmed] = useState<{ email: string; credentialsClaimed: number } | null>(null);
  const token = tokenOf(window.location.hash);

  const confirm = () =>
    action.run(async () => {
      const outcome = await confirmEmail(token ?? '');
      if (session) await reload();
      setConfirmed(outcome);
    });

  return (
    <div className="narrow">
      <Page title="Confirm your email address" lead="Confirming shows that the address is yours, so credentials issued to it reach your wallet.">
        {confirmed ? (
          <Alert tone="success" title="Your email address is confirmed">
            <p>
              {confirmed.email} is now confirmed.
              {confirmed.credentialsClaimed > 0 && ` ${confirmed.credentialsClaimed === 1 ? 'A credential issued' : `${confirmed.credentialsClaimed} credentials issued`} to it before is now in your wallet.`}{' '}
              {session ? <Link to="/wallet">Go to your wallet</Link> : <Link to="/sign-in">Sign in</Link>}
            </p>
          </Alert>
        ) : token ? (
          <>
            {action.error && (
              <Alert tone="error" title="The address could not be confirmed">
                {action.error}
              </Alert>
            )}
            <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void confirm()}>
              {action.busy ? 'Confirming…' : 'Confirm my email address'}
            </button>
          </>
        ) : (
          <Alert tone="error" title="This link is incomplete">
            <p>Open the whole link from the email, or sign in and ask for a new one.</p>
          </Alert>
        )}
      </Page>
    </div>
  );
}
