// The team's alert thresholds: percents of each member's limit or of the
// team cap, each emailing the member and/or the admins when it fires (once
// per period). Saved as one list (PUT /spend/alerts).

import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { put, teamPath, type ApiRequestError } from '../../api/client';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import type { AlertThreshold } from './spend-types';

export function alertLabel(t: ReturnType<typeof useT>['t'], a: AlertThreshold): string {
  return t(a.scope === 'team' ? 'spend.alertOfTeam' : 'spend.alertOfMember', { percent: a.percent });
}

export function AlertsEditor({ teamId, opened, current, onClose, onSaved }: { teamId: string; opened: boolean; current: AlertThreshold[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const [rows, setRows] = useState<AlertThreshold[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  useEffect(() => {
    if (!opened) return;
    setRows(current.map((a) => ({ ...a, notify: [...a.notify] })));
    setError(undefined);
  }, [opened]);

  const update = (i: number, change: Partial<AlertThreshold>) => setRows((all) => all.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const toggle = (i: number, who: 'member' | 'admins', on: boolean) =>
    setRows((all) => all.map((row, j) => (j === i ? { ...row, notify: on ? [...row.notify.filter((n) => n !== who), who] : row.notify.filter((n) => n !== who) } : row)));

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await put(teamPath(teamId, '/spend/alerts'), { thresholds: rows.map((r) => ({ scope: r.scope, percent: r.percent, notify: r.scope === 'team' ? r.notify.filter((n) => n === 'admins') : r.notify })) });
      onSaved();
      onClose();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('spend.alerts')} size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="md" data-testid="alerts-editor">
        <Text size="sm" c="dimmed">
          {t('spend.alertsHelp')}
        </Text>
        {rows.map((row, i) => (
          <Group key={i} align="flex-end" gap="sm" wrap="wrap" data-testid="alert-row">
            <NumberInput label={t('spend.alertPercent')} min={1} max={1000} w={110} value={row.percent} onChange={(v) => update(i, { percent: typeof v === 'number' ? v : Number(v) || 0 })} />
            <Select
              label={t('spend.alertScope')}
              w={220}
              value={row.scope}
              allowDeselect={false}
              onChange={(v) => update(i, { scope: v === 'team' ? 'team' : 'member' })}
              data={[
                { value: 'member', label: t('spend.alertScopeMember') },
                { value: 'team', label: t('spend.alertScopeTeam') },
              ]}
            />
            {row.scope === 'member' && <Checkbox label={t('spend.alertNotifyMember')} checked={row.notify.includes('member')} onChange={(e) => toggle(i, 'member', e.currentTarget.checked)} />}
            <Checkbox label={t('spend.alertNotifyAdmins')} checked={row.notify.includes('admins')} onChange={(e) => toggle(i, 'admins', e.currentTarget.checked)} />
            <ActionIcon variant="subtle" color="red" aria-label={t('spend.alertRemove')} onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button size="xs" variant="default" onClick={() => setRows((all) => [...all, { scope: 'member', percent: 80, notify: ['member'] }])} data-testid="add-alert">
            {t('spend.alertAdd')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button onClick={save} loading={busy} data-testid="save-alerts">
            {t('spend.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
