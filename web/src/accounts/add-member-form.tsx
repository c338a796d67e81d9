import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { roleLabels } from './membership-labels.js';
import { addMember, type MemberView } from './organisations.js';
import type { MembershipRole } from './session.js';

interface AddMemberFormProps {
  slug: string;
  roles: readonly MembershipRole[];
  heading: string;
  onAdded(member: MemberView): void;
}

/** Gives an existing Tessera account a role in an organisation, found by its email address. */
export function AddMemberForm({ slug, roles, heading, onAdded }: AddMemberFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const idPrefix = `add-member-${slug}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSubmitting(true);
    setError(null);
    try {
      const member = await addMember(slug, {
        email: String(form.get('email')).trim(),
        role: String(form.get('role')) as MembershipRole,
      });
      formElement.reset();
      onAdded(member);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby={`${idPrefix}-heading`}>
      <h3 id={`${idPrefix}-heading`}>{heading}</h3>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="field">
        <label htmlFor={`${idPrefix}-email`}>Email address</label>
        <p className="hint" id={`${idPrefix}-email-hint`}>
          The person needs a Tessera account already.
        </p>
        <input
          id={`${idPrefix}-email`}
          name="email"
          type="email"
          required
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${idPrefix}-email-hint`}
        />
      </div>
      {roles.length > 1 ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-role`}>Role</label>
          <select id={`${idPrefix}-role`} name="role" defaultValue={roles[roles.length - 1]}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="role" value={roles[0]} />
      )}
      <button className="button button-primary" type="submit" disabled={submitting}>
        {submitting ? 'Adding…' : roles.length > 1 ? 'Add member' : `Add ${roleLabels[roles[0] ?? 'admin'].toLowerCase()}`}
      </button>
    </form>
  );
}
