// Configuring the team's SSO connection: the values to paste into the IdP
// (this team's SP endpoints), then the IdP's own values — SAML metadata (URL
// or XML) or the three fields by hand, or an OIDC issuer and client. Saving
// puts the connection in draft; a test sign-in activates it. Editing an
// active connection keeps the old settings in force until the new ones test OK.

import { Alert, Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { put, teamPath, type ApiRequestError } from '../../api/client';
import { CopyField } from '../../components/copy-field';
import { IconAlert } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import type { SsoAnswer } from './use-sso';

type SamlSource = 'metadataUrl' | 'metadataXml' | 'manual';

export function SpValues({ sso, kind }: { sso: SsoAnswer; kind: 'saml' | 'oidc' }) {
  const { t } = useT();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('sso.spValues')}
      </Title>
      {kind === 'saml' ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <CopyField label={t('sso.acsUrl')} value={sso.sp.acsUrl} />
          <CopyField label={t('sso.entityId')} value={sso.sp.entityId} />
          <CopyField label={t('sso.spMetadata')} value={sso.sp.metadataUrl} />
        </SimpleGrid>
      ) : (
        <CopyField label={t('sso.redirectUri')} value={sso.sp.redirectUri} />
      )}
    </Stack>
  );
}

export function SsoConfigForm({ teamId, sso, onSaved }: { teamId: string; sso: SsoAnswer; onSaved: () => void }) {
  const { t } = useT();
  const current = sso.pendingConfig ?? sso.config;
  const [kind, setKind] = useState<'saml' | 'oidc'>(current?.kind ?? 'saml');
  const [source, setSource] = useState<SamlSource>(current?.kind === 'saml' && !current.metadataUrl ? 'manual' : 'metadataUrl');
  const [fields, setFields] = useState<Record<string, string>>(() => ({
    metadataUrl: current?.kind === 'saml' ? (current.metadataUrl ?? '') : '',
    idpEntityId: current?.kind === 'saml' ? current.idpEntityId : '',
    ssoUrl: current?.kind === 'saml' ? current.ssoUrl : '',
    issuer: current?.kind === 'oidc' ? current.issuer : '',
    clientId: current?.kind === 'oidc' ? current.clientId : '',
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();
  const set = (name: string) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFields((f) => ({ ...f, [name]: value }));
  };

  const body = () => {
    if (kind === 'oidc') return { kind, issuer: fields.issuer.trim(), clientId: fields.clientId.trim(), ...(fields.clientSecret ? { clientSecret: fields.clientSecret } : {}) };
    if (source === 'metadataUrl') return { kind, metadataUrl: fields.metadataUrl.trim() };
    if (source === 'metadataXml') return { kind, metadataXml: fields.metadataXml ?? '' };
    return { kind, idpEntityId: fields.idpEntityId.trim(), ssoUrl: fields.ssoUrl.trim(), certificate: fields.certificate ?? '' };
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await put(teamPath(teamId, '/sso'), body());
      onSaved();
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} data-testid="sso-form">
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('sso.protocol')}
          value={kind}
          onChange={(value) => setKind(value as 'saml' | 'oidc')}
          data={[
            { value: 'saml', label: 'SAML 2.0' },
            { value: 'oidc', label: 'OpenID Connect' },
          ]}
          w="fit-content"
        />
        <Text size="sm">{kind === 'saml' ? t('sso.samlIntro') : t('sso.oidcIntro')}</Text>
        <SpValues sso={sso} kind={kind} />
        <Title order={3} size="h5">
          {t('sso.idpValues')}
        </Title>
        {kind === 'saml' ? (
          <>
            <SegmentedControl
              aria-label={t('sso.samlSource')}
              value={source}
              onChange={(value) => setSource(value as SamlSource)}
              data={[
                { value: 'metadataUrl', label: t('sso.metadataUrl') },
                { value: 'metadataXml', label: t('sso.metadataXml') },
                { value: 'manual', label: t('sso.manual') },
              ]}
              w="fit-content"
            />
            {source === 'metadataUrl' && <TextInput label={t('sso.metadataUrl')} description={t('sso.metadataUrlHelp')} type="url" required value={fields.metadataUrl} onChange={set('metadataUrl')} />}
            {source === 'metadataXml' && <Textarea label={t('sso.metadataXml')} description={t('sso.metadataXmlHelp')} required autosize minRows={4} maxRows={12} value={fields.metadataXml ?? ''} onChange={set('metadataXml')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }} />}
            {source === 'manual' && (
              <>
                <TextInput label={t('sso.idpEntityId')} required value={fields.idpEntityId} onChange={set('idpEntityId')} />
                <TextInput label={t('sso.ssoUrl')} type="url" required value={fields.ssoUrl} onChange={set('ssoUrl')} />
                <Textarea label={t('sso.certificate')} description={t('sso.certificateHelp')} required autosize minRows={4} maxRows={10} value={fields.certificate ?? ''} onChange={set('certificate')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }} />
              </>
            )}
          </>
        ) : (
          <>
            <TextInput label={t('sso.issuer')} description={t('sso.issuerHelp')} type="url" required value={fields.issuer} onChange={set('issuer')} />
            <TextInput label={t('sso.clientId')} required value={fields.clientId} onChange={set('clientId')} />
            <TextInput
              label={t('sso.clientSecret')}
              description={current?.kind === 'oidc' && current.clientSecretSet ? t('sso.clientSecretKept') : undefined}
              type="password"
              autoComplete="off"
              required={!(current?.kind === 'oidc' && current.clientSecretSet)}
              value={fields.clientSecret ?? ''}
              onChange={set('clientSecret')}
            />
          </>
        )}
        {error && (
          <Alert color="red" icon={<IconAlert />} role="alert" title={t('sso.saveFailed')}>
            {error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('sso.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
