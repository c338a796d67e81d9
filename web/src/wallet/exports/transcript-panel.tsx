import { useState, type FormEvent } from 'react';
import { Alert } from '../../ui/alert.js';
import { useAction } from '../../ui/use-action.js';
import type { CredentialCardView } from '../wallet-api.js';
import { canGoInTranscript, TranscriptLinks } from './transcript-links.js';
import { createTranscript, type TranscriptView } from './wallet-exports-api.js';

/** One transcript of the credentials the learner ticked: a signed CLR 2.0 and a PDF for a registrar. */
export function TranscriptPanel({ selected }: { selected: CredentialCardView[] }) {
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const [transcript, setTranscript] = useState<TranscriptView | null>(null);
  const included = selected.filter(canGoInTranscript);
  const leftOut = selected.filter((card) => !canGoInTranscript(card));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTranscript(null);
    await run(async () => setTranscript(await createTranscript(included.map((card) => card.id), name.trim() || undefined)));
  }

  return (
    <section className="panel section-gap" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">Transcript</h2>
      {selected.length === 0 ? (
        <p className="hint">Tick credentials above to put them in one transcript: a signed CLR 2.0 that any verifier reads, and a PDF for a registrar.</p>
      ) : (
        <form className="form" onSubmit={submit} aria-label="Make a transcript">
          {leftOut.length > 0 && (
            <p className="hint">
              Left out: {leftOut.map((card) => card.title).join(', ')}. A transcript holds the badges issued to you here.
            </p>
          )}
          <div className="field">
            <label htmlFor="transcript-name">Transcript title (optional)</label>
            <input id="transcript-name" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} placeholder="Transcript of micro-credentials" />
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <button type="submit" className="button button-primary" disabled={busy || included.length === 0}>
            {busy ? 'Signing the transcript…' : `Make a transcript of ${included.length === 1 ? '1 credential' : `${included.length} credentials`}`}
          </button>
        </form>
      )}
      {transcript && <TranscriptLinks transcript={transcript} />}
    </section>
  );
}
