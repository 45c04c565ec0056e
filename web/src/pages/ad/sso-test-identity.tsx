// Who signed in at the last SSO test, as the IdP said it: email, name,
// subject (for SAML the NameID and its Format), groups and every claim or attribute it sent — so a wrong mapping
// shows at once — and a loud warning when that identity is not an admin of
// this team (the test still activated SSO; a stranger's account did it).

import { Alert, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlert, IconInfo } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import type { TestIdentity } from './use-sso';

export function SsoTestIdentity({ identity }: { identity: TestIdentity }) {
  const { t } = useT();
  const stranger = identity.teamRole === null;
  const none = t('sso.identity.none');
  return (
    <Stack gap="xs" data-testid="sso-test-identity" data-team-admin={stranger ? 'false' : 'true'}>
      {stranger && (
        <Alert color="red" variant="filled" icon={<IconAlert />} title={t('sso.identity.strangerTitle')} data-testid="sso-identity-warning" role="alert">
          {t('sso.identity.strangerBody', { email: identity.email ?? identity.subject })}
        </Alert>
      )}
      <Alert color="gray" icon={<IconInfo />} title={t('sso.identity.title')}>
        <Stack gap={6}>
          <Group gap="xs">
            <Text size="sm" fw={600} data-testid="sso-identity-email">
              {identity.email ?? none}
            </Text>
            {identity.teamRole && <Badge variant="light">{t(`role.${identity.teamRole as 'owner' | 'admin' | 'member'}`)}</Badge>}
            {identity.emailVerified === false && <Badge color="orange" variant="light">{t('sso.identity.unverified')}</Badge>}
          </Group>
          <Table fz="sm" withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" data-testid="sso-identity-fields">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>{t('sso.identity.name')}</Table.Th>
                <Table.Td>{identity.name ?? none}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('sso.identity.subject')}</Table.Th>
                <Table.Td className="mono">{identity.subject}</Table.Td>
              </Table.Tr>
              {identity.nameId != null && (
                <Table.Tr>
                  <Table.Th>{t('sso.identity.nameId')}</Table.Th>
                  <Table.Td className="mono" data-testid="sso-identity-nameid" style={{ wordBreak: 'break-all' }}>
                    {identity.nameId}
                  </Table.Td>
                </Table.Tr>
              )}
              {identity.nameId != null && (
                <Table.Tr>
                  <Table.Th>{t('sso.identity.nameIdFormat')}</Table.Th>
                  <Table.Td className="mono" data-testid="sso-identity-nameid-format" style={{ wordBreak: 'break-all' }}>
                    {identity.nameIdFormat ?? none}
                  </Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th>{t('sso.identity.groups')}</Table.Th>
                <Table.Td>{identity.groups.length > 0 ? identity.groups.join(', ') : none}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {identity.attributes.length > 0 && (
            <details>
              <summary>
                <Text span size="sm">
                  {t('sso.identity.claims', { count: identity.attributes.length })}
                </Text>
              </summary>
              <Table fz="xs" mt={4} data-testid="sso-identity-claims">
                <Table.Tbody>
                  {identity.attributes.map((attribute) => (
                    <Table.Tr key={attribute.name}>
                      <Table.Td className="mono" style={{ wordBreak: 'break-all' }}>
                        {attribute.name}
                      </Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{attribute.value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </details>
          )}
        </Stack>
      </Alert>
    </Stack>
  );
}
