// Spend limits (PRODUCT.md rule 4): the team default per member, per-member
// limits on directory groups (a group's limit beats the default, even when
// lower; in several groups, the highest wins), per-member overrides — each
// change previewed before it is saved — and the history of changes.

import { Button, Card, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { formatPeriod } from '../../i18n/format';
import { canManage, useTeam } from '../../session/team';
import { AlertsEditor, alertLabel } from './alerts-editor';
import { AuditPanel } from './audit-panel';
import { GroupLimitsPanel } from './group-limits-panel';
import { LimitEditor } from './limit-editor';
import { LimitText, Money } from './money';
import { MultiGroupReview } from './multi-group-review';
import { OverridesPanel } from './overrides-panel';
import { RequestsPanel } from './requests-panel';
import { TeamCapEditor } from './team-cap-editor';
import { useSpendPolicy } from './use-spend';

export function SpendPage({ teamId }: { teamId: string }) {
  const { t, locale } = useT();
  const team = useTeam();
  const canEdit = canManage(team.data);
  const policy = useSpendPolicy(teamId);
  const [editingDefault, setEditingDefault] = useState(false);
  const [editingAlerts, setEditingAlerts] = useState(false);
  const [editingCap, setEditingCap] = useState(false);

  const body = () => {
    if (policy.error && !policy.data) return <ErrorState error={policy.error} onRetry={policy.reload} />;
    if (!policy.data) return <LoadingState rows={4} />;
    const p = policy.data;
    return (
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Card withBorder radius="md" data-testid="team-default">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('spend.teamDefault')}
            </Text>
            <Text fw={650} size="lg">
              <LimitText limit={p.defaultLimit} currency={p.currency} />
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t('spend.teamDefaultHelp')}
            </Text>
            {canEdit && (
              <Group>
                <Button size="xs" variant="default" onClick={() => setEditingDefault(true)}>
                  {t('spend.change')}
                </Button>
              </Group>
            )}
          </Card>
          <Card withBorder radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('spend.period')}
            </Text>
            <Text fw={650} size="lg">
              {t(`spend.periodKind.${p.period.kind}`)} · {p.currency}
            </Text>
            <Text size="xs" c="dimmed">
              {formatPeriod(locale, p.period.start, p.period.end)}
            </Text>
          </Card>
          <Card withBorder radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('spend.teamSpent')}
            </Text>
            <Text fw={650} size="lg">
              <Money minor={p.teamTotals.spent} currency={p.currency} />
            </Text>
            <Text size="xs" c="dimmed">
              {p.teamCap ? (
                <>
                  {t('spend.teamCap')} <Money minor={p.teamTotals.cap ?? p.teamCap.amount ?? 0} currency={p.currency} />
                </>
              ) : (
                t('spend.noTeamCap')
              )}
              {p.teamCap?.perMember != null && (
                <>
                  {' · '}
                  {t('spend.capPerMemberShown')} <Money minor={p.teamCap.perMember} currency={p.currency} />
                </>
              )}
              {p.teamCap?.mode === 'soft' && ` · ${t('spend.modeSoft')}`}
            </Text>
            {canEdit && (
              <Group mt="xs">
                <Button size="xs" variant="default" onClick={() => setEditingCap(true)} data-testid="edit-team-cap">
                  {t('spend.change')}
                </Button>
              </Group>
            )}
          </Card>
          <Card withBorder radius="md" data-testid="alert-thresholds">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('spend.alerts')}
            </Text>
            <Text fw={650} size="sm" my={4}>
              {(p.alertThresholds ?? []).length === 0 ? t('spend.alertsNone') : (p.alertThresholds ?? []).map((a) => alertLabel(t, a)).join(' · ')}
            </Text>
            {canEdit && (
              <Group>
                <Button size="xs" variant="default" onClick={() => setEditingAlerts(true)} data-testid="edit-alerts">
                  {t('spend.change')}
                </Button>
              </Group>
            )}
          </Card>
        </SimpleGrid>
        <TeamCapEditor teamId={teamId} currency={p.currency} opened={editingCap} current={p.teamCap} onClose={() => setEditingCap(false)} onSaved={policy.reload} />
        <AlertsEditor teamId={teamId} opened={editingAlerts} current={p.alertThresholds ?? []} onClose={() => setEditingAlerts(false)} onSaved={policy.reload} />
        <Tabs defaultValue="groups" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="groups">{t('spend.tabGroups')}</Tabs.Tab>
            <Tabs.Tab value="review">{t('spend.tabReview')}</Tabs.Tab>
            <Tabs.Tab value="overrides">{t('spend.tabOverrides')}</Tabs.Tab>
            <Tabs.Tab value="requests">{t('spend.tabRequests')}</Tabs.Tab>
            {canEdit && <Tabs.Tab value="audit">{t('spend.tabAudit')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="groups" pt="md">
            <GroupLimitsPanel teamId={teamId} currency={p.currency} canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="review" pt="md">
            <MultiGroupReview teamId={teamId} />
          </Tabs.Panel>
          <Tabs.Panel value="overrides" pt="md">
            <OverridesPanel teamId={teamId} currency={p.currency} canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="requests" pt="md">
            <RequestsPanel teamId={teamId} currency={p.currency} canEdit={canEdit} />
          </Tabs.Panel>
          {canEdit && (
            <Tabs.Panel value="audit" pt="md">
              <AuditPanel teamId={teamId} currency={p.currency} />
            </Tabs.Panel>
          )}
        </Tabs>
        <LimitEditor teamId={teamId} currency={p.currency} target={editingDefault ? { target: 'default' } : undefined} current={p.defaultLimit} onClose={() => setEditingDefault(false)} onSaved={policy.reload} />
      </Stack>
    );
  };

  return (
    <>
      <PageHeader title={t('spend.title')} description={t('spend.description')} />
      {body()}
    </>
  );
}
