import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { createApiToken, type CreatedApiToken, type TokenScope } from './api-tokens.js';

const expiryChoices = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'No expiry' },
] as const;

interface ApiTokenFormProps {
  scopes: TokenScope[];
  onCreated(created: CreatedApiToken): void;
}

/** Names a new token, picks what it may do and for how long; the least a token can do is the safest. */
export function ApiTokenForm({ scopes, onCreated }: ApiTokenFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const chosenScopes = form.getAll('scopes').map(String);
    if (chosenScopes.length === 0) {
      setError('Choose at least one scope.');
      return;
    }
    const expiry = String(form.get('expiresInDays') ?? '');
    setSubmitting(true);
    setError(null);
    try {
      const created = await createApiToken({
        name: String(form.get('name')).trim(),
        scopes: chosenScopes,
        ...(expiry ? { expiresInDays: Number(expiry) } : {}),
      });
      formElement.reset();
      onCreated(created);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">Create a token</h3>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="field">
        <label htmlFor="token-name">Name</label>
        <p className="hint" id="token-name-hint">
          Say where it will be used, for example “Registry sync script”.
        </p>
        <input id="token-name" name="name" required maxLength={100} autoComplete="off" aria-describedby="token-name-hint" />
      </div>
      <fieldset className="field">
        <legend>Scopes</legend>
        <p className="hint">Grant only what the script or service needs.</p>
        {scopes.length === 0 && <p className="hint">No scopes are available.</p>}
        {scopes.map(({ scope, description }) => (
          <div className="checkbox" key={scope}>
            <input id={`scope-${scope}`} type="checkbox" name="scopes" value={scope} />
            <label htmlFor={`scope-${scope}`}>
              <code>{scope}</code>
              <span className="checkbox-description">{description}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="token-expiry">Expires after</label>
        <select id="token-expiry" name="expiresInDays" defaultValue="90">
          {expiryChoices.map((choice) => (
            <option key={choice.label} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <button className="button button-primary" type="submit" disabled={submitting}>
        {submitting ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
