// Members as the host API (/api/v1/teams/{teamId}/members) and the admin API
// (/api/admin/teams/{teamId}/users) answer them: the summary both always gave
// (userSummary) plus the profile the IdP sent (domain/directory/member-profile.ts),
// managers resolved in one query per page. And the host list's filters:
// group, active, department, updatedSince (docs/integrate.md).

import type { Services } from '../../services.js';
import type { UserView } from '../../domain/directory/users.js';
import type { Filter } from '../../scim/filter/ast.js';
import { memberProfileFields } from '../../domain/directory/member-profile.js';
import { ENTERPRISE_USER_URN } from '../../scim/schema/enterprise-user.js';
import { badRequest } from './api-error.js';

/** What both APIs answered before profiles; kept exactly, the profile is added beside it. */
function userSummary(view: UserView) {
  const r = view.user.resource;
  return {
    id: view.user.id,
    userName: r.userName,
    displayName: r.displayName ?? null,
    externalId: r.externalId ?? null,
    active: r.active !== false,
    emails: Array.isArray(r.emails) ? r.emails : [],
    groups: view.groups.map((g) => ({ id: g.id, displayName: g.displayName })),
    created: view.user.created,
    lastModified: view.user.lastModified,
    managedBy: 'idp' as const,
  };
}

/** Each view as the APIs answer it, in order. */
export async function memberBodies(services: Services, teamId: string, views: UserView[]) {
  const managers = await services.users.managers(teamId, views);
  return views.map((view) => ({ ...userSummary(view), ...memberProfileFields(view.user, managers) }));
}

export async function memberBody(services: Services, teamId: string, view: UserView) {
  return (await memberBodies(services, teamId, [view]))[0];
}

export interface MemberFilterQuery {
  group?: string;
  active?: string;
  department?: string;
  updatedSince?: string;
}

/** A date, or a date-time with its offset: `2026-11-22`, `2026-11-22T08:57:11Z`, `2026-11-22T09:57:11.494+01:00`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;
const MAX_TEXT = 256;

/** The calendar date is one (Date.parse rolls 2026-02-31 over into March). */
function realDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const and = (left: Filter | undefined, right: Filter): Filter => (left ? { kind: 'And', left, right } : right);

/**
 * The host list's filters as one SCIM filter over the indexed columns
 * (active, updated_at, department_ci), and the group to start from; 400
 * `request.invalid` for a value it cannot mean.
 */
export function memberFilters(query: MemberFilterQuery): { filter?: Filter; group?: string } {
  let filter: Filter | undefined;
  const { group, active, department, updatedSince } = query;
  if (group !== undefined && (group.trim() === '' || group.length > MAX_TEXT)) throw badRequest('group must be the id of one of the team\'s groups');
  if (active !== undefined) {
    if (active !== 'true' && active !== 'false') throw badRequest('active must be "true" or "false"');
    filter = and(filter, { kind: 'Compare', path: { attr: 'active' }, op: 'eq', value: active === 'true' });
  }
  if (department !== undefined) {
    if (department === '' || department.length > MAX_TEXT) throw badRequest(`department must be a department name of 1 to ${MAX_TEXT} characters`);
    filter = and(filter, { kind: 'Compare', path: { schema: ENTERPRISE_USER_URN, attr: 'department' }, op: 'eq', value: department });
  }
  if (updatedSince !== undefined) {
    const at = INSTANT.test(updatedSince) && realDate(updatedSince) ? Date.parse(updatedSince) : Number.NaN;
    if (!Number.isFinite(at)) throw badRequest('updatedSince must be an ISO 8601 date or date-time with an offset, such as 2026-11-22T08:57:11Z');
    filter = and(filter, { kind: 'Compare', path: { attr: 'meta', sub: 'lastModified' }, op: 'ge', value: new Date(at).toISOString() });
  }
  return { filter, group };
}
