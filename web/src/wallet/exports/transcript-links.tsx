import { Alert } from '../../ui/alert.js';
import type { CredentialCardView } from '../wallet-api.js';
import type { TranscriptView } from './wallet-exports-api.js';

/**
 * What a transcript can hold: badges issued here, as signed JSON-LD (src/wallet/exports/transcripts.service.ts
 * refuses imported credentials, VC-JWTs and other transcripts).
 */
export const canGoInTranscript = (card: Pick<CredentialCardView, 'origin' | 'kind' | 'jwt'>): boolean =>
  card.origin !== 'imported' && card.kind !== 'ClrCredential' && card.jwt === null;

/** A made transcript: the registrar's PDF, the signed CLR 2.0 and the page that verifies it. */
export function TranscriptLinks({ transcript }: { transcript: TranscriptView }) {
  return (
    <Alert tone="success" title="Transcript ready">
      <ul className="link-list">
        <li>
          <a href={transcript.pdfUrl} download data-testid="download-transcript-pdf">
            PDF transcript for a registrar
          </a>
        </li>
        <li>
          <a href={transcript.url}>Signed CLR 2.0 transcript (JSON)</a>
        </li>
        <li>
          <a href={transcript.verifyUrl}>Verify it</a> (the PDF&apos;s QR code opens this page)
        </li>
      </ul>
    </Alert>
  );
}
