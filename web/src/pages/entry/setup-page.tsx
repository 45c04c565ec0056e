// First run: the link `npm start` prints (/setup#secret=…) opens this form,
// which creates the first team and its owner and signs the owner in.

import { Alert, Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ApiRequestError} from '../../api/client';
import { post, setCsrfToken } from '../../api/client';
import { useApi } from '../../api/use-api';
import { IconAlert } from '../../components/icons';
import { InlineLoader } from '../../components/states';
import { useT } from '../../i18n/i18n';
import { Link, navigate } from '../../router';
import { rememberTeam, useSession } from '../../session/session';
import { EntryFrame } from './entry-frame';

/** "Acme Inc." → "acme-inc": the URL-safe name the server requires. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function takeSecretFromUrl(): string {
  const secret = new URLSearchParams(location.hash.slice(1)).get('secret') ?? '';
  if (location.hash) history.replaceState(null, '', location.pathname);
  return secret;
}

export function SetupPage() {
  const { t } = useT();
  const { refresh } = useSession();
  const [secret] = useState(takeSecretFromUrl);
  const status = useApi<{ setupRequired: boolean }>('/setup');
  const [teamName, setTeamName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await post<{ team: { id: string; name: string }; csrfToken: string }>('/setup', { secret, teamName, teamSlug: slug, email, name: name || undefined });
      setCsrfToken(result.csrfToken);
      rememberTeam(result.team.id, result.team.name);
      await refresh();
      navigate(`/teams/${encodeURIComponent(result.team.id)}/active-directory`, { replace: true });
    } catch (e) {
      setError(e as ApiRequestError);
      setBusy(false);
    }
  };

  if (status.loading && !status.data) return <EntryFrame title={t('setup.title')}><InlineLoader /></EntryFrame>;
  if (status.data && !status.data.setupRequired) {
    return (
      <EntryFrame title={t('setup.doneTitle')}>
        <Text>{t('setup.doneBody')}</Text>
        <Button component={Link} href="/sign-in">
          {t('signIn.goToSignIn')}
        </Button>
      </EntryFrame>
    );
  }
  if (!secret) {
    return (
      <EntryFrame title={t('setup.title')}>
        <Text>{t('setup.noSecret')}</Text>
        <Code block>npm start</Code>
      </EntryFrame>
    );
  }

  const field = (code: string) => (error?.code === code ? error.message : undefined);
  const general = error && !['team.invalid_slug', 'team.slug_taken', 'admin.invalid_email'].includes(error.code) ? error : undefined;
  return (
    <EntryFrame title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {general && (
            <Alert color="red" icon={<IconAlert />} role="alert" title={general.code === 'setup.link_invalid' ? t('setup.linkInvalid') : t('state.errorTitle')}>
              {general.message}
            </Alert>
          )}
          <TextInput
            label={t('setup.teamName')}
            required
            autoFocus
            value={teamName}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setTeamName(value);
              if (!slugEdited) setSlug(slugify(value));
            }}
          />
          <TextInput
            label={t('setup.teamSlug')}
            description={t('setup.teamSlugHelp')}
            required
            value={slug}
            error={field('team.invalid_slug') ?? field('team.slug_taken')}
            onChange={(e) => {
              setSlug(e.currentTarget.value);
              setSlugEdited(true);
            }}
          />
          <TextInput label={t('setup.email')} type="email" required autoComplete="email" value={email} error={field('admin.invalid_email')} onChange={(e) => setEmail(e.currentTarget.value)} />
          <TextInput label={t('setup.name')} autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" loading={busy} disabled={!teamName.trim() || !slug.trim() || !email.trim()}>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </EntryFrame>
  );
}
