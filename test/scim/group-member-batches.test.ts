// Issue 12: a PATCH adding or removing many members writes them set-based
// (one statement per 1,000 members, SqlDialect jsonRecords), yet still one
// group.member_added / group.member_removed event per member, in the order
// the request names them, and only for members really added or removed;
// the group's member_count and each row's member_seq stay right.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, patchBody, type TestApp } from '../helpers/test-app.js';

const USERS = 1300;

describe.each(DIALECTS)('Member batches (%s)', (dialect) => {
  let t: TestApp;
  const userIds: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let from = 0; from < USERS; from += 650) {
      const Operations = Array.from({ length: 650 }, (_, i) => ({ method: 'POST', path: '/Users', bulkId: `u${from + i}`, data: { schemas: [USER_SCHEMA], userName: `b${from + i}@example.com` } }));
      const res = await t.scim('POST', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations });
      expect(res.statusCode).toBe(200);
      for (const op of res.json().Operations) userIds.push(String(op.location).split('/').pop() as string);
    }
  }, 120_000);
  afterAll(async () => t.close());

  const eventsAfter = async (seq: number) =>
    (await sql<{ team_seq: number; type: string; data: string }>`select team_seq, type, data from events where team_id = ${t.teamId} and team_seq > ${seq} order by team_seq`.execute(t.storage.db)).rows
      .map((r) => ({ seq: Number(r.team_seq), type: r.type, ...(JSON.parse(r.data) as { groupId?: string; memberId?: string }) }));
  const lastSeq = async () => Number((await sql<{ n: number | null }>`select max(team_seq) as n from events where team_id = ${t.teamId}`.execute(t.storage.db)).rows[0].n ?? 0);
  const memberCount = async (groupId: string) => Number((await t.storage.db.selectFrom('groups').select('member_count').where('id', '=', groupId).executeTakeFirstOrThrow()).member_count);

  it('adds 1,200 members in one PATCH: one event each, in the order named, duplicates and members already there skipped', async () => {
    const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'batch', members: [{ value: userIds[7] }] })).json().id as string;
    // Named in an order unlike creation order, with a repeat and a member already in.
    const named = [...userIds.slice(0, 1200)].reverse();
    named.splice(600, 0, userIds[5]);
    const before = await lastSeq();
    const res = await t.scim('PATCH', `/Groups/${group}`, patchBody({ op: 'add', path: 'members', value: named.map((value) => ({ value })) }));
    expect(res.statusCode).toBe(204);
    const added = (await eventsAfter(before)).filter((e) => e.type === 'group.member_added');
    const expected = [...new Set(named)].filter((id) => id !== userIds[7]);
    expect(added.map((e) => e.memberId)).toEqual(expected);
    expect(added.every((e) => e.groupId === group)).toBe(true);
    expect(await memberCount(group)).toBe(1200);
    const rows = await sql<{ member_seq: number; seq: number }>`select gm.member_seq, u.seq from group_members gm join users u on u.id = gm.member_user_id where gm.group_id = ${group}`.execute(t.storage.db);
    expect(rows.rows).toHaveLength(1200);
    for (const r of rows.rows) expect(Number(r.member_seq)).toBe(Number(r.seq));

    // Removing 1,100 named ones, 100 of them not members: events only for the 1,000 removed, in order.
    const gone = [...userIds.slice(100, 1100), ...userIds.slice(1200, 1300)].reverse();
    const mid = await lastSeq();
    expect((await t.scim('PATCH', `/Groups/${group}`, patchBody({ op: 'remove', path: 'members', value: gone.map((value) => ({ value })) }))).statusCode).toBe(204);
    const removed = (await eventsAfter(mid)).filter((e) => e.type === 'group.member_removed');
    expect(removed.map((e) => e.memberId)).toEqual(gone.filter((id) => userIds.indexOf(id) < 1200));
    expect(await memberCount(group)).toBe(200);
    const left = (await t.scim('GET', `/Groups/${group}`)).json().members.map((m: { value: string }) => m.value).sort();
    expect(left).toEqual([...userIds.slice(0, 100), ...userIds.slice(1100, 1200)].sort());
  });

  it('refuses a batch naming an unknown member and writes nothing', async () => {
    const group = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'refused' })).json().id as string;
    const before = await lastSeq();
    const res = await t.scim('PATCH', `/Groups/${group}`, patchBody({ op: 'add', path: 'members', value: [...userIds.slice(0, 50), '00000000-0000-4000-8000-000000000000'].map((value) => ({ value })) }));
    expect(res.statusCode).toBe(400);
    expect(await memberCount(group)).toBe(0);
    expect(await eventsAfter(before)).toEqual([]);
  });
});
