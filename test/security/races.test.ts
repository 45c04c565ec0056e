// Writes that race inside one process (several requests in flight through
// inject(); on PostgreSQL they run on separate pooled connections): the
// database keeps memberships sound, writers without If-Match take turns
// instead of getting 412 (RFC 7644 §3.14 makes If-Match the client's choice),
// nothing is lost, and the events tell the story the final state tells.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

const ROUNDS = 30;
const WRITERS = 12;

/** Starts `send` after `ms` milliseconds: a different interleaving, not a timing assertion. */
const after = <T>(ms: number, send: () => Promise<T>): Promise<T> => new Promise((done, fail) => setTimeout(() => send().then(done, fail), ms));

describe.each(DIALECTS)('races (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const createUser = async (userName: string) => {
    const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const createGroup = async (displayName: string) => (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName })).json().id as string;
  const memberEvents = async (groupId: string) =>
    (await t.storage.db.selectFrom('events').select(['type', 'data']).where('team_id', '=', t.teamId).where('resource_id', '=', groupId).where('type', 'like', 'group.member_%').orderBy('team_seq').execute())
      .map((e) => ({ type: e.type, memberId: (JSON.parse(e.data) as { memberId: string }).memberId }));
  const orphans = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from group_members gm
      where not exists (select 1 from users u where u.id = gm.member_id) and not exists (select 1 from groups g where g.id = gm.member_id)`.execute(t.storage.db)).rows[0].n);

  it('a member add racing the member\'s deletion never leaves an orphan, and the events match', async () => {
    const groupId = await createGroup('Add vs delete');
    const outcome: { userId: string; patch: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const userId = await createUser(`racer${round}@example.com`);
      // Either request may start a little ahead, so both orders get raced.
      const [patch, del] = await Promise.all([
        after(round % 2 === 0 ? 0 : round % 7, () => t.scim('PATCH', `/Groups/${groupId}`, patchBody({ op: 'add', path: 'members', value: [{ value: userId }] }))),
        after(round % 2 === 0 ? round % 7 : 0, () => t.scim('DELETE', `/Users/${userId}`)),
      ]);
      expect(del.statusCode).toBe(204);
      // Either the add committed first (and the delete took the member out again),
      // or the member was already gone: a clean SCIM 400, nothing written.
      expect([204, 400], patch.body).toContain(patch.statusCode);
      if (patch.statusCode === 400) expect(patch.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
      outcome.push({ userId, patch: patch.statusCode });
    }
    expect(await orphans()).toBe(0);
    const group = await t.scim('GET', `/Groups/${groupId}`);
    expect(group.json().members ?? []).toEqual([]);
    const events = await memberEvents(groupId);
    for (const { userId, patch } of outcome) {
      const mine = events.filter((e) => e.memberId === userId).map((e) => e.type);
      expect(mine, userId).toEqual(patch === 204 ? ['group.member_added', 'group.member_removed'] : []);
    }
    // Every membership change, direct or by a deletion, gave the group one new version.
    expect(group.json().meta.version).toBe(`W/"${1 + events.length}"`);
    const row = await t.storage.db.selectFrom('groups').select('member_count').where('id', '=', groupId).executeTakeFirstOrThrow();
    expect(Number(row.member_count)).toBe(0);
  });

  it('a nested group added to a parent while it is deleted, and a user deleted while its group is renamed', async () => {
    const parentId = await createGroup('Parent');
    const outcome: { childId: string; patch: number }[] = [];
    for (let round = 0; round < ROUNDS / 2; round++) {
      const childId = await createGroup(`Child ${round}`);
      const userId = await createUser(`renamed${round}@example.com`);
      expect((await t.scim('PATCH', `/Groups/${childId}`, patchBody({ op: 'add', path: 'members', value: [{ value: userId }] }))).statusCode).toBe(204);
      const [patch, deleteChild] = await Promise.all([
        t.scim('PATCH', `/Groups/${parentId}`, patchBody({ op: 'add', path: 'members', value: [{ value: childId }] })),
        t.scim('DELETE', `/Groups/${childId}`),
      ]);
      expect(deleteChild.statusCode).toBe(204);
      expect([204, 400], patch.body).toContain(patch.statusCode);
      outcome.push({ childId, patch: patch.statusCode });
      const survivor = await createGroup(`Survivor ${round}`);
      await t.scim('PATCH', `/Groups/${survivor}`, patchBody({ op: 'add', path: 'members', value: [{ value: userId }] }));
      const [rename, deleteUser] = await Promise.all([
        t.scim('PATCH', `/Groups/${survivor}`, patchBody({ op: 'replace', path: 'displayName', value: `Renamed ${round}` })),
        t.scim('DELETE', `/Users/${userId}`),
      ]);
      expect([rename.statusCode, deleteUser.statusCode]).toEqual([204, 204]);
      const after = (await t.scim('GET', `/Groups/${survivor}`)).json();
      expect([after.displayName, after.members ?? [], after.meta.version]).toEqual([`Renamed ${round}`, [], 'W/"4"']);
    }
    expect(await orphans()).toBe(0);
    const events = await memberEvents(parentId);
    for (const { childId, patch } of outcome) {
      expect(events.filter((e) => e.memberId === childId).map((e) => e.type), childId).toEqual(patch === 204 ? ['group.member_added', 'group.member_removed'] : []);
    }
    expect((await t.scim('GET', `/Groups/${parentId}`)).json().meta.version).toBe(`W/"${1 + events.length}"`);
  });

  it('concurrent PATCHes adding emails to one user without If-Match all succeed and none is lost', async () => {
    const userId = await createUser('many.emails@example.com');
    const replies = await Promise.all(Array.from({ length: WRITERS }, (_, i) =>
      t.scim('PATCH', `/Users/${userId}`, patchBody({ op: 'add', path: 'emails', value: [{ value: `mail${i}@example.com`, type: 'other' }] })),
    ));
    expect(replies.map((r) => r.statusCode)).toEqual(Array(WRITERS).fill(200));
    const user = (await t.scim('GET', `/Users/${userId}`)).json();
    expect(user.emails.map((e: { value: string }) => e.value).sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `mail${i}@example.com`).sort());
    expect(user.meta.version).toBe(`W/"${1 + WRITERS}"`);
    const found = await t.scim('GET', `/Users?filter=${encodeURIComponent(`emails.value eq "mail${WRITERS - 1}@example.com"`)}`);
    expect(found.json().totalResults).toBe(1);
  });

  it('concurrent PUTs of one user without If-Match all succeed, one after the other', async () => {
    const userId = await createUser('replaced@example.com');
    const replies = await Promise.all(Array.from({ length: WRITERS }, (_, i) =>
      t.scim('PUT', `/Users/${userId}`, { schemas: [USER_SCHEMA], userName: 'replaced@example.com', title: `T${i}` }),
    ));
    expect(replies.map((r) => r.statusCode)).toEqual(Array(WRITERS).fill(200));
    // Each saw the one before it: the versions handed out are 2 … WRITERS + 1, once each.
    expect(replies.map((r) => r.json().meta.version).sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `W/"${i + 2}"`).sort());
    const last = replies.find((r) => r.json().meta.version === `W/"${WRITERS + 1}"`);
    expect((await t.scim('GET', `/Users/${userId}`)).json().title).toBe(last?.json().title);
  });

  it('a group rename racing member adds, without If-Match: every request succeeds, every member stays', async () => {
    const groupId = await createGroup('Before');
    const userIds = await Promise.all(Array.from({ length: WRITERS }, (_, i) => createUser(`joiner${i}@example.com`)));
    const requests = userIds.flatMap((userId, i) => [
      () => t.scim('PATCH', `/Groups/${groupId}`, patchBody({ op: 'replace', path: 'displayName', value: `Name ${i}` })),
      () => t.scim('PATCH', `/Groups/${groupId}`, patchBody({ op: 'add', path: 'members', value: [{ value: userId }] })),
    ]);
    const replies = await Promise.all(requests.map((send) => send()));
    expect(replies.map((r) => r.statusCode)).toEqual(Array(2 * WRITERS).fill(204));
    const group = (await t.scim('GET', `/Groups/${groupId}`)).json();
    expect(group.members.map((m: { value: string }) => m.value).sort()).toEqual([...userIds].sort());
    expect(group.displayName).toMatch(/^Name \d+$/);
    expect(group.meta.version).toBe(`W/"${1 + 2 * WRITERS}"`);
    const events = await memberEvents(groupId);
    expect(events.filter((e) => e.type === 'group.member_added')).toHaveLength(WRITERS);
  });

  it('with If-Match, a writer that lost the race still gets 412 and changes nothing', async () => {
    const userId = await createUser('if-match@example.com');
    const { headers } = await t.scim('GET', `/Users/${userId}`);
    const etag = headers.etag as string;
    const [a, b] = await Promise.all(['A', 'B'].map((title) =>
      t.scim('PATCH', `/Users/${userId}`, patchBody({ op: 'replace', path: 'title', value: title }), { 'if-match': etag }),
    ));
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const winner = a.statusCode === 200 ? a : b;
    expect((await t.scim('GET', `/Users/${userId}`)).json().title).toBe(winner.json().title);
  });
});
