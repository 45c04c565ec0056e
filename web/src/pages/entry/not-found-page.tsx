// A URL that leads nowhere, or a signed-in admin without any team.

import { Button } from '@mantine/core';
import { Empty } from '../../components/states';
import { IconInfo } from '../../components/icons';
import { useT } from '../../i18n/i18n';
import { Link } from '../../router';
import { useSession } from '../../session/session';

export function NotFoundPage({ noTeams = false }: { noTeams?: boolean }) {
  const { t } = useT();
  const { signOut } = useSession();
  return (
    <main>
      <Empty
        icon={<IconInfo />}
        title={noTeams ? t('notFound.noTeamsTitle') : t('notFound.title')}
        description={noTeams ? t('notFound.noTeamsBody') : t('notFound.body')}
        action={
          noTeams ? (
            <Button variant="default" onClick={() => void signOut()}>
              {t('action.signOut')}
            </Button>
          ) : (
            <Button component={Link} href="/">
              {t('notFound.home')}
            </Button>
          )
        }
      />
    </main>
  );
}
