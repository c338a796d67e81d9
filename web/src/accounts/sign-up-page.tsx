import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { Page } from '../ui/page.js';
import { safeReturnPath, signInPathFor } from './return-path.js';
import { useSession, useSessionContext } from './session-context.js';
import { signUp } from './session.js';

// The server's rule (accounts/password.ts); repeated here only as a hint and browser check, the server decides.
const minimumPasswordLength = 10;

export function SignUpPage() {
  const session = useSession();
  const { establish } = useSessionContext();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('next')) ?? '/wallet';
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (session) return <Navigate to={returnTo} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(null);
    try {
      establish(
        await signUp({
          displayName: String(form.get('displayName')).trim(),
          email: String(form.get('email')).trim(),
          password: String(form.get('password')),
        }),
      );
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="narrow">
      <Page title="Create an account" lead="Earn micro-credentials, keep them in your wallet and share them with employers.">
        {error && (
          <Alert tone="error" title="Your account could not be created">
            {error}
          </Alert>
        )}
        <form className="form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="sign-up-name">Full name</label>
            <p className="hint" id="sign-up-name-hint">
              As it should appear on your credentials.
            </p>
            <input id="sign-up-name" name="displayName" required maxLength={200} autoComplete="name" aria-describedby="sign-up-name-hint" />
          </div>
          <div className="field">
            <label htmlFor="sign-up-email">Email address</label>
            <input id="sign-up-email" name="email" type="email" required autoComplete="email" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="sign-up-password">Password</label>
            <p className="hint" id="sign-up-password-hint">
              At least {minimumPasswordLength} characters. A few unrelated words make a strong one.
            </p>
            <input
              id="sign-up-password"
              name="password"
              type="password"
              required
              minLength={minimumPasswordLength}
              maxLength={256}
              autoComplete="new-password"
              aria-describedby="sign-up-password-hint"
            />
          </div>
          <button className="button button-primary" type="submit" disabled={submitting}>
            {submitting ? 'Creating your account…' : 'Create account'}
          </button>
        </form>
        <p className="form-footnote">
          Already have an account? <Link to={signInPathFor(returnTo)}>Sign in</Link>
        </p>
      </Page>
    </div>
  );
}
