// Exports the team's users (with the search and status filter applied) as
// CSV, reading the admin API page by page — bounded, so a huge directory
// cannot hold the tab forever.

import { Button } from '@mantine/core';
import { useState } from 'react';
import { get, teamPath } from '../../api/client';
import type { Page, UserSummary } from '../../api/types';
import { downloadCsv } from '../../components/csv';
import { useT } from '../../i18n/i18n';

const PAGE = 200;
const MAX_USERS = 50_000;

export function UsersCsvButton({ teamId, filter }: { teamId: string; filter: URLSearchParams }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const rows: (string | boolean)[][] = [['userName', 'displayName', 'email', 'active', 'groups', 'externalId', 'created', 'lastModified', 'id']];
      for (let start = 1; start <= MAX_USERS; start += PAGE) {
        const query = new URLSearchParams(filter);
        query.set('startIndex', String(start));
        query.set('count', String(PAGE));
        const page = await get<Page<UserSummary>>(teamPath(teamId, `/users?${query}`));
        for (const u of page.items) {
          const email = u.emails.find((e) => e.primary)?.value ?? u.emails[0]?.value ?? '';
          rows.push([u.userName, u.displayName ?? '', email, u.active, u.groups.map((g) => g.displayName).join('; '), u.externalId ?? '', u.created, u.lastModified, u.id]);
        }
        if (page.items.length < PAGE || start + PAGE > page.totalResults) break;
      }
      downloadCsv('rollcall-users.csv', rows);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="xs" variant="default" onClick={() => void run()} loading={busy} data-testid="users-csv">
      {t('list.exportCsv')}
    </Button>
  );
}
