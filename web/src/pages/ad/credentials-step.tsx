// Step 3: the SCIM endpoint URL and the bearer token. The token exists in
// this page's memory only — shown once, never stored by the browser, never
// shown again by the server.

import { Alert, Button, Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CreatedToken, Team } from '../../api/types';
import { CopyField } from '../../components/copy-field';
import { IconAlert, IconInfo } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { StepActions } from './step-actions';

export function CredentialsStep({ team, created, onNext, onRestart }: { team: Team; created: CreatedToken | undefined; onNext: () => void; onRestart: () => void }) {
  const { t } = useT();
  const [saved, setSaved] = useState(false);
  const baseUrl = created?.scimBaseUrl ?? team.scimBaseUrl;
  return (
    <Stack gap="md" maw={720}>
      <CopyField label={t('wizard.baseUrl')} description={t('wizard.baseUrlHelp')} value={baseUrl} testId="scim-base-url" />
      {created ? (
        <>
          <CopyField label={t('wizard.token')} description={t('wizard.tokenHelp')} value={created.secret} secret testId="scim-token" />
          <Alert color="orange" icon={<IconAlert />} title={t('wizard.shownOnceTitle')}>
            {t('wizard.shownOnceBody')}
          </Alert>
          <Checkbox label={t('wizard.savedToken')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} data-testid="saved-token" />
          <StepActions onNext={onNext} disabled={!saved} />
        </>
      ) : (
        <>
          <Alert color="gray" icon={<IconInfo />} title={t('wizard.tokenHiddenTitle')}>
            <Text size="sm">{t('wizard.tokenHiddenBody')}</Text>
          </Alert>
          <StepActions onNext={onNext} nextLabel={t('wizard.haveToken')}>
            <Button variant="default" onClick={onRestart}>
              {t('wizard.newToken')}
            </Button>
          </StepActions>
        </>
      )}
    </Stack>
  );
}
