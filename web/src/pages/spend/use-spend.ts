// The team's spend policy and its group limits, re-read when a limit or a
// membership changes (spend.* and group.* events).

import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLiveRefresh } from '../../live/live';
import type { GroupLimitRow, SpendPage, SpendPolicy } from './spend-types';

export function useSpendPolicy(teamId: string) {
  const policy = useApi<SpendPolicy>(teamPath(teamId, '/spend/policy'));
  useLiveRefresh(['spend.'], policy.reload);
  return policy;
}

/** Limited groups are few (a limit is set by hand), so one page of 200 holds them all in practice. */
export function useGroupLimits(teamId: string) {
  const limits = useApi<SpendPage<GroupLimitRow>>(teamPath(teamId, '/spend/group-limits?count=200'));
  useLiveRefresh(['spend.', 'group.'], limits.reload);
  const byGroup = new Map((limits.data?.items ?? []).map((row) => [row.group.id, row]));
  return { ...limits, byGroup };
}
