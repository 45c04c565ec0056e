// A member's spend this period, their effective limit and where it comes
// from (override, which group, team default), and — for admins — their
// override, previewed and saved like every other limit.

import { Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { formatPeriod } from '../../i18n/format';
import { useLiveRefresh } from '../../live/live';
import { canManage, useTeam } from '../../session/team';
import { Field } from '../directory/user-detail';
import { LimitEditor } from './limit-editor';
import { AmountText, Money, SourceBadge } from './money';
import type { MemberSpend as MemberSpendView } from './spend-types';

export function MemberSpend({ teamId, userId, userName }: { teamId: string; userId: string; userName: string }) {
  const { t, locale } = useT();
  const canEdit = canManage(useTeam().data);
  const spend = useApi<MemberSpendView>(teamPath(teamId, `/spend/members/${encodeURIComponent(userId)}`));
  useLiveRefresh(['spend.', 'group.', 'user.'], spend.reload);
  const [editing, setEditing] = useState(false);

  const content = () => {
    if (spend.error && !spend.data) return <ErrorState error={spend.error} onRetry={spend.reload} />;
    if (!spend.data) return <LoadingState rows={2} />;
    const s = spend.data;
    const used = s.limit.amount ? Math.min(100, ((s.spent + s.held) / s.limit.amount) * 100) : 0;
    const override = s.limit.source.type === 'override' ? { amount: s.limit.amount, unlimited: s.limit.amount === null } : null;
    return (
      <Stack gap="sm" data-testid="member-spend">
        <Table withRowBorders={false} verticalSpacing={6}>
          <Table.Tbody>
            <Field label={t('spend.effectiveLimit')}>
              <Group gap="xs">
                <Text fw={600} size="sm" data-testid="member-limit">
                  <AmountText amount={s.limit.amount} currency={s.currency} />
                </Text>
                <SourceBadge limit={s.limit} />
              </Group>
            </Field>
            <Field label={t('spend.spentThisPeriod')}>
              <Money minor={s.spent} currency={s.currency} />
              <Text size="xs" c="dimmed">
                {formatPeriod(locale, s.period.start, s.period.end)}
              </Text>
            </Field>
            {s.held > 0 && (
              <Field label={t('spend.held')}>
                <Money minor={s.held} currency={s.currency} />
              </Field>
            )}
            <Field label={t('spend.remaining')}>
              <AmountText amount={s.remaining} currency={s.currency} />
            </Field>
            {s.limitedGroups.length > 0 && (
              <Field label={t('spend.limitedGroups')}>
                {s.limitedGroups.map((g) => (
                  <Text size="sm" key={g.id}>
                    {g.name}: <AmountText amount={g.amount} currency={s.currency} />
                  </Text>
                ))}
              </Field>
            )}
          </Table.Tbody>
        </Table>
        {s.limit.amount !== null && s.limit.amount > 0 && <Progress value={used} color={used >= 100 ? 'red' : used >= 80 ? 'orange' : 'indigo'} aria-label={t('spend.spentThisPeriod')} />}
        {canEdit && (
          <Group>
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              {override ? t('spend.changeOverride') : t('spend.setOverride')}
            </Button>
          </Group>
        )}
        <LimitEditor teamId={teamId} currency={s.currency} target={editing ? { target: 'override', userId, name: userName } : undefined} current={override} onClose={() => setEditing(false)} onSaved={spend.reload} />
      </Stack>
    );
  };

  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        {t('spend.memberTitle')}
      </Title>
      {content()}
    </div>
  );
}
