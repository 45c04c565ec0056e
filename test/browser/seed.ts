// A believable directory for browser tests and screenshots, pushed through the
// SCIM surface exactly as an IdP would (real requests, real events).

import type { LiveServer } from './harness.js';

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Tim', 'Radia', 'Edsger', 'Hedy', 'Donald', 'Shafi'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Berners-Lee', 'Perlman', 'Dijkstra', 'Lamarr', 'Knuth', 'Goldwasser'];

export async function scim(server: LiveServer, teamId: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/scim/v2/${teamId}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/scim+json' } : {}), 'user-agent': 'Okta SCIM Client 1.0.0' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** `count` users and a few groups, some users in several groups, one suspended. */
export async function seedDirectory(server: LiveServer, teamId: string, token: string, count = 24): Promise<{ users: { id: string; userName: string }[]; groups: Record<string, string> }> {
  const users: { id: string; userName: string }[] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const userName = `${first}.${last}${i >= FIRST.length ? i : ''}@acme.test`.toLowerCase();
    const user = await scim(server, teamId, token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: first, familyName: last },
      displayName: `${first} ${last}`,
      emails: [{ value: userName, type: 'work', primary: true }],
      externalId: `00u${(1000 + i).toString(36)}`,
      active: true,
    });
    users.push({ id: user.id, userName });
  }
  const groups: Record<string, string> = {};
  const plan: [string, number[]][] = [
    ['Engineering', users.map((_, i) => i).filter((i) => i % 2 === 0)],
    ['Sales EMEA', users.map((_, i) => i).filter((i) => i % 3 === 0)],
    ['Design', users.map((_, i) => i).filter((i) => i % 5 === 1)],
    ['Contractors', [3, 7]],
  ];
  for (const [name, members] of plan) {
    const group = await scim(server, teamId, token, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: name,
      members: members.filter((i) => i < users.length).map((i) => ({ value: users[i].id })),
    });
    groups[name] = group.id;
  }
  if (users.length > 5) {
    await scim(server, teamId, token, 'PATCH', `/Users/${users[5].id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
  }
  return { users, groups };
}
