import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiProblem, onSessionExpired, setCsrfToken, unwrap, type Schemas } from '../api/client';

export type Principal = Schemas['PrincipalDto'];

interface SessionContextValue {
  /** Who is signed in, or null. */
  principal: Principal | null;
  loading: boolean;
  /** True once a signed-in call was answered 401: the session ended on the server. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<Principal>;
  signOut: () => Promise<void>;
  /** What the server says this caller may do (`action:Subject`, e.g. `create:Inspection`). */
  can: (permission: string) => boolean;
}

/** Drops every cached answer but the session's own (another person's data must not survive a sign-in or out). */
function forgetServerState(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<Principal | null> {
  try {
    const { principal } = await unwrap(api.GET('/api/session'));
    const { csrfToken } = await unwrap(api.GET('/api/session/csrf'));
    setCsrfToken(csrfToken);
    return principal;
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in principal for the whole app, from the server's session (an HttpOnly cookie the page never reads). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);
  const session = useQuery({ queryKey: ['session'], queryFn: loadSession, staleTime: Infinity });
  const principal = session.data ?? null;

  useEffect(
    () =>
      onSessionExpired(() => {
        if (queryClient.getQueryData(['session'])) {
          setExpired(true);
          setCsrfToken(null);
          queryClient.setQueryData(['session'], null);
        }
      }),
    [queryClient],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await unwrap(api.POST('/api/session', { body: { username, password } }));
      setCsrfToken(result.csrfToken ?? null);
      forgetServerState(queryClient);
      queryClient.setQueryData(['session'], result.principal);
      setExpired(false);
      return result.principal;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(api.DELETE('/api/session'));
    } finally {
      setCsrfToken(null);
      forgetServerState(queryClient);
      queryClient.setQueryData(['session'], null);
    }
  }, [queryClient]);

  const value = useMemo<SessionContextValue>(
    () => ({
      principal,
      loading: session.isPending,
      expired,
      signIn,
      signOut,
      can: (permission) => principal?.permissions.includes(permission) ?? false,
    }),
    [principal, session.isPending, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
