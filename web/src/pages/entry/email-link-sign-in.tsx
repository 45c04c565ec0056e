// "Email me a sign-in link": offered only when the server sends email. The
// answer is the same for any address (the server never says whether it is
// an admin's), so the page says "if … a link is on its way".

import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, post } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert, IconInfo } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { lastTeam } from '../../session/session';

export function EmailLinkSignIn() {
  const { t } = useT();
  const options = useApi<{ emailLinks: boolean }>('/sign-in-options');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const [error, setError] = useState<'rate' | 'invalid' | 'other'>();

  if (!options.data?.emailLinks) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!address) return;
    setBusy(true);
    setError(undefined);
    setSentTo(undefined);
    const team = new URLSearchParams(location.search).get('team') ?? lastTeam()?.id;
    try {
      await post('/sign-in-links', { email: address, ...(team ? { team } : {}) });
      setSentTo(address);
    } catch (e) {
      setError(e instanceof ApiRequestError && e.status === 429 ? 'rate' : e instanceof ApiRequestError && e.status === 400 ? 'invalid' : 'other');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="email-link-sign-in">
      <Stack gap="sm">
        <TextInput label={t('signIn.emailLabel')} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.currentTarget.value)} data-testid="email-link-address" />
        <Button type="submit" variant="default" loading={busy} data-testid="email-link-submit">
          {t('signIn.emailButton')}
        </Button>
        {sentTo && (
          <Alert color="teal" variant="light" icon={<IconInfo />} data-testid="email-link-sent">
            {t('signIn.emailSent', { email: sentTo })}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
            {t(error === 'rate' ? 'signIn.emailRateLimited' : error === 'invalid' ? 'admins.error.invalidEmail' : 'signIn.emailFailed')}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
