// Two real Rollcall processes on one PostgreSQL schema, written to at the
// same moment: concurrent membership changes to one group lose nothing,
// If-Match (RFC 7644 §3.14) turns a lost update into a 412, and the userName
// uniqueness rule (RFC 7643 §4.1.1) holds across instances.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL, USER_SCHEMA, GROUP_SCHEMA, PATCH_OP } from '../helpers/test-app.js';
import { createTeam, dropSchema, freshSchema, inParallel, scimClient, startServer, type ServerProcess } from '../helpers/server-process.js';

const postgres = DIALECTS.includes('postgres');
type Scim = ReturnType<typeof scimClient>;

describe.runIf(postgres)('two instances on one PostgreSQL schema', () => {
  const schema = freshSchema();
  let a: ServerProcess;
  let b: ServerProcess;
  let viaA: Scim;
  let viaB: Scim;
  let db: pg.Client;
  let teamId: string;
  const via = (i: number) => (i % 2 === 0 ? viaA : viaB);

  beforeAll(async () => {
    // Both start together: the advisory lock lets exactly one apply the migrations.
    [a, b] = await Promise.all([startServer({ databaseUrl: POSTGRES_URL, schema }), startServer({ databaseUrl: POSTGRES_URL, schema })]);
    const team = await createTeam(POSTGRES_URL, schema);
    teamId = team.teamId;
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

  const count = async (query: string, params: unknown[]) => Number((await db.query<{ n: string }>(query, params)).rows[0].n);

  it('concurrent PATCH add of distinct members to one group through both instances loses none', async () => {
    const users = await inParallel(Array.from({ length: 200 }, (_, i) => i), 20, async (i) => {
      const res = await via(i)('POST', '/Users', { schemas: [USER_SCHEMA], userName: `member${i}@example.com` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    });
    const group = await viaA('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Concurrent adds' });
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;

    // 100 requests of two members each, 16 in flight, alternating instances.
    const adds = await inParallel(Array.from({ length: 100 }, (_, i) => i), 16, (i) =>
      via(i)('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: users[2 * i] }, { value: users[2 * i + 1] }] }],
      }),
    );
    expect(adds.map((r) => r.status)).toEqual(Array(100).fill(204));

    const read = await viaB('GET', `/Groups/${groupId}`);
    expect(read.status).toBe(200);
    expect(new Set(read.body.members.map((m: { value: string }) => m.value))).toEqual(new Set(users));
    expect(read.body.members).toHaveLength(200);
    expect(await count('select member_count as n from groups where id = $1', [groupId])).toBe(200);
    expect(await count(`select count(*) as n from events where type = 'group.member_added' and resource_id = $1`, [groupId])).toBe(200);
    // Every change bumped the version once: ETags stay meaningful under concurrency.
    expect(read.body.meta.version).toBe('W/"101"');
  });

  it('the same members added by both instances at once are stored and counted once', async () => {
    const users = (await db.query<{ id: string }>('select id from users order by seq limit 40')).rows.map((r) => r.id);
    const group = await viaB('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Overlapping adds' });
    const groupId = group.body.id as string;
    // Each member is named by two requests sent side by side, one per instance.
    const requests = users.flatMap((id) => [id, id]);
    const adds = await inParallel(requests, 20, (id, i) =>
      via(i)('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] }),
    );
    expect(adds.every((r) => r.status === 204)).toBe(true);
    expect(await count('select count(*) as n from group_members where group_id = $1', [groupId])).toBe(40);
    expect(await count('select member_count as n from groups where id = $1', [groupId])).toBe(40);
    expect(await count(`select count(*) as n from events where type = 'group.member_added' and resource_id = $1`, [groupId])).toBe(40);

    // And concurrent removals of distinct members keep the counter exact.
    const removes = await inParallel(users.slice(0, 30), 15, (id, i) =>
      via(i)('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] }),
    );
    expect(removes.every((r) => r.status === 204)).toBe(true);
    const read = await viaA('GET', `/Groups/${groupId}`);
    expect(read.body.members.map((m: { value: string }) => m.value).sort()).toEqual(users.slice(30).sort());
    expect(await count('select member_count as n from groups where id = $1', [groupId])).toBe(10);
  });

  it('concurrent PUTs with the same If-Match: one 200 and one 412 every round, never a silent lost update', async () => {
    const created = await viaA('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'etag.race@example.com', title: 'start' });
    const id = created.body.id as string;
    for (let round = 0; round < 20; round++) {
      const { etag } = await via(round)('GET', `/Users/${id}`);
      expect(etag).toMatch(/^W\/"\d+"$/);
      const body = (title: string) => ({ schemas: [USER_SCHEMA], userName: 'etag.race@example.com', title });
      const [fromA, fromB] = await Promise.all([
        viaA('PUT', `/Users/${id}`, body(`A${round}`), { 'if-match': etag as string }),
        viaB('PUT', `/Users/${id}`, body(`B${round}`), { 'if-match': etag as string }),
      ]);
      expect([fromA.status, fromB.status].sort(), `round ${round}`).toEqual([200, 412]);
      const [winner, loser] = fromA.status === 200 ? [fromA, fromB] : [fromB, fromA];
      expect(loser.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '412' });
      const after = await via(round + 1)('GET', `/Users/${id}`);
      expect(after.body.title).toBe(winner.body.title);
      expect(after.etag).toBe(winner.etag);
    }
  });

  it('concurrent If-Match PATCHes of one group through both instances: one 204 and one 412 every round', async () => {
    const created = await viaA('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Renamed concurrently' });
    const id = created.body.id as string;
    for (let round = 0; round < 10; round++) {
      const { etag } = await via(round)('GET', `/Groups/${id}?excludedAttributes=members`);
      const rename = (name: string) => ({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: name }] });
      const [fromA, fromB] = await Promise.all([
        viaA('PATCH', `/Groups/${id}`, rename(`A${round}`), { 'if-match': etag as string }),
        viaB('PATCH', `/Groups/${id}`, rename(`B${round}`), { 'if-match': etag as string }),
      ]);
      expect([fromA.status, fromB.status].sort(), `round ${round}`).toEqual([204, 412]);
      const after = await viaB('GET', `/Groups/${id}?excludedAttributes=members`);
      expect(after.body.displayName).toBe(fromA.status === 204 ? `A${round}` : `B${round}`);
      expect(after.etag).toBe((fromA.status === 204 ? fromA : fromB).etag);
    }
  });

  it('a userName race across instances yields exactly one user and one 409 every round', async () => {
    const usersBefore = await count('select count(*) as n from users', []);
    for (let round = 0; round < 20; round++) {
      const name = `race${round}@example.com`;
      // userName is case-insensitive (RFC 7643 §4.1.1): odd rounds race two spellings.
      const other = round % 2 === 1 ? name.toUpperCase() : name;
      const [fromA, fromB] = await Promise.all([
        viaA('POST', '/Users', { schemas: [USER_SCHEMA], userName: name }),
        viaB('POST', '/Users', { schemas: [USER_SCHEMA], userName: other }),
      ]);
      expect([fromA.status, fromB.status].sort(), `round ${round}`).toEqual([201, 409]);
      expect((fromA.status === 409 ? fromA : fromB).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
      expect(await count('select count(*) as n from users where user_name_ci = $1', [name])).toBe(1);
    }
    expect(await count('select count(*) as n from users', [])).toBe(usersBefore + 20);
    // The loser's transaction rolled back whole: the team's counter matches the rows.
    expect(await count('select user_count as n from teams where id = $1', [teamId])).toBe(usersBefore + 20);
  });

  it('both instances stop on SIGTERM with exit code 0', async () => {
    const codes = await Promise.all([a.stop(), b.stop()]);
    expect(codes, a.output() + b.output()).toEqual([0, 0]);
  });
});
