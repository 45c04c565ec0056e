// The user or group an activity entry is about, by name, linking to it in the
// directory — not a bare id to copy.

import type { ActivityEntry } from './activity-types';
import { useT } from '../../i18n/i18n';
import { Link } from '../../router';

export function ResourceLink({ teamId, entry }: { teamId: string; entry: ActivityEntry }) {
  const { t } = useT();
  const kind = entry.resourceType === 'User' ? 'users' : entry.resourceType === 'Group' ? 'groups' : undefined;
  if (!kind || !entry.resourceId || entry.operation === 'delete') return null;
  const name = entry.userName ?? t(kind === 'users' ? 'activity.openUser' : 'activity.openGroup');
  return (
    <Link className="row-link" href={`/teams/${encodeURIComponent(teamId)}/${kind}/${encodeURIComponent(entry.resourceId)}`} data-testid="activity-resource">
      {name}
    </Link>
  );
}
