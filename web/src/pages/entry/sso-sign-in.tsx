// "Sign in with SSO": through the team's identity provider, once the team's
// SSO connection is active. The team is the one last used on this device, or
// the one in the link (/sign-in?team=<id or short name>), or its short name
// typed in — never a UUID to look up (GET /api/admin/sso-sign-in/:team).

import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { get } from '../../api/client';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { lastTeam } from '../../session/session';

const startUrl = (teamId: string) => `/sso/${encodeURIComponent(teamId)}/start?purpose=admin`;

export function SsoSignIn() {
  const { t } = useT();
  const fromLink = new URLSearchParams(location.search).get('team');
  const remembered = lastTeam();
  const known = fromLink ? undefined : remembered;
  const [typed, setTyped] = useState(fromLink ?? '');
  const [busy, setBusy] = useState(false);
  const [notFound, setNotFound] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const team = typed.trim();
    if (!team) return;
    setBusy(true);
    setNotFound(false);
    try {
      const found = await get<{ startUrl: string }>(`/sso-sign-in/${encodeURIComponent(team)}`);
      window.location.assign(found.startUrl);
    } catch {
      setNotFound(true);
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="sso-sign-in">
      {known && (
        <Button variant="default" onClick={() => window.location.assign(startUrl(known.id))}>
          {known.name ? t('signIn.ssoTeam', { team: known.name }) : t('signIn.ssoButton')}
        </Button>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="xs">
          <TextInput label={t('signIn.teamId')} description={t('signIn.teamIdHelp')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="organization" />
          {notFound && (
            <Alert color="red" icon={<IconAlert />} role="alert" data-testid="sso-team-not-found">
              {t('signIn.teamNotFound', { team: typed.trim() })}
            </Alert>
          )}
          <Button type="submit" variant={known ? 'subtle' : 'filled'} disabled={!typed.trim()} loading={busy}>
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
