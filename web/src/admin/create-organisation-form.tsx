import { useState, type FormEvent } from 'react';
import { organisationKindLabels } from '../accounts/membership-labels.js';
import { createOrganisation, type OrganisationView } from '../accounts/organisations.js';
import type { OrganisationKind } from '../accounts/session.js';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';

const kinds = Object.keys(organisationKindLabels) as OrganisationKind[];

/** A slug suggestion from the name; the person can still edit it before creating. */
function slugFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

function optional(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
}

export function CreateOrganisationForm({ onCreated }: { onCreated(organisation: OrganisationView): void }) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSubmitting(true);
    setError(null);
    try {
      const url = optional(form, 'url');
      const description = optional(form, 'description');
      const created = await createOrganisation({
        name: String(form.get('name')).trim(),
        slug: String(form.get('slug')).trim(),
        kind: String(form.get('kind')) as OrganisationKind,
        ...(url ? { url } : {}),
        ...(description ? { description } : {}),
      });
      formElement.reset();
      setSlug('');
      setSlugEdited(false);
      onCreated(created);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="create-organisation-heading">
      <h2 id="create-organisation-heading">Create an organisation</h2>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="field">
        <label htmlFor="organisation-name">Name</label>
        <input
          id="organisation-name"
          name="name"
          required
          maxLength={200}
          autoComplete="organization"
          onChange={(event) => slugEdited || setSlug(slugFrom(event.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor="organisation-slug">Short name in addresses</label>
        <p className="hint" id="organisation-slug-hint">
          Lower-case letters, digits and hyphens. It becomes part of the organisation’s addresses and DID, so it
          cannot change later.
        </p>
        <input
          id="organisation-slug"
          name="slug"
          required
          pattern="[a-z0-9]([a-z0-9\-]{0,62}[a-z0-9])?"
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
          aria-describedby="organisation-slug-hint"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor="organisation-kind">Kind</label>
        <select id="organisation-kind" name="kind" defaultValue="issuer">
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {organisationKindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="organisation-url">Website (optional)</label>
        <input id="organisation-url" name="url" type="url" maxLength={2000} placeholder="https://" />
      </div>
      <div className="field">
        <label htmlFor="organisation-description">Description (optional)</label>
        <textarea id="organisation-description" name="description" rows={3} maxLength={5000} />
      </div>
      <button className="button button-primary" type="submit" disabled={submitting}>
        {submitting ? 'Creating…' : 'Create organisation'}
      </button>
    </form>
  );
}
