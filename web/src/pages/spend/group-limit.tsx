// A directory group's per-member spend limit, changeable by admins with a
// preview of the members it affects.

import { Button, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { canManage, useTeam } from '../../session/team';
import { LimitEditor } from './limit-editor';
import { LimitText } from './money';
import { useGroupLimits, useSpendPolicy } from './use-spend';

export function GroupLimit({ teamId, groupId, name }: { teamId: string; groupId: string; name: string }) {
  const { t } = useT();
  const canEdit = canManage(useTeam().data);
  const policy = useSpendPolicy(teamId);
  const limits = useGroupLimits(teamId);
  const [editing, setEditing] = useState(false);
  const error = policy.error ?? limits.error;
  const current = limits.byGroup.get(groupId)?.limit;

  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        {t('spend.groupLimitTitle')}
      </Title>
      {error && !(policy.data && limits.data) ? (
        <ErrorState error={error} onRetry={() => (policy.reload(), limits.reload())} />
      ) : !policy.data || !limits.data ? (
        <LoadingState rows={1} />
      ) : (
        <Group gap="sm">
          <Text size="sm" fw={600} data-testid="group-limit">
            <LimitText limit={current} currency={policy.data.currency} />
          </Text>
          <Text size="xs" c="dimmed">
            {t('spend.perMember')}
          </Text>
          {canEdit && (
            <Button size="xs" variant="default" onClick={() => setEditing(true)} aria-label={t('spend.actionFor', { action: current ? t('spend.change') : t('spend.setLimit'), name })}>
              {current ? t('spend.change') : t('spend.setLimit')}
            </Button>
          )}
          <LimitEditor teamId={teamId} currency={policy.data.currency} target={editing ? { target: 'group', groupId, name } : undefined} current={current} onClose={() => setEditing(false)} onSaved={limits.reload} />
        </Group>
      )}
    </div>
  );
}
