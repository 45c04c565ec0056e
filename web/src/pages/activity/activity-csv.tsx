// Exports the activity entries on screen (the filters applied) as CSV.

import { Button } from '@mantine/core';
import { downloadCsv } from '../../components/csv';
import { useT } from '../../i18n/i18n';
import type { ActivityEntry } from './activity-types';

export function ActivityCsvButton({ entries }: { entries: ActivityEntry[] }) {
  const { t } = useT();
  const rows = () => [
    ['time', 'idp', 'method', 'path', 'status', 'operation', 'resourceType', 'resourceId', 'userName', 'error', 'requestId'],
    ...entries.map((e) => [e.at, e.idp, e.method, e.path, e.status, e.operation, e.resourceType, e.resourceId, e.userName, e.error, e.requestId]),
  ];
  return (
    <Button size="xs" variant="default" disabled={entries.length === 0} onClick={() => downloadCsv('rollcall-activity.csv', rows())} data-testid="activity-csv">
      {t('list.exportCsv')}
    </Button>
  );
}
