import type { ReactNode } from 'react';
import type { ApiData } from '../api/use-api-data.js';
import { Alert } from './alert.js';

interface LoadedProps<T> {
  state: ApiData<T>;
  /** What is being loaded, for the messages: "members", "your tokens". */
  what: string;
  children(data: T): ReactNode;
}

/** Shows a loading line or the failure until the data is there, then renders it. */
export function Loaded<T>({ state, what, children }: LoadedProps<T>) {
  if (state.status === 'loading') {
    return (
      <p className="hint" role="status">
        Loading {what}…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <Alert tone="error" title={`The ${what} could not be loaded`}>
        {state.message}
      </Alert>
    );
  }
  return children(state.data);
}
