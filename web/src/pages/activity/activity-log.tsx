// The SCIM activity log: every request the IdP sent (newest first), filtered
// by outcome, resource and user, with a live tail that adds new requests as
// they are recorded, older pages on demand, and each request's detail (its
// body, secrets removed) in a drawer.

import { Badge, Button, Group, Paper, SegmentedControl, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { get, teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconActivity } from '../../components/icons';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { DetailDrawer } from '../../components/detail-drawer';
import { RelativeTime } from '../../components/time';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../i18n/format';
import { useSse } from '../../live/use-sse';
import { Field } from '../directory/user-detail';
import { IDP_NAMES, type ActivityEntry } from './activity-types';
import { ResourceLink } from './resource-link';
import { ActivityCsvButton } from './activity-csv';

const OPERATIONS = ['create', 'read', 'list', 'search', 'replace', 'patch', 'delete', 'bulk', 'discovery', 'other'] as const;

/** "Created user ada@…": the operation and its target in the admin's language (the server's own summary is in the detail). */
function WhatHappened({ entry }: { entry: ActivityEntry }) {
  const { t } = useT();
  const operation = OPERATIONS.find((o) => o === entry.operation) ?? 'other';
  const kind = entry.resourceType === 'User' ? 'user' : entry.resourceType === 'Group' ? 'group' : undefined;
  const resource = kind ? t(`activity.res.${kind}`) : '';
  const resources = kind ? t(`activity.res.${kind}s`) : '';
  return <>{t(`activity.op.${operation}`, { resource, resources, target: entry.userName ?? '' }).replace(/\s+/g, ' ').trim()}</>;
}

const statusColor = (status: number) => (status >= 500 ? 'red' : status >= 400 ? 'orange' : 'teal');

function EntryDetail({ teamId, entryId, onClose }: { teamId: string; entryId: string | undefined; onClose: () => void }) {
  const { t, locale } = useT();
  const entry = useApi<ActivityEntry>(entryId ? teamPath(teamId, `/activity/${encodeURIComponent(entryId)}`) : null);
  const e = entry.data?.id === entryId ? entry.data : undefined;
  return (
    <DetailDrawer opened={!!entryId} onClose={onClose} title={t('activity.request')} record={e} error={entry.error} onRetry={entry.reload}>
      {(e) => (
        <Stack gap="md">
          <Table withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              <Field label={t('activity.colTime')}>{formatDateTime(locale, e.at)}</Field>
              <Field label={t('activity.colRequest')}>
                <span className="mono">
                  {e.method} {e.path}
                </span>
              </Field>
              <Field label={t('activity.colStatus')}>
                <Badge color={statusColor(e.status)} variant="light">
                  {e.status}
                </Badge>{' '}
                {e.latencyMs} ms
              </Field>
              <Field label={t('activity.colIdp')}>{IDP_NAMES[e.idp] ?? t('activity.unknownIdp')}</Field>
              {e.resourceId && (e.resourceType === 'User' || e.resourceType === 'Group') && e.operation !== 'delete' && (
                <Field label={t('activity.colTarget')}>
                  <ResourceLink teamId={teamId} entry={e} />
                </Field>
              )}
              <Field label={t('activity.colSummary')}>
                <WhatHappened entry={e} />
                {e.summary && (
                  <Text size="xs" c="dimmed">
                    {e.summary}
                  </Text>
                )}
              </Field>
              {e.error && <Field label={t('activity.error')}>{e.error}</Field>}
              {e.requestId && (
                <Field label={t('activity.requestId')}>
                  <span className="mono">{e.requestId}</span>
                </Field>
              )}
            </Table.Tbody>
          </Table>
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('activity.body')}
            </Title>
            {e.requestBody ? (
              <Paper withBorder p="sm" radius="sm" bg="gray.0" style={{ overflow: 'auto', maxHeight: 420 }}>
                <pre className="mono" style={{ margin: 0 }}>
                  {JSON.stringify(e.requestBody, null, 2)}
                </pre>
              </Paper>
            ) : (
              <Text size="sm" c="dimmed">
                {t('activity.noBody')}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {t('activity.redacted')}
            </Text>
          </div>
        </Stack>
      )}
    </DetailDrawer>
  );
}

export function ActivityLog({ teamId }: { teamId: string }) {
  const { t } = useT();
  const [status, setStatus] = useState('all');
  const [resource, setResource] = useState('all');
  const [userText, setUserText] = useState('');
  const [user] = useDebouncedValue(userText.trim(), 300);
  const [live, setLive] = useState(true);
  const [open, setOpen] = useState<string>();
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  const [older, setOlder] = useState<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  const query = new URLSearchParams({ limit: '50', ...(status !== 'all' ? { status } : {}), ...(resource !== 'all' ? { resource } : {}), ...(user ? { user } : {}) }).toString();
  const first = useApi<{ items: ActivityEntry[]; nextBefore: number | null }>(teamPath(teamId, `/activity?${query}`));
  useEffect(() => {
    if (!first.data) return;
    setEntries(first.data.items);
    setOlder(first.data.nextBefore);
  }, [first.data]);

  const filtered = status !== 'all' || resource !== 'all' || user !== '';
  const onEvent = useCallback(
    (event: { data: unknown }) => {
      // With a filter the server decides what matches: re-read the first page.
      if (filtered) return first.reload();
      const entry = event.data as ActivityEntry;
      setEntries((list) => (list.some((e) => e.id === entry.id) ? list : [entry, ...list].slice(0, 500)));
    },
    [filtered, first],
  );
  const stream = useSse(live && first.data ? teamPath(teamId, '/activity/stream') : null, onEvent);

  const loadOlder = async () => {
    if (older === null) return;
    setLoadingOlder(true);
    try {
      const page = await get<{ items: ActivityEntry[]; nextBefore: number | null }>(teamPath(teamId, `/activity?${query}&before=${older}`));
      setEntries((list) => [...list, ...page.items.filter((e) => !list.some((x) => x.id === e.id))]);
      setOlder(page.nextBefore);
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Title order={2} size="h4">
          {t('activity.logTitle')}
        </Title>
        <Group gap="sm">
          <ActivityCsvButton entries={entries} />
          <Switch label={stream === 'open' ? t('activity.liveOn') : t('activity.live')} checked={live} onChange={(e) => setLive(e.currentTarget.checked)} data-testid="live-tail" data-state={stream} />
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label={t('activity.filterStatus')}
          value={status}
          onChange={setStatus}
          data={[
            { value: 'all', label: t('list.all') },
            { value: 'error', label: t('activity.errors') },
            { value: 'success', label: t('activity.successes') },
          ]}
        />
        <SegmentedControl
          aria-label={t('activity.filterResource')}
          value={resource}
          onChange={setResource}
          data={[
            { value: 'all', label: t('list.all') },
            { value: 'User', label: t('nav.users') },
            { value: 'Group', label: t('nav.groups') },
          ]}
        />
        <TextInput aria-label={t('activity.filterUser')} placeholder={t('activity.filterUser')} value={userText} onChange={(e) => setUserText(e.currentTarget.value)} type="search" maw={280} />
      </Group>
      <Paper withBorder radius="md">
        {first.error && !first.data ? (
          <Stack p="md">
            <ErrorState error={first.error} onRetry={first.reload} />
          </Stack>
        ) : !first.data ? (
          <Stack p="md">
            <LoadingState rows={5} />
          </Stack>
        ) : entries.length === 0 ? (
          <Empty icon={<IconActivity />} title={filtered ? t('users.noMatchTitle') : t('activity.emptyTitle')} description={filtered ? t('users.noMatchBody') : t('activity.emptyBody')} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover fz="sm" data-testid="activity-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('activity.colTime')}</Table.Th>
                  <Table.Th>{t('activity.colIdp')}</Table.Th>
                  <Table.Th>{t('activity.colRequest')}</Table.Th>
                  <Table.Th>{t('activity.colStatus')}</Table.Th>
                  <Table.Th>{t('activity.colSummary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id} data-testid="activity-row">
                    <Table.Td>
                      <RelativeTime iso={e.at} />
                    </Table.Td>
                    <Table.Td>{IDP_NAMES[e.idp] ?? '—'}</Table.Td>
                    <Table.Td>
                      <a href="#" className="row-link mono" onClick={(ev) => (ev.preventDefault(), setOpen(e.id))}>
                        {e.method} {e.path.length > 60 ? `${e.path.slice(0, 60)}…` : e.path}
                      </a>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor(e.status)} variant="light">
                        {e.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} c={e.error ? 'red.8' : undefined}>
                        {e.error ?? <WhatHappened entry={e} />}
                      </Text>
                      {!e.error && <ResourceLink teamId={teamId} entry={e} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {older !== null && (
        <Group justify="center">
          <Button variant="default" onClick={() => void loadOlder()} loading={loadingOlder}>
            {t('activity.older')}
          </Button>
        </Group>
      )}
      <EntryDetail teamId={teamId} entryId={open} onClose={() => setOpen(undefined)} />
    </Stack>
  );
}
