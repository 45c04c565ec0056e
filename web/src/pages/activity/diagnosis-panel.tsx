// The diagnosis panel: the product's FAQ (SCIM not showing, users not
// syncing, groups not appearing, requests failing) answered from what the
// server has seen for this team. Titles, meanings and next steps are the
// dashboard's own words in the admin's language, keyed by check and status;
// the server's figures (counts, times, error texts) fill them in.

import { Alert, Badge, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons';
import { ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT, type MessageKey } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { IDP_NAMES, type Check, type CheckStatus, type DiagnosticsReport } from './activity-types';

const COLORS: Record<CheckStatus, string> = { ok: 'teal', info: 'blue', warning: 'orange', problem: 'red', unknown: 'gray' };
const KNOWN = new Set(['sso', 'token', 'requests', 'authentication', 'group_push', 'failures', 'webhooks']);
const HINTS = new Set(['uniqueness', 'not_found', 'invalidFilter', 'invalidValue', 'invalidSyntax', 'invalidPath', 'mutability', 'noTarget', 'tooMany', 'precondition_failed', 'too_large', 'throttled', 'server_error', 'forbidden']);

const PHASES = ['none', 'draft', 'failed', 'disabled', 'active'] as const;
const AUTH_CAUSES = ['missing', 'unknown', 'revoked', 'expired', 'other_team'] as const;
const oneOf = <T extends string>(list: readonly T[], value: unknown, fallback: T): T => (list.includes(value as T) ? (value as T) : fallback);

type Cause = { cause: string; count: number; lastAt: string; errorType?: string | null; hint?: string };

/** The check's situation as a message key: `diag.<id>.<status>` (the SSO check tells plan from SSO apart). */
function situation(check: Check): string {
  if (check.id === 'sso' && check.status === 'problem' && check.data?.ssoStatus === undefined) return 'diag.sso.plan';
  return `diag.${check.id}.${check.status === 'warning' && check.id === 'requests' ? 'problem' : check.status}`;
}

function CheckItem({ check }: { check: Check }) {
  const { t, tn } = useT();
  const key = situation(check);
  // Our own words when we have them for this check and status; the server's otherwise.
  const own = (suffix: string) => {
    const name = `${key}.${suffix}` as MessageKey;
    const text = KNOWN.has(check.id) ? t(name) : name;
    return text === name ? undefined : text;
  };
  const title = own('title') ?? check.title;
  const action = check.status === 'ok' ? undefined : (own('action') ?? check.action);
  const data = check.data ?? {};
  let detail: ReactNode = check.detail;
  if (check.id === 'requests' && check.status === 'ok') detail = <>{tn('diag.requests.count', Number(data.total ?? 0))} {t('diag.requests.last')} <RelativeTime iso={data.lastAt as string} /></>;
  if (check.id === 'requests' && check.status === 'info') detail = <>{t('diag.requests.lastAt')} <RelativeTime iso={data.lastAt as string} /></>;
  if (check.id === 'group_push' && check.status === 'warning') detail = t('diag.group_push.detail', { users: Number(data.users ?? 0) });
  if (check.id === 'sso' && check.status === 'problem' && data.ssoStatus) detail = t('diag.sso.detail', { status: t(`sso.phase.${oneOf(PHASES, data.ssoStatus, 'none')}`) });
  const causes = (data.causes as Cause[] | undefined) ?? [];

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="diag-check" data-check={check.id} data-status={check.status}>
      <ThemeIcon color={COLORS[check.status]} variant="light" radius="xl" size="md" mt={2}>
        {check.status === 'ok' ? <IconCheck size={14} /> : check.status === 'info' || check.status === 'unknown' ? <IconInfo size={14} /> : <IconAlert size={14} />}
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {check.status !== 'ok' && (
          <Text size="sm" c="dimmed" component="div">
            {detail}
          </Text>
        )}
        {check.id === 'authentication' && causes.length > 0 && (
          <List size="sm" spacing={2}>
            {causes.map((c) => (
              <List.Item key={c.cause}>{tn('diag.auth.cause', c.count, { meaning: t(`diag.auth.${oneOf(AUTH_CAUSES, c.cause, 'unknown')}`) })}</List.Item>
            ))}
          </List>
        )}
        {check.id === 'failures' && causes.length > 0 && (
          <List size="sm" spacing={4}>
            {causes.slice(0, 5).map((c) => (
              <List.Item key={c.cause}>
                <Text size="sm" span fw={500}>
                  {c.count} × <span className="mono">{c.cause}</span>
                </Text>
                <Text size="xs" c="dimmed">
                  {c.errorType && HINTS.has(c.errorType) ? t(`diag.hint.${c.errorType}` as MessageKey) : c.hint}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {action && (
          <Text size="sm">
            <b>{t('diag.next')}</b> {action}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

export function DiagnosisPanel({ teamId }: { teamId: string }) {
  const { t } = useT();
  const report = useApi<DiagnosticsReport>(teamPath(teamId, '/diagnostics'));
  useLiveRefresh(['user.', 'group.', 'token.', 'sso.', 'webhook.'], report.reload);

  if (report.missing) return null;
  if (report.error && !report.data) return <ErrorState error={report.error} onRetry={report.reload} />;
  if (!report.data) return <LoadingState rows={3} />;
  const r = report.data;
  const problems = r.checks.filter((c) => c.status !== 'ok');
  return (
    <Paper withBorder radius="md" p="md" data-testid="diagnosis">
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="sm">
          <Title order={2} size="h4">
            {t('diag.title')}
          </Title>
          <Badge color={COLORS[r.overall]} variant="light" data-testid="diag-overall">
            {t(`diag.overall.${r.overall}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {r.idp && r.idp !== 'unknown' ? `${t('diag.detectedIdp')} ${IDP_NAMES[r.idp] ?? r.idp} · ` : ''}
          {t('diag.lastRequest')} <RelativeTime iso={r.lastRequestAt} never={t('ad.noRequestYet')} />
        </Text>
      </Group>
      {problems.length === 0 && (
        <Alert color="teal" icon={<IconCheck />} mb="sm">
          {t('diag.allGood')}
        </Alert>
      )}
      <Stack gap="md">
        {[...problems, ...r.checks.filter((c) => c.status === 'ok')].map((check) => (
          <CheckItem key={check.id} check={check} />
        ))}
      </Stack>
    </Paper>
  );
}
