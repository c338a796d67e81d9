import { useCallback, useEffect, useState } from 'react';
import { describeError } from './client.js';

export type ApiData<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; data: T };

/**
 * Loads what a screen shows, and reloads it after the screen changes something. `key` names what is
 * loaded (an organisation's slug, say): when it changes the screen loads afresh.
 */
export function useApiData<T>(load: () => Promise<T>, key: string): { state: ApiData<T>; reload(): Promise<void> } {
  const [state, setState] = useState<ApiData<T>>({ status: 'loading' });

  // `load` is usually an inline arrow, new on every render; `key` is what decides a reload.
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', data: await load() });
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  }, [key]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  return { state, reload };
}
