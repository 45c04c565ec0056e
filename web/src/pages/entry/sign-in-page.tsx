// Signing in: with a one-time link (/sign-in#link=…, from a team owner, from
// "Email me a sign-in link" or `npx rollcall admin link`), redeemed at once —
// the secret stays in the URL fragment, which the browser never sends to the
// server — or through the
// team's SSO once it is active. A link that names its team (`&team=<id or
// short name>`) opens that team, whichever one this device used last.

import { Alert, Divider, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiRequestError} from '../../api/client';
import { api, post, setCsrfToken } from '../../api/client';
import type { Me } from '../../api/types';
import { useApi } from '../../api/use-api';
import { IconAlert, IconInfo } from '../../components/icons';
import { InlineLoader } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../router';
import { rememberTeam, useSession } from '../../session/session';
import { EntryFrame } from './entry-frame';
import { SsoSignIn } from './sso-sign-in';
import { EmailLinkSignIn } from './email-link-sign-in';

function takeLinkFromUrl(): { link: string; team: string | null } {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const link = fragment.get('link') ?? '';
  const team = fragment.get('team') ?? new URLSearchParams(location.search).get('team');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return { link, team };
}

/** Where a redeemed link leads: its team when it names one the account has a role in. */
async function landing(team: string | null): Promise<string> {
  if (!team) return '/';
  const me = await api<Me>('GET', '/me');
  const found = me.teams.find((t) => t.teamId === team || t.slug === team.toLowerCase());
  if (!found) return '/';
  rememberTeam(found.teamId, found.name);
  return `/teams/${encodeURIComponent(found.teamId)}`;
}

export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useT();
  const { state, refresh } = useSession();
  const [{ link, team }] = useState(takeLinkFromUrl);
  const [redeeming, setRedeeming] = useState(link !== '');
  const [error, setError] = useState<ApiRequestError>();
  const setup = useApi<{ setupRequired: boolean }>(link ? null : '/setup');

  useEffect(() => {
    if (!link) return;
    post<{ csrfToken: string }>('/sessions', { link }).then(
      async (session) => {
        setCsrfToken(session.csrfToken);
        const target = await landing(team).catch(() => '/');
        await refresh();
        navigate(target, { replace: true });
      },
      (e: ApiRequestError) => {
        setError(e);
        setRedeeming(false);
      },
    );
  }, [link, team, refresh]);

  useEffect(() => {
    if (!link && state.status === 'signed-in') navigate('/', { replace: true });
  }, [link, state.status]);

  if (redeeming) {
    return (
      <EntryFrame title={t('signIn.signingIn')}>
        <InlineLoader />
      </EntryFrame>
    );
  }

  return (
    <EntryFrame title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      {error && (
        <Alert color="red" icon={<IconAlert />} role="alert" title={t('signIn.failed')}>
          {error.message}
        </Alert>
      )}
      {expired && !error && (
        <Alert color="yellow" icon={<IconInfo />}>
          {t('signIn.expired')}
        </Alert>
      )}
      {setup.data?.setupRequired ? (
        <Alert color="indigo" icon={<IconInfo />} title={t('signIn.notSetUpTitle')}>
          {t('signIn.notSetUpBody')}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('signIn.linkHelp')}</Text>
          <EmailLinkSignIn />
        </>
      )}
      <Divider label={t('signIn.ssoDivider')} labelPosition="center" />
      <SsoSignIn />
    </EntryFrame>
  );
}
