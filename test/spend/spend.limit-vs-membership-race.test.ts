// Directory writes racing a change of a group's limit, on PostgreSQL (READ
// COMMITTED, where the race exists; SQLite has one writer). A directory
// write must read the policy only once it holds the team's events lock, as
// admin limit changes do: otherwise the limit_changed events it writes start
// from a limit that is no longer in force. The test holds that lock from its
// own connection, waits until the write is queued behind it, changes the
// limit and lets go: deterministic, no sleeps.

import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL } from '../helpers/test-app.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

type Limit = { amount: number | null; mode: string };

describe.runIf(DIALECTS.includes('postgres'))('limit change racing a membership change (postgres)', () => {
  let t: SpendTestApp;
  let other: pg.Client;
  let schema: string;

  beforeAll(async () => {
    t = await createSpendTestApp('postgres');
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.storage.db)).rows[0].s;
    other = new pg.Client({ connectionString: POSTGRES_URL });
    await other.connect();
    await other.query(`set search_path to "${schema}"`);
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  /** Runs `write` while this test holds the team's events lock, and changes the group's limit before letting go. */
  async function racing(group: string, amount: number, write: () => Promise<unknown>) {
    await other.query('begin');
    await other.query('select last_seq from event_streams where team_id = $1 for update', [t.teamId]);
    const pending = write();
    // Until the write's transaction waits on our lock (bounded: 20 s).
    for (let i = 0; ; i++) {
      const waiting = await other.query(`select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where not l.granted and c.relname = 'event_streams' and c.relnamespace = $1::regnamespace`, [schema]);
      const blocked = await other.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid() and datname = current_database()`);
      if (waiting.rows[0].n > 0 || blocked.rows[0].n > 0) break;
      if (i > 400) throw new Error('the write never waited on the events lock');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await other.query('update spend_group_limits set amount = $2 where group_id = $1', [group, amount]);
    await other.query('commit');
    await pending;
  }

  const limitEvents = async (member: string) =>
    (await t.events('spend.limit_changed')).filter((e) => e.resourceId === member).map((e) => e.data as { previous: Limit; current: Limit; reason: string });

  it('a member added to the group gets the limit in force after both commit', async () => {
    const member = await t.user('racer');
    const group = await t.group('Racing');
    expect((await t.adminApi('PUT', '/default', { amount: 1_000 })).statusCode).toBe(200);
    expect((await t.adminApi('PUT', `/group-limits/${group}`, { amount: 5_000 })).statusCode).toBe(200);
    await racing(group, 9_000, () => t.addMembers(group, [member]));
    const mine = await limitEvents(member);
    expect(mine.at(-1)?.reason).toBe('member_added_to_group');
    expect(mine.at(-1)?.current.amount).toBe(9_000);
  });

  it("a deleted group's members lose the limit in force, not the one read before the change", async () => {
    const member = await t.user('leaver');
    const group = await t.group('Leaving', [member]);
    expect((await t.adminApi('PUT', `/group-limits/${group}`, { amount: 6_000 })).statusCode).toBe(200);
    await racing(group, 8_000, () => t.services.groups.delete(t.teamId, group));
    const mine = await limitEvents(member);
    expect(mine.at(-1)?.reason).toBe('group_deleted');
    expect(mine.at(-1)?.previous.amount).toBe(8_000);
  });
});
