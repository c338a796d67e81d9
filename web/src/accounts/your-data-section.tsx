import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { deleteAccount, everythingExportUrl } from '../wallet/exports/wallet-exports-api.js';
import { useSessionContext } from './session-context.js';

/** Everything-about-me export, and deleting the account (typed email to confirm). */
export function YourDataSection({ email }: { email: string }) {
  const { signOut } = useSessionContext();
  const [confirmEmail, setConfirmEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await deleteAccount(confirmEmail);
      // The server ended the session with the account; signing out here only forgets it in the page.
      await signOut();
      // A whole-page load of the home page: forgetting the session makes this page's guard send it to
      // sign-in, and an in-app navigation racing that guard was lost on a busy machine.
      window.location.replace('/');
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="your-data-heading">
      <h2 id="your-data-heading">Your data</h2>
      <p>
        <a className="button" href={everythingExportUrl} download>
          Download everything about me (ZIP of JSON)
        </a>
      </p>
      <h3>Delete your account</h3>
      <p className="hint">
        This removes your name, email address, password, sign-ins, API tokens, evidence files, share links, DID, transcripts and the answers you gave about yourself. Credentials issued to you
        stay valid and keep verifying: issuers keep their signed records, which identify you only by a salted hash or your DID. The audit log keeps events
        under an id that no longer leads to you. Download your credentials first: you cannot sign in again.
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      <form onSubmit={submit} className="form" aria-label="Delete your account">
        <label className="field">
          <span>Type your email address ({email}) to confirm</span>
          <input type="email" autoComplete="off" value={confirmEmail} onChange={(event) => setConfirmEmail(event.target.value)} />
        </label>
        <button type="submit" className="button button-danger" disabled={busy || confirmEmail.trim().toLowerCase() !== email.toLowerCase()}>
          Delete my account
        </button>
      </form>
    </section>
  );
}
