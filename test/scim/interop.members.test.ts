// Issue 13, strict SCIM testers compare members.display with what they sent
// (RFC 7643 §4.2): the display the IdP sent for a membership comes back; the
// member's own name is the fallback when it sent none.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, patchBody, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

type Member = { value: string; display?: string };

describe.each(DIALECTS)('Interop: members.display as the IdP sent it (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const user = async (displayName: string) =>
    (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `m${++n}@example.com`, displayName })).json() as { id: string };
  const displays = async (groupId: string, query = '') => {
    const members: Member[] = (await t.scim('GET', `/Groups/${groupId}${query}`)).json().members ?? [];
    return Object.fromEntries(members.map((m) => [m.value, m.display]));
  };

  it('a member added with a display comes back with that display, not the user\'s own name', async () => {
    const [a, b] = [await user('Alice Own'), await user('Bob Own')];
    const created = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sent names', members: [{ value: a.id, display: 'Alice as sent' }, { value: b.id }] });
    expect(created.statusCode, created.body).toBe(201);
    const fromPost = Object.fromEntries(created.json().members.map((m: Member) => [m.value, m.display]));
    expect(fromPost).toEqual({ [a.id]: 'Alice as sent', [b.id]: 'Bob Own' });
    expect(await displays(created.json().id)).toEqual({ [a.id]: 'Alice as sent', [b.id]: 'Bob Own' });
    const listed = (await t.scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Sent names"')}`)).json().Resources[0];
    expect(listed.members.find((m: Member) => m.value === a.id).display).toBe('Alice as sent');
    // A filter on members.display sees what the answers show.
    const found = (await t.scim('GET', `/Groups?filter=${encodeURIComponent('members.display eq "Alice as sent"')}&excludedAttributes=members`)).json();
    expect(found.Resources.map((g: { id: string }) => g.id)).toEqual([created.json().id]);
    const byName = (await t.scim('GET', `/Groups?filter=${encodeURIComponent('members.display eq "Bob Own"')}&excludedAttributes=members`)).json();
    expect(byName.Resources.map((g: { id: string }) => g.id)).toEqual([created.json().id]);
  });

  it('PATCH add keeps the display sent; re-sending the member with another display updates it; no display falls back to the current name', async () => {
    const [a, b] = [await user('Carol Own'), await user('Dan Own')];
    const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Patched names' })).json();
    const add = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'add', path: 'members', value: [{ value: a.id, display: 'carol@okta' }, { value: b.id }] }));
    expect(add.statusCode, add.body).toBe(204);
    expect(await displays(group.id)).toEqual({ [a.id]: 'carol@okta', [b.id]: 'Dan Own' });

    const relabel = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'add', path: 'members', value: [{ value: a.id, display: 'Carol renamed by IdP' }] }));
    // A new display is a new representation: a new version.
    expect(relabel.headers.etag).not.toBe(add.headers.etag);
    await t.scim('PATCH', `/Users/${b.id}`, patchBody({ op: 'replace', path: 'displayName', value: 'Dan Renamed' }));
    expect(await displays(group.id)).toEqual({ [a.id]: 'Carol renamed by IdP', [b.id]: 'Dan Renamed' });
    // Re-sending a member with the same display is not a change.
    const again = await t.scim('PATCH', `/Groups/${group.id}`, patchBody({ op: 'add', path: 'members', value: [{ value: a.id, display: 'Carol renamed by IdP' }] }));
    expect(again.headers.etag).toBe(relabel.headers.etag);
  });

  it('PUT /Groups replacing members keeps the displays it sent, for new and existing members', async () => {
    const [a, b, c] = [await user('Eve Own'), await user('Finn Own'), await user('Gus Own')];
    const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Put names', members: [{ value: a.id, display: 'eve-1' }, { value: b.id }] })).json();
    const put = await t.scim('PUT', `/Groups/${group.id}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Put names',
      members: [{ value: a.id, display: 'eve-2' }, { value: c.id, display: 'gus-sent' }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const fromPut = Object.fromEntries(put.json().members.map((m: Member) => [m.value, m.display]));
    expect(fromPut).toEqual({ [a.id]: 'eve-2', [c.id]: 'gus-sent' });
    expect(await displays(group.id)).toEqual({ [a.id]: 'eve-2', [c.id]: 'gus-sent' });
    // A PUT that only changes the display of a member already there is a new version too.
    const relabel = await t.scim('PUT', `/Groups/${group.id}`, { schemas: [GROUP_SCHEMA], displayName: 'Put names', members: [{ value: a.id, display: 'eve-3' }, { value: c.id, display: 'gus-sent' }] });
    expect(relabel.headers.etag).not.toBe(put.headers.etag);
    expect(await displays(group.id)).toEqual({ [a.id]: 'eve-3', [c.id]: 'gus-sent' });
  });

  it('excludedAttributes with a value path on members leaves out only the members it selects', async () => {
    const [a, b] = [await user('Hal Own'), await user('Ida Own')];
    const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Excluded some', members: [{ value: a.id, display: 'hal' }, { value: b.id }] })).json();
    expect(await displays(group.id, `?excludedAttributes=${encodeURIComponent(`members[value eq "${a.id}"]`)}`)).toEqual({ [b.id]: 'Ida Own' });
    expect(await displays(group.id, `?attributes=${encodeURIComponent(`members[value eq "${a.id}"]`)}`)).toEqual({ [a.id]: 'hal' });
  });
});
