import { useState, type FormEvent, type ReactNode } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { addEvidence, uploadEvidenceFile, type EvidenceInput } from './assessment-api.js';

interface FormsProps {
  enrolmentId: string;
  onAdded(): Promise<void>;
}

/** One small form per kind of evidence: a file, a link, a narrative, a supervisor's attestation. */
export function EvidenceForms({ enrolmentId, onAdded }: FormsProps) {
  return (
    <div className="evidence-forms">
      <EvidenceForm id="file" heading="Upload a file" submitLabel="Upload" onAdded={onAdded} send={(form) => {
        const file = form.get('file');
        if (!(file instanceof File) || file.size === 0) throw new Error('Choose a file to upload.');
        return uploadEvidenceFile(enrolmentId, file, { name: text(form, 'name') || undefined, isPublic: form.get('public') === 'on' });
      }}>
        <Field id="file-file" label="File" hint="Documents, images, video or audio, up to 50 MB.">
          <input id="file-file" name="file" type="file" required />
        </Field>
        <Field id="file-name" label="Title (optional)">
          <input id="file-name" name="name" maxLength={300} />
        </Field>
      </EvidenceForm>
      <EvidenceForm id="link" heading="Add a link" submitLabel="Add link" onAdded={onAdded} send={(form) => addEvidence(enrolmentId, withPublic(form, { kind: 'link', url: text(form, 'url'), ...(text(form, 'name') ? { name: text(form, 'name') } : {}) }))}>
        <Field id="link-url" label="Web address" hint="http or https, e.g. a portfolio page or a shared document.">
          <input id="link-url" name="url" type="url" required />
        </Field>
        <Field id="link-name" label="Title (optional)">
          <input id="link-name" name="name" maxLength={300} />
        </Field>
      </EvidenceForm>
      <EvidenceForm id="narrative" heading="Write a narrative" submitLabel="Add narrative" onAdded={onAdded} send={(form) => addEvidence(enrolmentId, withPublic(form, { kind: 'narrative', name: text(form, 'name'), narrative: text(form, 'narrative') }))}>
        <Field id="narrative-name" label="Title">
          <input id="narrative-name" name="name" required maxLength={300} />
        </Field>
        <Field id="narrative-text" label="What you did and how it shows the outcomes">
          <textarea id="narrative-text" name="narrative" required maxLength={20000} />
        </Field>
      </EvidenceForm>
      <EvidenceForm id="attestation" heading="Add a supervisor’s attestation" submitLabel="Add attestation" onAdded={onAdded} send={(form) =>
        addEvidence(enrolmentId, withPublic(form, { kind: 'attestation', supervisor: { name: text(form, 'name'), email: text(form, 'email'), role: text(form, 'role'), statement: text(form, 'statement') } }))
      }>
        <Field id="attestation-name" label="Supervisor’s name">
          <input id="attestation-name" name="name" required maxLength={200} />
        </Field>
        <Field id="attestation-email" label="Supervisor’s email">
          <input id="attestation-email" name="email" type="email" required />
        </Field>
        <Field id="attestation-role" label="Their role">
          <input id="attestation-role" name="role" required maxLength={200} />
        </Field>
        <Field id="attestation-statement" label="What they saw you do (at least 20 characters)">
          <textarea id="attestation-statement" name="statement" required minLength={20} maxLength={5000} />
        </Field>
      </EvidenceForm>
    </div>
  );
}

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
// The server checks the shape (and says which field is wrong); this only adds the public switch.
const withPublic = (form: FormData, input: Record<string, unknown>): EvidenceInput => ({ ...input, isPublic: form.get('public') === 'on' }) as unknown as EvidenceInput;

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </div>
  );
}

interface EvidenceFormProps {
  id: string;
  heading: string;
  submitLabel: string;
  children: ReactNode;
  send(form: FormData): Promise<unknown>;
  onAdded(): Promise<void>;
}

function EvidenceForm({ id, heading, submitLabel, children, send, onAdded }: EvidenceFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await send(new FormData(element));
      element.reset();
      await onAdded();
    } catch (failure) {
      setError(failure instanceof Error && !('code' in failure) ? failure.message : describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form panel" onSubmit={onSubmit} aria-labelledby={`evidence-${id}-heading`}>
      <h3 id={`evidence-${id}-heading`}>{heading}</h3>
      {error && <Alert tone="error">{error}</Alert>}
      {children}
      <label className="choice">
        <input type="checkbox" name="public" /> Public: embed it in my credential
      </label>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Adding…' : submitLabel}
      </button>
    </form>
  );
}
