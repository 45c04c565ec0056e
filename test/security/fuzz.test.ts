// Hostile input never produces a 5xx, never changes state when refused, and
// never changes the directory without an event (issue 10). Thousands of
// generated requests (fuzz-requests.ts, seeded: a failure names its seed and
// index, and replays) against the SCIM surface, the host API with an API key
// and the admin API with a session and CSRF token, on SQLite and PostgreSQL.
// Count-bounded; ROLLCALL_FUZZ_REQUESTS and ROLLCALL_FUZZ_SEED change the run.

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { createRng } from './fuzz-generator.js';
import { nextRequest, type FuzzContext } from './fuzz-requests.js';

const REQUESTS = Number(process.env.ROLLCALL_FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.ROLLCALL_FUZZ_SEED ?? 20261201);

/** Tables whose rows are the team's observable state (activity_log and sessions change on every request by design). */
const STATE_TABLES = [
  'teams', 'scim_tokens', 'users', 'user_emails', 'groups', 'group_members', 'spend_settings', 'spend_group_limits', 'spend_overrides',
  'spend_members', 'spend_totals', 'spend_team_totals', 'spend_ledger', 'spend_holds', 'spend_audit', 'webhook_endpoints', 'sso_connections',
] as const;
/**
 * Of those, the ones no change may reach without an event (docs/events.md:
 * directory changes and tokens). Spend policy emits `spend.limit_changed` only
 * for members whose effective limit moved, and records every change in
 * spend_audit instead.
 */
const EVENTED_TABLES = new Set(['users', 'user_emails', 'groups', 'group_members', 'scim_tokens']);
/** Columns that change on reads (token use is recorded at most once a minute). */
const VOLATILE_COLUMNS = new Set(['last_used_at']);

interface Snapshot {
  tables: Map<string, string>;
  events: number;
}

/** PostgreSQL: every table's digest in one round trip (a query per table made the run several times slower). */
async function postgresSnapshot(t: TestApp): Promise<Snapshot> {
  const digest = (table: string) => {
    const row = `(to_jsonb(x) - ${[...VOLATILE_COLUMNS].map((c) => `'${c}'`).join(' - ')})::text`;
    return `(select md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) from ${table} x) as ${table}`;
  };
  const text = `select ${STATE_TABLES.map(digest).join(', ')}, (select count(*) from events) as events_count`;
  const { rows } = await sql.raw<Record<string, string>>(text).execute(t.storage.db);
  const tables = new Map<string, string>(STATE_TABLES.map((table) => [table, rows[0][table]]));
  return { tables, events: Number(rows[0].events_count) };
}

async function snapshot(t: TestApp): Promise<Snapshot> {
  if (t.storage.dialect === 'postgres') return postgresSnapshot(t);
  const tables = new Map<string, string>();
  for (const table of STATE_TABLES) {
    const rows = (await t.storage.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !VOLATILE_COLUMNS.has(k)).map(([k, v]) => [k, String(v)]))).sort();
    tables.set(table, createHash('sha256').update(lines.join('\n')).digest('hex'));
  }
  const events = await t.storage.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { tables, events: Number(events.n) };
}

const changedTables = (a: Snapshot, b: Snapshot) => [...a.tables.keys()].filter((k) => a.tables.get(k) !== b.tables.get(k));

describe.each(DIALECTS)('fuzz: hostile requests on %s', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  let apiKey: string;
  const ctx: FuzzContext = { teamId: '', userIds: [], groupIds: [], serial: (() => { let n = 0; return () => ++n; })() };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ctx.teamId = t.teamId;
    admin = await signInAdmin(t, 'fuzz-owner@example.com', 'owner');
    apiKey = (await t.services.apiKeys.create({ teamId: t.teamId, label: 'fuzz' })).secret;
    for (let i = 0; i < 4; i++) {
      const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `seed-${i}@example.com`, externalId: `ext-${i}` });
      ctx.userIds.push(res.json().id);
    }
    const group = await t.scim('POST', '/Groups', { displayName: 'Seed group', members: ctx.userIds.slice(0, 2).map((value) => ({ value })) });
    ctx.groupIds.push(group.json().id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`answers ${REQUESTS} generated requests without a 5xx, a change on refusal, or a change without its event`, { timeout: 600_000 }, async () => {
    const rng = createRng(SEED);
    const failures: string[] = [];
    let before = await snapshot(t);
    let successes = 0;
    for (let i = 0; i < REQUESTS && failures.length < 20; i++) {
      const req = nextRequest(rng, ctx);
      const auth: Record<string, string> =
        req.surface === 'scim' ? { authorization: `Bearer ${t.token}` }
        : req.surface === 'host' ? { authorization: `Bearer ${apiKey}` }
        : { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
      const headers = { ...auth, ...req.headers, ...(req.payload !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}) };
      const res = await t.app.inject({ method: req.method, url: req.url, headers, payload: req.payload });
      const what = `#${i} (seed ${SEED}) ${req.method} ${req.url.slice(0, 200)} ${req.payload?.slice(0, 200) ?? ''} → ${res.statusCode} ${res.body.slice(0, 300)}`;
      // 501 is /Me's documented answer (RFC 7644 §3.11), not a failure.
      const notImplemented = res.statusCode === 501 && /\/Me(?:[/?]|$)/.test(req.url);
      if (res.statusCode >= 500 && !notImplemented) failures.push(what);
      if (res.statusCode < 400) successes++;
      if (res.statusCode === 201 && req.surface === 'scim') {
        const id = (res.json() as { id?: string }).id;
        if (id) (req.url.includes('/Groups') ? ctx.groupIds : ctx.userIds).push(id);
      }
      if (req.method === 'GET') continue;
      const after = await snapshot(t);
      const changed = changedTables(before, after);
      if (res.statusCode >= 400 && (changed.length > 0 || after.events !== before.events)) failures.push(`refused but changed ${changed.join(', ')} / events ${before.events}→${after.events}: ${what}`);
      if (res.statusCode < 400 && changed.some((k) => EVENTED_TABLES.has(k)) && after.events <= before.events) failures.push(`changed ${changed.join(', ')} without an event: ${what}`);
      before = after;
    }
    expect(failures).toEqual([]);
    // Some requests must get through, or the run tested only the front door.
    expect(successes).toBeGreaterThan(REQUESTS / 20);
    // Everything recorded (hostile text included) reached the activity log.
    await t.services.realtime.activity.flush();
    expect(t.services.realtime.activity.stats()).toMatchObject({ buffered: 0, flushFailures: 0 });
  });
});
