// Step 2: start SCIM setup — the server creates the team's SCIM endpoint
// token. Starting again later makes another token; existing ones keep working
// until revoked, which is how a token is rotated without a sync gap.

import { Alert, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ApiRequestError} from '../../api/client';
import { post, teamPath } from '../../api/client';
import type { CreatedToken, ScimToken, Team } from '../../api/types';
import { IconAlert, IconInfo } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { StepActions } from './step-actions';

export function StartStep({ team, tokens, locked, onCreated }: { team: Team; tokens: ScimToken[]; locked: boolean; onCreated: (created: CreatedToken) => void }) {
  const { t, tn } = useT();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError>();
  const active = tokens.filter((token) => token.status === 'active').length;

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await post<CreatedToken>(teamPath(team.id, '/scim-tokens'), { label: label.trim() || t('wizard.defaultLabel') }));
    } catch (e) {
      setError(e as ApiRequestError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" maw={640}>
      <Text>{t('wizard.startBody')}</Text>
      {active > 0 && (
        <Alert color="blue" icon={<IconInfo />}>
          {tn('wizard.startAgain', active)}
        </Alert>
      )}
      <TextInput label={t('wizard.labelField')} description={t('wizard.labelHelp')} placeholder={t('wizard.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={200} />
      {error && (
        <Alert color="red" icon={<IconAlert />} role="alert" title={t('state.errorTitle')}>
          {error.message}
        </Alert>
      )}
      <StepActions onNext={start} nextLabel={t('wizard.startButton')} disabled={locked || busy} />
    </Stack>
  );
}
