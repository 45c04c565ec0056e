// The diagnosis panel: the product's FAQ (SCIM not showing, users not
// syncing, groups not appearing, requests failing) answered from what the
// server has seen for this team. Titles, meanings and next steps are the
// dashboard's own words in the admin's language, keyed by the server's code
// for each situation; the server's params (counts, times, statuses) fill them
// in. Failures the latest requests have left behind show as history, dimmed,
// under a healthy state.

import { Alert, Badge, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { teamPath } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons';
import { ErrorState, LoadingState } from '../../components/states';
import { RelativeTime } from '../../components/time';
import { useT, type MessageKey } from '../../i18n/i18n';
import { useLiveRefresh } from '../../live/live';
import { formatDateTime } from '../../i18n/format';
import { IDP_NAMES, type Check, type CheckStatus, type DiagnosticsReport } from './activity-types';

const COLORS: Record<CheckStatus, string> = { ok: 'teal', info: 'blue', warning: 'orange', problem: 'red', unknown: 'gray' };
const HINTS = new Set(['uniqueness', 'not_found', 'invalidFilter', 'invalidValue', 'invalidSyntax', 'invalidPath', 'mutability', 'noTarget', 'tooMany', 'precondition_failed', 'too_large', 'throttled', 'server_error', 'forbidden']);
/** The situations the dashboard words itself; a code it does not know shows the server's (English) text. */
const KNOWN = new Set([
  'sso.ok', 'sso.problem', 'sso.plan', 'sso.unknown', 'sso.bypassed',
  'token.ok', 'token.problem', 'token.expiring',
  'requests.ok', 'requests.none', 'requests.quiet',
  'authentication.ok', 'authentication.problem', 'authentication.warning', 'authentication.history',
  'group_push.ok', 'group_push.warning',
  'failures.ok', 'failures.warning', 'failures.history',
  'webhooks.ok', 'webhooks.warning',
]);
/** Codes whose messages kept their first names. */
const KEY_OF: Record<string, string> = { 'requests.none': 'requests.problem', 'requests.quiet': 'requests.info' };

const PHASES = ['none', 'draft', 'failed', 'disabled', 'active'] as const;
const AUTH_CAUSES = ['missing', 'unknown', 'revoked', 'expired', 'other_team', 'oauth_client'] as const;
const oneOf = <T extends string>(list: readonly T[], value: unknown, fallback: T): T => (list.includes(value as T) ? (value as T) : fallback);

type Cause = { cause: string; count: number; lastAt: string; errorType?: string | null; hint?: string };

/** The check's situation: the server's code, or (an older server) `<id>.<status>`. */
const codeOf = (check: Check) => check.code ?? `${check.id}.${check.status}`;

function Detail({ check }: { check: Check }) {
  const { t, tn, locale } = useT();
  const params = check.params ?? check.data ?? {};
  switch (codeOf(check)) {
    case 'requests.ok':
      return <>{tn('diag.requests.count', Number(params.total ?? 0))} {t('diag.requests.last')} <RelativeTime iso={params.lastAt as string} /></>;
    case 'requests.quiet':
      return <>{t('diag.requests.lastAt')} <RelativeTime iso={params.lastAt as string} /></>;
    case 'requests.none':
      return <>{Number(params.tokens ?? 1) === 0 ? t('diag.requests.noToken') : t('diag.requests.noRequest')}</>;
    case 'group_push.warning':
      return <>{t('diag.group_push.detail', { users: Number(params.users ?? 0) })}</>;
    case 'sso.problem':
    case 'sso.bypassed':
      return <>{t(check.code === 'sso.bypassed' ? 'diag.sso.bypassed.detail' : 'diag.sso.detail', { status: t(`sso.phase.${oneOf(PHASES, params.ssoStatus, 'none')}`) })}</>;
    case 'sso.plan':
      return <>{t('diag.sso.plan.detail', { plan: String(params.plan ?? '') })}</>;
    case 'sso.unknown':
      return <>{t('diag.sso.unknown.detail')}</>;
    case 'token.problem':
      return <>{t('diag.token.problem.detail')}</>;
    case 'token.expiring':
      return <>{t('diag.token.expiring.detail', { date: formatDateTime(locale, String(params.expiresAt)) })}</>;
    case 'webhooks.warning':
      return <>{((check.data?.endpoints as { url: string }[] | undefined) ?? []).map((w) => w.url).join(', ')}</>;
    // The causes below say it all: no summary line repeating them.
    case 'authentication.problem':
    case 'authentication.warning':
    case 'authentication.history':
    case 'failures.warning':
    case 'failures.history':
      return null;
    default:
      return KNOWN.has(codeOf(check)) ? null : <>{check.detail}</>;
  }
}

function CheckItem({ check }: { check: Check }) {
  const { t, tn } = useT();
  const code = codeOf(check);
  const known = KNOWN.has(code);
  const key = `diag.${KEY_OF[code] ?? code}`;
  const title = known ? t(`${key}.title` as MessageKey) : check.title;
  const actionKey = `${key}.action` as MessageKey;
  const action = check.status === 'ok' ? undefined : known ? (t(actionKey) === actionKey ? undefined : t(actionKey)) : check.action;
  const history = code.endsWith('.history');
  const causes = (check.data?.causes as Cause[] | undefined) ?? [];
  const detail = check.status !== 'ok' || history ? <Detail check={check} /> : null;

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="diag-check" data-check={check.id} data-status={check.status} data-code={code}>
      <ThemeIcon color={history ? 'gray' : COLORS[check.status]} variant="light" radius="xl" size="md" mt={2}>
        {check.status === 'ok' ? <IconCheck size={14} /> : check.status === 'info' || check.status === 'unknown' ? <IconInfo size={14} /> : <IconAlert size={14} />}
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {detail && (
          <Text size="sm" c="dimmed" component="div">
            {detail}
          </Text>
        )}
        {check.id === 'authentication' && causes.length > 0 && (
          <List size="sm" spacing={2} c={history ? 'dimmed' : undefined}>
            {causes.map((c) => (
              <List.Item key={c.cause}>
                {tn('diag.auth.cause', c.count, { meaning: t(`diag.auth.${oneOf(AUTH_CAUSES, c.cause, 'unknown')}`) })} · <RelativeTime iso={c.lastAt} />
              </List.Item>
            ))}
          </List>
        )}
        {check.id === 'failures' && causes.length > 0 && (
          <List size="sm" spacing={4} c={history ? 'dimmed' : undefined}>
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
  const history = r.checks.filter((c) => c.status === 'ok' && codeOf(c).endsWith('.history'));
  return (
    <Paper withBorder radius="md" p="md" data-testid="diagnosis">
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="sm">
          <Title order={2} size="h4">
            {t('diag.title')}
          </Title>
          <Badge color={COLORS[r.overall]} variant="light" data-testid="diag-overall" data-overall={r.overall}>
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
        {[...problems, ...history, ...r.checks.filter((c) => c.status === 'ok' && !history.includes(c))].map((check) => (
          <CheckItem key={check.id} check={check} />
        ))}
      </Stack>
    </Paper>
  );
}
