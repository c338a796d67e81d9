import { useEffect, useRef, useState } from 'react';
import type { CreatedApiToken } from './api-tokens.js';

interface CreatedTokenNoticeProps {
  created: CreatedApiToken;
  onDismiss(): void;
}

/** The only time the secret is visible: the server stores a hash, so a lost token must be replaced. */
export function CreatedTokenNotice({ created, onDismiss }: CreatedTokenNoticeProps) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the notice so keyboard and screen reader users land on the secret they must copy.
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('copied');
    } catch {
      // Clipboard access needs a secure context and permission; the token stays selectable either way.
      setCopied('failed');
    }
  }

  return (
    <section className="notice" aria-labelledby="created-token-heading">
      <h3 id="created-token-heading" ref={headingRef} tabIndex={-1}>
        Copy your new token “{created.item.name}” now
      </h3>
      <p>It will not be shown again. Store it somewhere safe, such as a secrets manager.</p>
      <div className="secret">
        <label htmlFor="created-token-value" className="visually-hidden">
          New API token
        </label>
        <input
          id="created-token-value"
          className="secret-value"
          readOnly
          value={created.token}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="created-token"
        />
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" className="hint">
        {copied === 'copied' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Could not copy automatically: select the token and copy it yourself.'}
      </p>
      <button type="button" className="button button-secondary" onClick={onDismiss}>
        I have stored it
      </button>
    </section>
  );
}
