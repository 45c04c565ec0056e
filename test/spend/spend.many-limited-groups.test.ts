// A team with more limited groups than a statement can bind parameters for
// when each group costs seven (PostgreSQL stops at 65,535: about 9,360
// groups): a group limit change ranks every limited group of the team and
// still computes its members' limits in one statement, the groups going in
// as one JSON parameter.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

const GROUPS = 9_500;

describe.each(DIALECTS)('a group limit change with %s and 9,500 limited groups', (dialect) => {
  let t: SpendTestApp;
  let members: string[];
  let first: string;
  beforeAll(async () => {
    t = await createSpendTestApp(dialect);
    members = [await t.user('grouped'), await t.user('ungrouped')];
    first = await t.group('limited-0', [members[0]]);
    expect((await t.adminApi('PUT', `/group-limits/${first}`, { amount: 7_000 })).statusCode).toBe(200);
    // The other groups (empty, limited) straight into the tables: through the API this would take minutes.
    const now = new Date().toISOString();
    const db = t.storage.db;
    for (let from = 1; from < GROUPS; from += 500) {
      const rows = Array.from({ length: Math.min(500, GROUPS - from) }, (_, k) => `g-${from + k}`);
      await db.insertInto('groups').values(rows.map((id) => ({ id, team_id: t.teamId, display_name: id, display_name_ci: id, external_id: null, member_count: 0, created_at: now, updated_at: now, version: 1, resource: '{}' }))).execute();
      await db.insertInto('spend_group_limits').values(rows.map((id, k) => ({ group_id: id, team_id: t.teamId, amount: 100 + k, updated_at: now, mode: 'hard' }))).execute();
    }
    expect(Number((await sql<{ n: number }>`select count(*) as n from spend_group_limits where team_id = ${t.teamId}`.execute(db)).rows[0].n)).toBe(GROUPS);
  }, 120_000);
  afterAll(async () => t.close());

  it('answers with the members it changed and writes their events', async () => {
    const before = (await t.events('spend.limit_changed')).length;
    const res = await t.adminApi('PUT', `/group-limits/${first}`, { amount: 8_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().affectedMembers).toBe(1);
    const events = (await t.events('spend.limit_changed')).slice(before);
    expect(events.map((e) => [e.resourceId, (e.data as { current: { amount: number } }).current.amount])).toEqual([[members[0], 8_000]]);
    const preview = await t.adminApi('POST', '/preview', { target: 'group', groupId: first, amount: 99 });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().affectedMembers).toBe(1);
  });
});
