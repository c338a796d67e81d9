import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onSessionExpired, setCsrfToken } from '../api/client.js';
import { fetchSession, signOut as requestSignOut, type SessionView } from './session.js';

type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; session: SessionView | null };

interface SessionContextValue {
  state: SessionState;
  /** Store a session the server just issued (after sign-in). */
  establish(session: SessionView): void;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Loads who is signed in once, and keeps the API client's CSRF token in step with the session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const apply = useCallback((session: SessionView | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState({ status: 'ready', session });
  }, []);

  const reload = useCallback(async () => {
    try {
      apply(await fetchSession());
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, [apply]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    onSessionExpired(() => apply(null));
    return () => onSessionExpired(null);
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await requestSignOut();
    } catch (error) {
      // Already signed out on the server (expired, or ended in another tab): the goal is reached.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    apply(null);
  }, [apply]);

  const value = useMemo(() => ({ state, establish: apply, signOut, reload }), [state, apply, signOut, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>');
  return value;
}

/** The signed-in person's session, or null. Only meaningful once the session has loaded. */
export function useSession(): SessionView | null {
  const { state } = useSessionContext();
  return state.status === 'ready' ? state.session : null;
}
