import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { registryApi, vettingMethodLabels, type VettingMethod } from './registry-api.js';

/** Approve one organisation, saying how it was checked: the method, the evidence looked at, and notes. */
export function ApprovalForm({ slug, name, onDone }: { slug: string; name: string; onDone(): Promise<void> }) {
  const [method, setMethod] = useState<VettingMethod>('accreditation_register');
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await registryApi.approve(slug, { method, notes, ...(evidenceUrl.trim() ? { evidenceUrl: evidenceUrl.trim() } : {}) });
      await onDone();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-label={`Approve ${name}`}>
      {error && (
        <Alert tone="error" title="Not approved">
          <p>{error}</p>
        </Alert>
      )}
      <label className="field">
        <span>How was {name} checked?</span>
        <select value={method} onChange={(event) => setMethod(event.target.value as VettingMethod)}>
          {Object.entries(vettingMethodLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Evidence URL (optional)</span>
        <input type="url" value={evidenceUrl} onChange={(event) => setEvidenceUrl(event.target.value)} placeholder="https://…" />
      </label>
      <label className="field">
        <span>Notes: what you checked and what you found</span>
        <textarea rows={3} required value={notes} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        Approve {name}
      </button>
    </form>
  );
}
