// Stored resources → SCIM JSON on the wire: id, meta (with location and
// version), the server-managed `groups` / `members`, then projection.

import type { UserView } from '../../domain/users.js';
import type { GroupView } from '../../domain/groups.js';
import type { StoredResource } from '../../domain/directory-types.js';
import { etagOf } from '../../scim/etag.js';

export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function meta(stored: StoredResource, resourceType: 'User' | 'Group', location: string) {
  return { resourceType, created: stored.created, lastModified: stored.lastModified, location, version: etagOf(stored.version) };
}

export function renderUser(view: UserView, baseUrl: string): Record<string, unknown> {
  const { user, groups } = view;
  const { schemas, ...rest } = user.resource;
  const out: Record<string, unknown> = { schemas, id: user.id, ...rest };
  if (groups.length > 0) {
    out.groups = groups.map((g) => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.displayName, type: 'direct' }));
  }
  out.meta = meta(user, 'User', `${baseUrl}/Users/${user.id}`);
  return out;
}

export function renderGroup(view: GroupView, baseUrl: string): Record<string, unknown> {
  const { group, members } = view;
  const { schemas, ...rest } = group.resource;
  const out: Record<string, unknown> = { schemas, id: group.id, ...rest };
  if (members && members.length > 0) {
    out.members = members.map((m) => ({
      value: m.id,
      $ref: `${baseUrl}/${m.type === 'Group' ? 'Groups' : 'Users'}/${m.id}`,
      ...(m.display !== null ? { display: m.display } : {}),
      type: m.type,
    }));
  }
  out.meta = meta(group, 'Group', `${baseUrl}/Groups/${group.id}`);
  return out;
}

export function listResponse(total: number, startIndex: number, resources: Record<string, unknown>[]) {
  return { schemas: [LIST_RESPONSE], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}
