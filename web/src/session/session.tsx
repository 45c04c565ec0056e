// Who is signed in (GET /api/admin/me) and the teams they may manage. A 401
// from any request (session expired or revoked) sends the admin back to the
// sign-in page instead of leaving broken screens behind.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onUnauthorized, post, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

type SessionState = { status: 'loading' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; me: Me };

interface SessionValue {
  state: SessionState;
  /** Re-reads /me (after sign-in, setup, or a change of roles). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
const LAST_TEAM_KEY = 'rollcall.lastTeam';
const LAST_TEAM_NAME_KEY = 'rollcall.lastTeamName';

/** Remembers the team in use on this device: reopened next time, and offered for SSO sign-in. */
export function rememberTeam(teamId: string, name?: string): void {
  globalThis.localStorage?.setItem(LAST_TEAM_KEY, teamId);
  if (name) globalThis.localStorage?.setItem(LAST_TEAM_NAME_KEY, name);
}

/** The team last used on this device, for "Sign in with SSO" before anyone is signed in. */
export function lastTeam(): { id: string; name: string | null } | undefined {
  const id = globalThis.localStorage?.getItem(LAST_TEAM_KEY);
  return id ? { id, name: globalThis.localStorage?.getItem(LAST_TEAM_NAME_KEY) ?? null } : undefined;
}

/** The team to open: the last one used on this device if still allowed, else the first. */
export function preferredTeam(me: Me): string | undefined {
  const last = globalThis.localStorage?.getItem(LAST_TEAM_KEY);
  return me.teams.find((t) => t.teamId === last)?.teamId ?? me.teams[0]?.teamId;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await api<Me>('GET', '/me', undefined, { quiet401: true });
      setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', me });
    } catch {
      setCsrfToken(undefined);
      setState({ status: 'signed-out', expired: false });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthorized(() => {
      setCsrfToken(undefined);
      setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', expired: true } : s));
    });
  }, [refresh]);

  const signOut = useCallback(async () => {
    await post('/sign-out').catch(() => undefined);
    setCsrfToken(undefined);
    setState({ status: 'signed-out', expired: false });
  }, []);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in admin; only for components rendered behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while signed out');
  return state.me;
}
