// The users list's group filter: pick one group (searched on the server, a
// page of names at a time) and the list shows its direct members. The
// chosen group is `?group=<id>` in the URL, like the other filters.

import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { teamPath } from '../../api/client';
import type { GroupSummary, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useT } from '../../i18n/i18n';
import { setSearch } from '../../router';

export function GroupFilter({ teamId, value }: { teamId: string; value: string }) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed, 300);
  const groups = useApi<Page<GroupSummary>>(teamPath(teamId, `/groups?count=50${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`));
  // The chosen group keeps its name even when the search no longer lists it.
  const chosen = useApi<GroupSummary>(value ? teamPath(teamId, `/groups/${encodeURIComponent(value)}`) : null);
  const options = new Map((groups.data?.items ?? []).map((g) => [g.id, g.displayName]));
  if (value && chosen.data?.id === value) options.set(value, chosen.data.displayName);
  return (
    <Select
      aria-label={t('users.groupFilter')}
      placeholder={t('users.allGroups')}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value || null}
      onChange={(next) => setSearch({ group: next ?? undefined, page: undefined })}
      searchable
      clearable
      searchValue={typed}
      onSearchChange={setTyped}
      nothingFoundMessage={t('users.noGroupMatch')}
      filter={({ options: all }) => all}
      maw={260}
      data-testid="group-filter"
    />
  );
}
