import { useState } from 'react';

interface ConfirmButtonProps {
  /** The action, e.g. "Revoke". */
  label: string;
  /** What it acts on; read out with the button so a list of them is not a list of identical buttons. */
  subject: string;
  onConfirm(): Promise<void>;
}

/**
 * For actions that cannot be undone: the first click only asks, the second (on a red button) acts.
 * Inline rather than a modal dialog, so focus stays where the person is working.
 */
export function ConfirmButton({ label, subject, onConfirm }: ConfirmButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
        {label}
        <span className="visually-hidden"> {subject}</span>
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className="button button-small button-danger" onClick={confirm} disabled={busy}>
        Confirm {label.toLowerCase()}
        <span className="visually-hidden"> {subject}</span>
      </button>
      <button type="button" className="button button-small button-link" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
