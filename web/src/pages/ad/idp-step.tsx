// Step 4: configure the identity provider — one tab per IdP, each step with
// the exact values to paste and a copy button, group push called out as the
// separate switch it is.

import { Badge, Group, List, Paper, Stack, Tabs, Text, ThemeIcon } from '@mantine/core';
import type { Team } from '../../api/types';
import { CopyField } from '../../components/copy-field';
import { IconGroups } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { IDP_GUIDES, type GuideValue } from './idp-guides';
import { StepActions } from './step-actions';

export function IdpStep({ team, secret, onNext }: { team: Team; secret: string | undefined; onNext: () => void }) {
  const { t } = useT();
  const values: Record<GuideValue, string> = { baseUrl: team.scimBaseUrl, token: secret ?? t('idp.tokenYouCopied'), userName: 'userName' };
  return (
    <Stack gap="md">
      <Text>{t('idp.intro')}</Text>
      <Tabs defaultValue="okta" keepMounted={false}>
        <Tabs.List>
          {IDP_GUIDES.map((guide) => (
            <Tabs.Tab key={guide.id} value={guide.id} data-testid={`idp-tab-${guide.id}`}>
              {guide.name}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {IDP_GUIDES.map((guide) => (
          <Tabs.Panel key={guide.id} value={guide.id} pt="md">
            {/* Items as wide as the panel, so long values (Google's base URL and token) are not cut off. */}
            <List type="ordered" spacing="md" data-testid={`idp-guide-${guide.id}`} styles={{ itemWrapper: { width: '100%' }, itemLabel: { width: '100%', minWidth: 0 } }}>
              {guide.steps.map((step) => (
                <List.Item key={step.text}>
                  <Stack gap="xs" w="100%">
                    {step.groupPush ? (
                      <Paper withBorder p="sm" radius="md" bg="yellow.0" data-testid="group-push-step">
                        <Group gap="xs" mb={4}>
                          <ThemeIcon size="sm" variant="light" color="yellow">
                            <IconGroups size={14} />
                          </ThemeIcon>
                          <Badge color="yellow" variant="light">
                            {t('idp.groupPushBadge')}
                          </Badge>
                        </Group>
                        <Text size="sm">{t(step.text)}</Text>
                      </Paper>
                    ) : (
                      <Text size="sm">{t(step.text)}</Text>
                    )}
                    {step.fields?.map((field) => (
                      <CopyField key={field.label} label={field.label} value={values[field.value]} secret={field.value === 'token' && !!secret} />
                    ))}
                  </Stack>
                </List.Item>
              ))}
            </List>
          </Tabs.Panel>
        ))}
      </Tabs>
      <StepActions onNext={onNext} nextLabel={t('idp.configured')} />
    </Stack>
  );
}
