import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { pastedCredential } from '../verify/verify-api.js';
import { importCredential, importCredentialFile, type CredentialCardView } from './wallet-api.js';

type Mode = 'file' | 'paste' | 'url';

/** Bring in a credential issued elsewhere: a file (JSON, JWT, baked PNG/SVG), pasted text, or a URL. Tessera verifies it first. */
export function ImportPanel({ onImported }: { onImported(card: CredentialCardView): Promise<void> }) {
  const [mode, setMode] = useState<Mode>('file');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const card =
        mode === 'file' && file
          ? await importCredentialFile(file)
          : mode === 'url'
            ? await importCredential({ url: url.trim() })
            : await importCredential({ credential: pastedCredential(text) });
      setDone(`Imported “${card.title}”: ${card.verification?.verified ? 'verified' : 'kept with warnings'}.`);
      setFile(null);
      setText('');
      setUrl('');
      await onImported(card);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel section-gap" aria-labelledby="import-heading">
      <h2 id="import-heading">Add a credential from elsewhere</h2>
      <p className="hint">Upload a credential file or a badge image with a credential baked in, paste it, or give the address where it is published. Tessera checks its signature before keeping it.</p>
      <form className="form" onSubmit={submit}>
        <fieldset className="field">
          <legend>How</legend>
          {(['file', 'paste', 'url'] as const).map((m) => (
            <div key={m} className="checkbox">
              <input id={`import-mode-${m}`} type="radio" name="import-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              <label htmlFor={`import-mode-${m}`}>{m === 'file' ? 'Upload a file' : m === 'paste' ? 'Paste JSON or a JWT' : 'From a URL'}</label>
            </div>
          ))}
        </fieldset>
        {mode === 'file' && (
          <div className="field">
            <label htmlFor="import-file">Credential file (JSON, JWT, PNG or SVG badge)</label>
            <input id="import-file" type="file" accept=".json,.jsonld,.jwt,.png,.svg,application/json,image/png,image/svg+xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
        )}
        {mode === 'paste' && (
          <div className="field">
            <label htmlFor="import-text">Credential</label>
            <textarea id="import-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
        )}
        {mode === 'url' && (
          <div className="field">
            <label htmlFor="import-url">Address of the credential</label>
            <input id="import-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
          </div>
        )}
        {error && (
          <Alert tone="error" title="Not imported">
            {error}
          </Alert>
        )}
        {done && <Alert tone="success">{done}</Alert>}
        <div>
          <button type="submit" className="button button-primary" disabled={busy || (mode === 'file' ? !file : mode === 'url' ? !url.trim() : !text.trim())}>
            {busy ? 'Verifying…' : 'Verify and add'}
          </button>
        </div>
      </form>
    </section>
  );
}
