// The SCIM setup wizard (PRODUCT.md rule 5): SSO first → start SCIM setup →
// endpoint and token (shown once) → configure the IdP → test connection
// (green when the IdP's call arrives) → spend limits on synced groups →
// review of members in several groups. Its place is kept on the server
// (setup-progress), so a reload opens the step the team is on with only the
// steps really done marked done; a team that never used it opens on the
// step that still matters.

import { Button, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { put, teamPath } from '../../api/client';
import { SETUP_STEPS, type CreatedToken, type ScimToken, type SetupProgress, type SetupStepId, type Team } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { scimUnlocked, type SsoView } from './use-sso';
import { SsoStep } from './sso-step';
import { StartStep } from './start-step';
import { CredentialsStep } from './credentials-step';
import { IdpStep } from './idp-step';
import { TestStep } from './test-step';
import { LimitsStep } from './limits-step';
import { ReviewStep } from './review-step';

const FINISHED = SETUP_STEPS.length;

function firstUsefulStep(team: Team, tokens: ScimToken[], sso: SsoView): number {
  if (!scimUnlocked(sso)) return 0;
  if (!tokens.some((token) => token.status === 'active')) return 0;
  if (team.counts.users === 0) return 4;
  return 5;
}

/** The saved place, unless SSO stopped being active meanwhile (SCIM setup is locked again). */
function startingPoint(progress: SetupProgress | undefined, team: Team, tokens: ScimToken[], sso: SsoView): { step: number; done: SetupStepId[] } {
  if (!progress?.updatedAt) return { step: firstUsefulStep(team, tokens, sso), done: [] };
  if (progress.step >= 1 && progress.step <= FINISHED - 1 && !scimUnlocked(sso)) return { step: 0, done: progress.completed.filter((id) => id !== 'sso') };
  return { step: progress.step, done: progress.completed };
}

export function SetupWizard({ team, tokens, reloadTokens, sso, progress }: { team: Team; tokens: ScimToken[]; reloadTokens: () => void; sso: SsoView; progress: SetupProgress | undefined }) {
  const { t } = useT();
  const [place, setPlace] = useState(() => startingPoint(progress, team, tokens, sso));
  const [created, setCreated] = useState<CreatedToken>();
  const narrow = useMediaQuery('(max-width: 64em)');
  const { step, done } = place;

  const move = (next: number, finished = false) => {
    // Leaving a step forward marks it done; going back keeps what was done.
    const completed = next > step && FINISHED > step ? [...new Set([...done, SETUP_STEPS[step]])] : done;
    setPlace({ step: next, done: completed });
    // Best effort: the wizard works on even if saving its place fails.
    void put(teamPath(team.id, '/setup-progress'), { step: next, completed, finished }).catch(() => undefined);
  };
  const go = (next: number) => () => move(next, next === FINISHED);
  const stepProps = (index: number) => {
    const id = SETUP_STEPS[index];
    const isDone = done.includes(id) || step === FINISHED;
    // Mantine marks every step before the open one as done; only the ones really done get the check mark.
    return { 'data-testid': `step-${id}`, 'data-done': isDone ? 'true' : 'false', ...(isDone ? {} : { completedIcon: index + 1 }) };
  };

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} data-testid="setup-wizard" data-step={step}>
      <Title order={2} size="h3" mb={4}>
        {t('wizard.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="lg">
        {t('wizard.description')}
      </Text>
      <Stepper active={step} onStepClick={(index) => move(index)} allowNextStepsSelect={false} size="sm" orientation={narrow ? 'vertical' : 'horizontal'} wrap={false}>
        <Stepper.Step label={t('wizard.step.sso')} {...stepProps(0)}>
          <SsoStep teamId={team.id} sso={sso} onNext={go(1)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.start')} {...stepProps(1)}>
          <StartStep
            team={team}
            tokens={tokens}
            locked={!scimUnlocked(sso)}
            onCreated={(result) => {
              setCreated(result);
              reloadTokens();
              move(2);
            }}
          />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.credentials')} {...stepProps(2)}>
          <CredentialsStep team={team} created={created} onNext={go(3)} onRestart={go(1)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.idp')} {...stepProps(3)}>
          <IdpStep team={team} secret={created?.secret} onNext={go(4)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.test')} {...stepProps(4)}>
          <TestStep team={team} tokens={tokens} created={created} reloadTokens={reloadTokens} onNext={go(5)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.limits')} {...stepProps(5)}>
          <LimitsStep teamId={team.id} onNext={go(6)} />
        </Stepper.Step>
        <Stepper.Step label={t('wizard.step.review')} {...stepProps(6)}>
          <ReviewStep teamId={team.id} onNext={go(FINISHED)} />
        </Stepper.Step>
        <Stepper.Completed>
          <Stack gap="sm" align="flex-start">
            <Text data-testid="wizard-done">{t('wizard.done')}</Text>
            <Button variant="default" onClick={() => move(0)} data-testid="wizard-reopen">
              {t('wizard.reopen')}
            </Button>
          </Stack>
        </Stepper.Completed>
      </Stepper>
    </Paper>
  );
}
