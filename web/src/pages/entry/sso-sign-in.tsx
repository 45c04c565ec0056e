// "Sign in with SSO": through the team's identity provider, once the team's
// SSO connection is active. The team is the one last used on this device, or
// the one in the link (/sign-in?team=<id>), or typed in.

import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { lastTeam } from '../../session/session';

const startUrl = (teamId: string) => `/sso/${encodeURIComponent(teamId)}/start?purpose=admin`;

export function SsoSignIn() {
  const { t } = useT();
  const fromLink = new URLSearchParams(location.search).get('team');
  const remembered = lastTeam();
  const known = fromLink ? { id: fromLink, name: null } : remembered;
  const [typed, setTyped] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) window.location.assign(startUrl(typed.trim()));
  };

  return (
    <Stack gap="sm" data-testid="sso-sign-in">
      {known && (
        <Button variant="default" onClick={() => window.location.assign(startUrl(known.id))}>
          {known.name ? t('signIn.ssoTeam', { team: known.name }) : t('signIn.ssoButton')}
        </Button>
      )}
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput label={t('signIn.teamId')} description={t('signIn.teamIdHelp')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
          <Button type="submit" variant={known ? 'subtle' : 'filled'} disabled={!typed.trim()}>
            {t('signIn.ssoButton')}
          </Button>
        </Stack>
      </form>
      <Text size="xs" c="dimmed">
        {t('signIn.ssoHelp')}
      </Text>
    </Stack>
  );
}
