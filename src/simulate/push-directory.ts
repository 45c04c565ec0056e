// Provisions a directory into a team the way an IdP would, over HTTP to a
// running server: the test connection call, then each user and group looked
// up first and created only when missing (so a rerun changes nothing), then
// the group memberships in batches.

import type { Directory } from './directory.js';
import type { IdpProfile } from './idp-profiles.js';

export class PushError extends Error {
  constructor(
    readonly code: 'simulate.unreachable' | 'simulate.unauthorized' | 'simulate.refused',
    message: string,
  ) {
    super(message);
  }
}

export interface PushResult {
  users: { created: number; existing: number };
  groups: { created: number; existing: number };
  memberships: number;
}

const MEMBERS_PER_PATCH = 100;

export async function pushDirectory(options: { baseUrl: string; token: string; idp: IdpProfile; directory: Directory; log?: (line: string) => void }): Promise<PushResult> {
  const { baseUrl, token, idp, directory } = options;
  const base = baseUrl.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: Object.fromEntries(Object.entries({ ...idp.headers, Authorization: `Bearer ${token}` }).filter(([k]) => body !== undefined || k !== 'Content-Type')),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new PushError('simulate.unreachable', `no server answered at ${base} (${(error as Error).cause ?? (error as Error).message}): start it with \`npm start\`, or pass --url`);
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      if (text) json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new PushError('simulate.refused', `${method} ${base}${path} answered ${res.status} with something that is not SCIM: is ${base} a Rollcall SCIM base URL?`);
    }
    if (res.status === 401 || res.status === 403) throw new PushError('simulate.unauthorized', `the server refused the token (${res.status}): ${String(json.detail ?? text)}`);
    if (res.status >= 300) throw new PushError('simulate.refused', `${method} ${path} answered ${res.status}: ${String(json.detail ?? text).slice(0, 300)}`);
    return { status: res.status, json };
  };
  const firstId = (json: Record<string, unknown>) => ((json.Resources as { id: string }[] | undefined) ?? [])[0]?.id;

  await call('GET', idp.testConnectionPath());
  options.log?.(`${idp.name}: test connection ok`);
  const result: PushResult = { users: { created: 0, existing: 0 }, groups: { created: 0, existing: 0 }, memberships: 0 };
  const userIds: string[] = [];
  for (const person of directory.people) {
    const found = firstId((await call('GET', idp.findUserPath(person.userName))).json);
    if (found) result.users.existing++;
    else result.users.created++;
    userIds.push(found ?? String((await call('POST', '/Users', idp.userBody(person))).json.id));
  }
  options.log?.(`${idp.name}: ${result.users.created} users created, ${result.users.existing} already there`);
  for (const group of directory.groups) {
    let id = firstId((await call('GET', idp.findGroupPath(group.displayName))).json);
    if (id) result.groups.existing++;
    else {
      id = String((await call('POST', '/Groups', idp.groupBody(group))).json.id);
      result.groups.created++;
    }
    const members = group.members.map((i) => userIds[i]);
    for (let i = 0; i < members.length; i += MEMBERS_PER_PATCH) {
      await call('PATCH', `/Groups/${id}`, idp.addMembersBody(members.slice(i, i + MEMBERS_PER_PATCH)));
    }
    result.memberships += members.length;
  }
  options.log?.(`${idp.name}: ${result.groups.created} groups created, ${result.groups.existing} already there, ${result.memberships} memberships pushed`);
  return result;
}
