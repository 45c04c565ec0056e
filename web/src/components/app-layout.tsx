// The frame of every signed-in page: header with team switcher, live status,
// language and account; navigation that folds behind a burger on phones; a
// skip link for keyboard users.

import { Anchor, AppShell, Box, Burger, Group, Menu, NativeSelect, NavLink, ScrollArea, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { LOCALES, LOCALE_NAMES, useT, type Locale, type MessageKey } from '../i18n/i18n';
import { followLink, navigate, useLocation } from '../router';
import { rememberTeam, useMe, useSession } from '../session/session';
import { IconAccount, IconActivity, IconCoins, IconDirectory, IconGroups, IconKey, IconLogo, IconShield, IconUsers, IconWebhook } from './icons';
import { LiveIndicator } from './live-indicator';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  minimum: Role;
}

const NAV: NavItem[] = [
  { path: '/active-directory', label: 'nav.adManagement', icon: <IconDirectory />, minimum: 'member' },
  { path: '/users', label: 'nav.users', icon: <IconUsers />, minimum: 'member' },
  { path: '/groups', label: 'nav.groups', icon: <IconGroups />, minimum: 'member' },
  { path: '/spend', label: 'nav.spend', icon: <IconCoins />, minimum: 'admin' },
  { path: '/activity', label: 'nav.activity', icon: <IconActivity />, minimum: 'admin' },
  { path: '/webhooks', label: 'nav.webhooks', icon: <IconWebhook />, minimum: 'admin' },
  { path: '/tokens', label: 'nav.tokens', icon: <IconKey />, minimum: 'admin' },
  { path: '/admins', label: 'nav.admins', icon: <IconShield />, minimum: 'member' },
];

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export function LanguageSwitcher() {
  const { t, locale, setLocale } = useT();
  return (
    <NativeSelect
      size="xs"
      aria-label={t('header.language')}
      value={locale}
      onChange={(event) => setLocale(event.currentTarget.value as Locale)}
      data={LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code] }))}
      data-testid="language"
    />
  );
}

/** "Back to <product>": a session opened by the host's admin portal link returns to the host's page. */
function BackToProduct({ url }: { url: string }) {
  const { t } = useT();
  let product: string;
  try {
    product = new URL(url).host;
  } catch {
    return null;
  }
  return (
    <Anchor href={url} size="sm" data-testid="back-to-product" style={{ whiteSpace: 'nowrap' }}>
      {t('header.backTo', { product })}
    </Anchor>
  );
}

export function AppLayout({ teamId, role, children }: { teamId: string; role: Role; children: ReactNode }) {
  const { t } = useT();
  const me = useMe();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const base = `/teams/${encodeURIComponent(teamId)}`;

  const switchTeam = (next: string) => {
    rememberTeam(next);
    navigate(`/teams/${encodeURIComponent(next)}${pathname.slice(base.length) || '/active-directory'}`.replace(/\/(users|groups)\/[^/]+$/, '/$1'));
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'md', sm: 'xl' }}>
      <a href="#main" className="skip-link">
        {t('header.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.menu')} />
            <UnstyledButton component="a" href={base} onClick={(e) => followLink(e, base)} aria-label={t('header.home')}>
              <Group gap={6} wrap="nowrap">
                <IconLogo size={24} color="var(--mantine-color-indigo-6)" />
                <Text fw={700} size="lg" visibleFrom="xs">
                  Rollcall
                </Text>
              </Group>
            </UnstyledButton>
            {me.teams.length > 1 ? (
              <NativeSelect
                size="xs"
                aria-label={t('header.team')}
                value={teamId}
                onChange={(event) => switchTeam(event.currentTarget.value)}
                data={me.teams.map((team) => ({ value: team.teamId, label: team.name }))}
                data-testid="team-switcher"
                maw={200}
              />
            ) : (
              <Text size="sm" c="dimmed" truncate maw={180} visibleFrom="xs">
                {me.teams[0]?.name}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.session.returnUrl && <BackToProduct url={me.session.returnUrl} />}
            <LiveIndicator />
            <Box visibleFrom="sm">
              <LanguageSwitcher />
            </Box>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('header.account')} p={6} style={{ borderRadius: 8 }}>
                  <Group gap={6} wrap="nowrap">
                    <IconAccount />
                    <Text size="sm" visibleFrom="md" truncate maw={200}>
                      {me.account.email}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.account.email}</Menu.Label>
                <Menu.Item component="a" href={`${base}/account`} onClick={(e) => followLink(e, `${base}/account`)}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item color="red" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
                  {t('action.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <VisuallyHidden>
            <h2>{t('nav.label')}</h2>
          </VisuallyHidden>
          {NAV.filter((item) => RANK[role] >= RANK[item.minimum]).map((item) => {
            const href = base + item.path;
            return (
              <NavLink
                key={item.path}
                component="a"
                href={href}
                label={t(item.label)}
                leftSection={item.icon}
                active={pathname === href || pathname.startsWith(`${href}/`)}
                onClick={(event) => {
                  followLink(event, href);
                  close();
                }}
                style={{ borderRadius: 8 }}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm" pt="sm">
          <LanguageSwitcher />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}
