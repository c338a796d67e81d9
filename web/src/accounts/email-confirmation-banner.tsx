import { useState } from 'react';
import { Alert } from '../ui/alert.js';
import { useAction } from '../ui/use-action.js';
import type { SessionView } from './session.js';
import { requestConfirmationLink } from './session.js';

/**
 * Shown on every page until the signed-in person confirms their address: what waits on it, and a way to
 * have the link sent again.
 */
export function EmailConfirmationBanner({ session }: { session: SessionView | null }) {
  const action = useAction();
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (!session || session.person.emailConfirmed) return null;
  const resend = () => action.run(async () => setSentTo((await requestConfirmationLink()).sentTo));
  return (
    <section className="confirm-banner" aria-label="Confirm your email address">
      <Alert tone="info" title="Confirm your email address">
        <p>
          We sent a link to <strong>{session.person.email}</strong>. Until you open it, credentials issued to this address are not added to your wallet, and
          organisations cannot give you a role by it.
        </p>
        {sentTo && <p role="status">A new link is on its way to {sentTo}.</p>}
        {action.error && <p role="alert">{action.error}</p>}
        <button type="button" className="button button-secondary" disabled={action.busy} onClick={() => void resend()}>
          {action.busy ? 'Sending…' : 'Send the link again'}
        </button>
      </Alert>
    </section>
  );
}
