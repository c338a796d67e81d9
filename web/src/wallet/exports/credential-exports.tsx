import { useState } from 'react';
import { Alert } from '../../ui/alert.js';
import { useAction } from '../../ui/use-action.js';
import { canGoInTranscript, TranscriptLinks } from './transcript-links.js';
import { createTranscript, credentialFileUrl, type TranscriptView } from './wallet-exports-api.js';

/**
 * Downloads of one credential issued here: the signed JSON, badge images with it baked in (they re-import
 * anywhere that reads OB 3.0 baked badges), and a transcript (signed CLR 2.0 and a registrar's PDF).
 */
export function CredentialExports({ card }: { card: { id: string; kind: string; origin: 'issued' | 'imported'; jwt: string | null } }) {
  const [transcript, setTranscript] = useState<TranscriptView | null>(null);
  const { busy, error, run } = useAction();
  if (card.origin === 'imported') return null;
  const isBadge = card.kind !== 'ClrCredential';

  const makeTranscript = () => run(async () => setTranscript(await createTranscript([card.id])));

  return (
    <section className="section-gap" aria-labelledby="exports-heading">
      <h2 id="exports-heading">Download and keep</h2>
      <ul className="link-list">
        <li>
          <a href={credentialFileUrl(card.id, 'json')} download>
            Signed credential (JSON)
          </a>
        </li>
        {isBadge && (
          <>
            <li>
              <a href={credentialFileUrl(card.id, 'png')} download data-testid="download-baked-png">
                Badge image with the credential baked in (PNG)
              </a>
            </li>
            <li>
              <a href={credentialFileUrl(card.id, 'svg')} download>
                Badge image with the credential baked in (SVG)
              </a>
            </li>
          </>
        )}
      </ul>
      {canGoInTranscript(card) && !transcript && (
        <button type="button" className="button" onClick={makeTranscript} disabled={busy}>
          {busy ? 'Signing the transcript…' : 'Make a transcript (PDF and signed CLR)'}
        </button>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {transcript && <TranscriptLinks transcript={transcript} />}
    </section>
  );
}
