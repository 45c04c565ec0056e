// Two real Rollcall processes on one PostgreSQL schema, racing the writes
// that used to go wrong: a member add against the member's deletion (orphan
// memberships), and concurrent PATCHes without If-Match (412s the client
// never asked for, RFC 7644 §3.14). Bounded in count: a few hundred races.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL, USER_SCHEMA, GROUP_SCHEMA, PATCH_OP } from '../helpers/test-app.js';
import { createTeam, dropSchema, freshSchema, inParallel, scimClient, startServer, type ServerProcess } from '../helpers/server-process.js';

const postgres = DIALECTS.includes('postgres');
const RACES = 240;
const IN_FLIGHT = 12;
/** Generous: two cores shared with other work can make a few hundred requests slow; a test that hangs still ends. */
const RACE_TIMEOUT_MS = 180_000;
type Scim = ReturnType<typeof scimClient>;

/** Starts `send` after `ms` milliseconds: a different interleaving, not a timing assertion. */
const after = <T>(ms: number, send: () => Promise<T>): Promise<T> => new Promise((done, fail) => setTimeout(() => send().then(done, fail), ms));

describe.runIf(postgres)('two instances racing on one PostgreSQL schema', () => {
  const schema = freshSchema();
  let a: ServerProcess;
  let b: ServerProcess;
  let viaA: Scim;
  let viaB: Scim;
  let db: pg.Client;
  const via = (i: number) => (i % 2 === 0 ? viaA : viaB);

  beforeAll(async () => {
    // One after the other: starting together is postgres.concurrency.test.ts's subject, not this one's.
    a = await startServer({ databaseUrl: POSTGRES_URL, schema });
    b = await startServer({ databaseUrl: POSTGRES_URL, schema });
    const team = await createTeam(POSTGRES_URL, schema);
    viaA = scimClient(a, team.teamId, team.token);
    viaB = scimClient(b, team.teamId, team.token);
    db = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await db.connect();
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.end();
    await dropSchema(POSTGRES_URL, schema);
  });

  const count = async (query: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(query, params)).rows[0].n);
  const patch = (...operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });
  const createUsers = (prefix: string, n: number) =>
    inParallel(Array.from({ length: n }, (_, i) => i), 16, async (i) => {
      const res = await via(i)('POST', '/Users', { schemas: [USER_SCHEMA], userName: `${prefix}${i}@example.com` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    });
  /** Per group: its member events, by member. */
  const memberEvents = async (groupId: string) => {
    const rows = (await db.query<{ type: string; data: string }>(`select type, data from events where resource_id = $1 and type like 'group.member_%' order by team_seq`, [groupId])).rows;
    const byMember = new Map<string, string[]>();
    for (const row of rows) {
      const { memberId } = JSON.parse(row.data) as { memberId: string };
      byMember.set(memberId, [...(byMember.get(memberId) ?? []), row.type]);
    }
    return { total: rows.length, byMember };
  };
  const version = async (groupId: string) => count('select version as n from groups where id = $1', [groupId]);

  it(`${RACES} member adds racing the member's deletion: no orphan, and events that match the outcome`, async () => {
    const users = await createUsers('racer', RACES);
    // Everyone starts in one group, so each deletion also changes a group it was not racing for.
    const everyone = await viaA('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone', members: users.map((value) => ({ value })) });
    expect(everyone.status).toBe(201);
    const targets: string[] = [];
    for (const name of ['Race A', 'Race B', 'Race C']) targets.push((await viaB('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: name })).body.id);

    const outcomes = await inParallel(users, IN_FLIGHT, async (userId, i) => {
      const groupId = targets[i % targets.length];
      // Either request may leave a little ahead, so both orders get raced.
      const [add, del] = await Promise.all([
        after(i % 2 === 0 ? 0 : i % 5, () => via(i)('PATCH', `/Groups/${groupId}`, patch({ op: 'add', path: 'members', value: [{ value: userId }] }))),
        after(i % 2 === 0 ? i % 5 : 0, () => via(i + 1)('DELETE', `/Users/${userId}`)),
      ]);
      expect(del.status, JSON.stringify(del.body)).toBe(204);
      expect([204, 400], JSON.stringify(add.body)).toContain(add.status);
      if (add.status === 400) expect(add.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      return { userId, groupId, added: add.status === 204 };
    });

    expect(await count(`select count(*) as n from group_members gm where not exists (select 1 from users u where u.id = gm.member_id)
                          and not exists (select 1 from groups g where g.id = gm.member_id)`)).toBe(0);
    expect(await count('select count(*) as n from group_members')).toBe(0);
    expect(await count('select count(*) as n from groups where member_count <> 0')).toBe(0);

    for (const groupId of targets) {
      const events = await memberEvents(groupId);
      for (const { userId, added } of outcomes.filter((o) => o.groupId === groupId)) {
        // Added then taken out by the deletion, or never added: nothing in between.
        expect(events.byMember.get(userId) ?? [], userId).toEqual(added ? ['group.member_added', 'group.member_removed'] : []);
      }
      expect(await version(groupId)).toBe(1 + events.total);
    }
    const fromEveryone = await memberEvents(everyone.body.id);
    expect(fromEveryone.total).toBe(2 * RACES);
    expect(await version(everyone.body.id)).toBe(1 + RACES);
    expect(await count(`select count(*) as n from events where type = 'group.member_removed' and data like '%"reason":"user.deleted"%'`))
      .toBe(RACES + outcomes.filter((o) => o.added).length);
  }, RACE_TIMEOUT_MS);

  it('concurrent email adds to one user through both instances, without If-Match: no 412, none lost', async () => {
    const [userId] = await createUsers('emails', 1);
    const writes = 60;
    const replies = await inParallel(Array.from({ length: writes }, (_, i) => i), 16, (i) =>
      via(i)('PATCH', `/Users/${userId}`, patch({ op: 'add', path: 'emails', value: [{ value: `mail${i}@example.com`, type: 'work' }] })),
    );
    expect(replies.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const user = await viaA('GET', `/Users/${userId}`);
    expect(user.body.emails.map((e: { value: string }) => e.value).sort()).toEqual(Array.from({ length: writes }, (_, i) => `mail${i}@example.com`).sort());
    expect(user.body.meta.version).toBe(`W/"${1 + writes}"`);
    expect(await count('select count(*) as n from user_emails where user_id = $1', [userId])).toBe(writes);
    expect(await count(`select count(*) as n from events where type = 'user.updated' and resource_id = $1`, [userId])).toBe(writes);
  }, RACE_TIMEOUT_MS);

  it('group renames racing member adds through both instances, without If-Match: no 412, every member there', async () => {
    const users = await createUsers('joiner', 40);
    const groupId = (await viaA('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Start' })).body.id as string;
    const requests = users.flatMap((userId, i) => [
      patch({ op: 'replace', path: 'displayName', value: `Name ${i}` }),
      patch({ op: 'add', path: 'members', value: [{ value: userId }] }),
    ]);
    const replies = await inParallel(requests, 16, (body, i) => via(i)('PATCH', `/Groups/${groupId}`, body));
    expect(replies.filter((r) => r.status !== 204).map((r) => r.status)).toEqual([]);
    const group = await viaB('GET', `/Groups/${groupId}`);
    expect(group.body.members.map((m: { value: string }) => m.value).sort()).toEqual([...users].sort());
    expect(group.body.meta.version).toBe(`W/"${1 + requests.length}"`);
    const events = await memberEvents(groupId);
    expect(events.total).toBe(users.length);
    expect(await count(`select count(*) as n from events where type = 'group.renamed' and resource_id = $1`, [groupId])).toBe(users.length);
    expect(await count('select member_count as n from groups where id = $1', [groupId])).toBe(users.length);
  }, RACE_TIMEOUT_MS);
});
