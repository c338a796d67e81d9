import { useState } from 'react';
import { describeError } from '../api/client.js';

/**
 * A button's action against the API: `busy` while it runs, the server's words in `error` when it fails.
 * (Older screens still spell this out by hand; new ones use this.)
 */
export function useAction(): { busy: boolean; error: string | null; run(action: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
