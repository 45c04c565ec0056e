// The team being managed (GET /api/admin/teams/:teamId): name, plan, the
// admin's role, the SCIM base URL and live user/group counts.

import { createContext, useContext, type ReactNode } from 'react';
import { teamPath } from '../api/client';
import type { Team } from '../api/types';
import { useApi, type ApiState } from '../api/use-api';
import { useLiveRefresh } from '../live/live';

const TeamContext = createContext<ApiState<Team> | null>(null);

export function TeamProvider({ teamId, children }: { teamId: string; children: ReactNode }) {
  const state = useApi<Team>(teamPath(teamId));
  useLiveRefresh(['user.', 'group.'], state.reload);
  return <TeamContext.Provider value={state}>{children}</TeamContext.Provider>;
}

export function useTeam(): ApiState<Team> {
  const value = useContext(TeamContext);
  if (!value) throw new Error('useTeam outside TeamProvider');
  return value;
}

export const canManage = (team: Team | undefined) => team?.role === 'admin' || team?.role === 'owner';
