import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { ApiError, describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { Page } from '../ui/page.js';
import { safeReturnPath, signUpPathFor } from './return-path.js';
import { useSession, useSessionContext } from './session-context.js';
import { accountErrorCodes, signIn } from './session.js';

const defaultLanding = '/wallet';

function signInFailureMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === accountErrorCodes.invalidCredentials) {
    return 'The email address or password is not correct.';
  }
  if (error instanceof ApiError && error.code === accountErrorCodes.tooManyAttempts) {
    return 'Too many sign-in attempts. Wait a few minutes, then try again.';
  }
  return describeError(error);
}

export function SignInPage() {
  const session = useSession();
  const { establish } = useSessionContext();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('next')) ?? defaultLanding;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Also the way out after a successful sign-in: the new session re-renders this page into a redirect.
  if (session) return <Navigate to={returnTo} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(null);
    try {
      establish(await signIn({ email: String(form.get('email')), password: String(form.get('password')) }));
    } catch (failure) {
      setError(signInFailureMessage(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="narrow">
      <Page title="Sign in" lead="Use the email address and password of your Tessera account.">
        {error && (
          <Alert tone="error" title="You could not be signed in">
            {error}
          </Alert>
        )}
        <form className="form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="sign-in-email">Email address</label>
            <input id="sign-in-email" name="email" type="email" autoComplete="username" required spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">Password</label>
            <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
          </div>
          <button className="button button-primary" type="submit" disabled={submitting}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="form-footnote">
          New to Tessera? <Link to={signUpPathFor(returnTo)}>Create an account</Link>
        </p>
      </Page>
    </div>
  );
}
