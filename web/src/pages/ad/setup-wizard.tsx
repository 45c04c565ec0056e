// The SCIM setup wizard (PRODUCT.md rule 5): SSO first → start SCIM setup →
// endpoint and token (shown once) → configure the IdP → test connection
// (green when the IdP's call arrives) → spend limits on synced groups →
// review of members in several groups. Where a team already is set up, it
// opens on the step that still matters.

import { Paper, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { CreatedToken, ScimToken, Team } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { scimUnlocked, type SsoView } from './use-sso';
import { SsoStep } from './sso-step';
import { StartStep } from './start-step';
import { CredentialsStep } from './credentials-step';
import { IdpStep } from './idp-step';
import { TestStep } from './test-step';
import { LimitsStep } from './limits-step';
import { ReviewStep } from './review-step';

function firstUsefulStep(team: Team, tokens: ScimToken[], sso: SsoView): number {
  if (!scimUnlocked(sso)) return 0;
  if (!tokens.some((token) => token.status === 'active')) return 0;
  if (team.counts.users === 0) return 4;
  return 5;
}

export function SetupWizard({ team, tokens, reloadTokens, sso }: { team: Team; tokens: ScimToken[]; reloadTokens: () => void; sso: SsoView }) {
  const { t } = useT();
  const [step, setStep] = useState(() => firstUsefulStep(team, tokens, sso));
  const [created, setCreated] = useState<CreatedToken>();
  const narrow = useMediaQuery('(max-width: 64em)');
  const go = (next: number) => () => setStep(next);

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} data-testid="setup-wizard">
      <Title order={2} size="h3" mb={4}>
        {t('wizard.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="lg">
        {t('wizard.description')}
      </Text>
      <Stepper active={step} onStepClick={setStep} allowNextStepsSelect={false} size="sm" orientation={narrow ? 'vertical' : 'horizontal'} wrap={false}>
        <Stepper.Step label={t('wizard.step.sso')} data-testid="step-sso">
          <SsoStep teamId={team.id} sso={sso} onNext={go(1)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.start')}>
          <StartStep
            team={team}
            tokens={tokens}
            locked={!scimUnlocked(sso)}
            onCreated={(result) => {
              setCreated(result);
              reloadTokens();
              setStep(2);
            }}
          />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.credentials')}>
          <CredentialsStep team={team} created={created} onNext={go(3)} onRestart={go(1)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.idp')}>
          <IdpStep team={team} secret={created?.secret} onNext={go(4)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.test')}>
          <TestStep team={team} tokens={tokens} created={created} reloadTokens={reloadTokens} onNext={go(5)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.limits')}>
          <LimitsStep teamId={team.id} onNext={go(6)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.review')}>
          <ReviewStep teamId={team.id} onNext={go(7)} />
        </Stepper.Step>
        <Stepper.Completed>
          <Text data-testid="wizard-done">{t('wizard.done')}</Text>
        </Stepper.Completed>
      </Stepper>
    </Paper>
  );
}
