// Migration 0018 on a database with events: the (team_id, seq) index goes,
// the rows stay, and the feed's read (team_id, team_seq > n order by
// team_seq) and a team's deletion still go by the (team_id, team_seq) index.

import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrations/index.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import { migrateBefore } from '../helpers/migrate-before.js';
import { createEventsRepository } from '../../src/storage/realtime/events-repository.js';
import type { Executor } from '../../src/storage/executor.js';

const MINE = '0018-events-write-indexes';
const AT = '2026-01-01T00:00:00.000Z';

async function indexNames(db: Kysely<unknown>, dialect: string): Promise<string[]> {
  const rows = dialect === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'events'`.execute(db)
    : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'events' and schemaname = current_schema()`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function plan(db: Kysely<unknown>, dialect: string, query: string): Promise<string> {
  if (dialect === 'sqlite') {
    const rows = await sql<{ detail: string }>`${sql.raw(`explain query plan ${query}`)}`.execute(db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
  // A few rows: the planner would read the table whatever its indexes.
  await sql`set enable_seqscan = off`.execute(db);
  const rows = await sql<{ 'QUERY PLAN': string }>`${sql.raw(`explain ${query}`)}`.execute(db);
  await sql`reset enable_seqscan`.execute(db);
  return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe.each(DIALECTS)('migration 0018 on stored events (%s)', (dialect) => {
  it('drops events_team_seq, keeps every event, and the feed reads by (team_id, team_seq)', async () => {
    const { storage, drop } = await openTestStorage(dialect, { migrate: false });
    const db = storage.db as unknown as Kysely<unknown>;
    try {
      await migrateBefore(storage, MINE, AT);
      for (let n = 1; n <= 30; n++) {
        const team = n % 2 ? 't1' : 't2';
        await sql`insert into events (id, team_id, team_seq, type, occurred_at, resource_type, resource_id, data)
                  values (${`e${n}`}, ${team}, ${Math.ceil(n / 2)}, 'user.created', ${AT}, 'User', ${`u${n}`}, '{}')`.execute(db);
      }
      expect(await indexNames(db, dialect)).toContain('events_team_seq');

      expect(await migrate(db, storage.sqlDialect)).toContain(MINE);

      const names = await indexNames(db, dialect);
      expect(names).not.toContain('events_team_seq');
      expect(names).toContain('events_team_team_seq');
      const events = createEventsRepository(storage.sqlDialect);
      const t1 = await events.listAfter(storage.db as Executor, 't1', 3, 100);
      expect(t1.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 4));
      expect(t1.map((e) => e.id)).toEqual(Array.from({ length: 12 }, (_, i) => `e${2 * (i + 4) - 1}`));

      expect(await plan(db, dialect, `select * from events where team_id = 't1' and team_seq > 3 order by team_seq limit 100`)).toMatch(/events_team_team_seq/);
      expect(await plan(db, dialect, `delete from events where team_id = 't1'`)).toMatch(/events_team_team_seq/);
    } finally {
      await storage.close();
      await drop();
    }
  });
});
