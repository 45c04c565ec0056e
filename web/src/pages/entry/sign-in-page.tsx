// Signing in: with a one-time link (/sign-in#link=…, from a team owner or
// `npx rollcall admin link`), redeemed at once — the secret stays in the URL
// fragment, which the browser never sends to the server — or through the
// team's SSO once it is active.

import { Alert, Code, Divider, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiRequestError} from '../../api/client';
import { post, setCsrfToken } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert, IconInfo } from '../../components/icons';
import { InlineLoader } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../router';
import { useSession } from '../../session/session';
import { EntryFrame } from './entry-frame';
import { SsoSignIn } from './sso-sign-in';

function takeLinkFromUrl(): string {
  const link = new URLSearchParams(location.hash.slice(1)).get('link') ?? '';
  if (location.hash) history.replaceState(null, '', location.pathname);
  return link;
}

export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useT();
  const { state, refresh } = useSession();
  const [link] = useState(takeLinkFromUrl);
  const [redeeming, setRedeeming] = useState(link !== '');
  const [error, setError] = useState<ApiRequestError>();
  const setup = useApi<{ setupRequired: boolean }>(link ? null : '/setup');

  useEffect(() => {
    if (!link) return;
    post<{ csrfToken: string }>('/sessions', { link }).then(
      async (session) => {
        setCsrfToken(session.csrfToken);
        await refresh();
        navigate('/', { replace: true });
      },
      (e: ApiRequestError) => {
        setError(e);
        setRedeeming(false);
      },
    );
  }, [link, refresh]);

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
        <Stack gap="xs">
          <Text size="sm">{t('signIn.linkHelp')}</Text>
          <Code block>npx rollcall admin link --team &lt;team&gt; --email &lt;you@example.com&gt;</Code>
        </Stack>
      )}
      <Divider label={t('signIn.ssoDivider')} labelPosition="center" />
      <SsoSignIn />
    </EntryFrame>
  );
}
