// Which page a URL shows, behind the sign-in gate. Every page of a team lives
// under /teams/:teamId/…; /setup and /sign-in are open.

import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AppLayout } from './components/app-layout';
import { useT } from './i18n/i18n';
import { LiveProvider } from './live/live';
import { matchPath, navigate, useLocation } from './router';
import { preferredTeam, rememberTeam, useSession } from './session/session';
import { TeamProvider } from './session/team';
import { SetupPage } from './pages/entry/setup-page';
import { SignInPage } from './pages/entry/sign-in-page';
import { NotFoundPage } from './pages/entry/not-found-page';
import { LoadingState } from './components/states';

// Each section loads when first opened: the first paint needs only the frame.
const AdManagementPage = lazy(() => import('./pages/ad/ad-management-page').then((m) => ({ default: m.AdManagementPage })));
const UsersPage = lazy(() => import('./pages/directory/users-page').then((m) => ({ default: m.UsersPage })));
const GroupsPage = lazy(() => import('./pages/directory/groups-page').then((m) => ({ default: m.GroupsPage })));
const TokensPage = lazy(() => import('./pages/tokens/tokens-page').then((m) => ({ default: m.TokensPage })));
const SpendPage = lazy(() => import('./pages/spend/spend-page').then((m) => ({ default: m.SpendPage })));
const ActivityPage = lazy(() => import('./pages/activity/activity-page').then((m) => ({ default: m.ActivityPage })));
const WebhooksPage = lazy(() => import('./pages/activity/webhooks-page').then((m) => ({ default: m.WebhooksPage })));
const AdminsPage = lazy(() => import('./pages/admins/admins-page').then((m) => ({ default: m.AdminsPage })));
const AccountPage = lazy(() => import('./pages/account/account-page').then((m) => ({ default: m.AccountPage })));

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function FullPageLoader() {
  const { t } = useT();
  return (
    <Center h="100vh">
      <Loader aria-label={t('state.loading')} />
    </Center>
  );
}

function teamPage(rest: string, teamId: string): ReactNode {
  if (rest === '' || rest === '/') return <Redirect to={`/teams/${encodeURIComponent(teamId)}/active-directory`} />;
  if (rest === '/active-directory') return <AdManagementPage teamId={teamId} />;
  const user = matchPath('/users/:id', rest);
  if (rest === '/users' || user) return <UsersPage teamId={teamId} openId={user?.id} />;
  const group = matchPath('/groups/:id', rest);
  if (rest === '/groups' || group) return <GroupsPage teamId={teamId} openId={group?.id} />;
  if (rest === '/tokens') return <TokensPage teamId={teamId} />;
  if (rest === '/spend') return <SpendPage teamId={teamId} />;
  if (rest === '/activity') return <ActivityPage teamId={teamId} />;
  if (rest === '/webhooks') return <WebhooksPage teamId={teamId} />;
  if (rest === '/admins') return <AdminsPage teamId={teamId} />;
  if (rest === '/account') return <AccountPage />;
  return <NotFoundPage />;
}

export function App() {
  const { pathname } = useLocation();
  const { state } = useSession();

  if (pathname === '/setup') return <SetupPage />;
  if (pathname === '/sign-in') return <SignInPage expired={state.status === 'signed-out' && state.expired} />;
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'signed-out') return <Redirect to="/sign-in" />;

  const { me } = state;
  // The SSO test sign-in returns to `/#/sso?result=…` (src/http/sso): show it on the wizard.
  if (pathname === '/' && location.hash.startsWith('#/sso')) {
    const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
    const result = params.get('result') ?? '';
    // The reason travels as its code only; the page words it in the admin's language.
    const reason = params.get('reason');
    const team = preferredTeam(me);
    const query = `sso=${encodeURIComponent(result)}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`;
    return <Redirect to={team ? `/teams/${encodeURIComponent(team)}/active-directory?${query}` : '/'} />;
  }
  if (pathname === '/') {
    const team = preferredTeam(me);
    return team ? <Redirect to={`/teams/${encodeURIComponent(team)}/active-directory`} /> : <NotFoundPage noTeams />;
  }

  const match = /^\/teams\/([^/]+)(\/.*)?$/.exec(pathname);
  const membership = match ? me.teams.find((t) => t.teamId === decodeURIComponent(match[1])) : undefined;
  if (!match || !membership) return <NotFoundPage />;
  const { teamId, role } = membership;
  rememberTeam(teamId, membership.name);
  return (
    <LiveProvider teamId={teamId} key={teamId}>
      <TeamProvider teamId={teamId}>
        <AppLayout teamId={teamId} role={role}>
          <Suspense fallback={<LoadingState rows={4} />}>{teamPage(match[2] ?? '', teamId)}</Suspense>
        </AppLayout>
      </TeamProvider>
    </LiveProvider>
  );
}
