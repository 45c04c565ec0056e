// Spend authorization on the host product's hot path (issue 5): its server
// CPU per request beside the fixed-response baseline, on a team of the
// large size with a ledger of `LEDGER_ROWS_PER_LOOKUP_USER × lookupTeam` rows
// (a million at full size). Members sit in one or two of five groups, four
// with a limit, and have a year of usage, so authorization has real work to
// do; its cost must not grow with the team or the ledger.
//
// `seedSpend` runs in the Rollcall server process (ipc command `seedSpend`);
// `authorizePhases` runs in the driver, interleaved with its own baseline.

import http from 'node:http';
import { sql } from 'kysely';
import type { Services } from '../src/services.js';
import type { Storage } from '../src/storage/database.js';
import { periodAt } from '../src/domain/spend/period.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { createPhase, interleave, type DbCpu, type PhaseResult } from './measure.js';
import type { BenchTeam, ServerProcess } from './ipc.js';
import type { Sizes } from './options.js';

export const LEDGER_ROWS_PER_LOOKUP_USER = 100;
/** Members whose spend is seeded and who are authorized in the phases. */
const SPEND_MEMBERS = 10_000;
const TARGETS = 1_000;
const ROUNDS = 5;
const DAY_MS = 86_400_000;
const SPEND_TABLES = ['spend_ledger', 'spend_totals', 'spend_team_totals', 'spend_group_limits', 'spend_members', 'group_members', 'events'];

export interface SpendSeed {
  apiKey: string;
  targets: string[];
}

/** Server side: groups with limits, a team default, the ledger and its totals, an API key. */
export async function seedSpend(services: Services, storage: Storage, teamId: string, ledgerRows: number): Promise<SpendSeed> {
  const db = storage.db;
  const members = (await db.selectFrom('users').select('id').where('team_id', '=', teamId).orderBy('seq').limit(SPEND_MEMBERS).execute()).map((r) => r.id);
  const actor = { kind: 'admin' as const, accountId: null, email: 'bench@example.com' };
  const groups: string[] = [];
  for (let g = 0; g < 5; g++) groups.push((await services.groups.create(teamId, { displayName: `spend-${g}` })).group.id);
  const now = new Date().toISOString();
  for (let g = 0; g < 5; g++) {
    const part = members.filter((_, i) => i % 5 === g || (i * 7) % 5 === (g + 1) % 5);
    for (let i = 0; i < part.length; i += 1000) {
      await services.store.transaction((tx) => services.store.members.add(tx, teamId, groups[g], part.slice(i, i + 1000).map((value) => ({ value, type: 'User' as const })), now));
    }
  }
  for (let g = 0; g < 4; g++) await services.spend.policy.setGroupLimit(teamId, actor, groups[g], { amount: 20_000 + g * 10_000 });
  await services.spend.policy.setDefault(teamId, actor, { amount: 10_000 });

  // A year of usage; each row stamped with its monthly period, as recording would.
  const start = Date.now() - 365 * DAY_MS;
  const batch = 500;
  for (let done = 0; done < ledgerRows; ) {
    await db.transaction().execute(async (tx) => {
      for (let end = Math.min(ledgerRows, done + 20_000); done < end; done += batch) {
        const rows = Array.from({ length: Math.min(batch, end - done) }, (_, k) => {
          const n = done + k;
          const at = new Date(start + ((n * 7919) % (365 * DAY_MS / 1000)) * 1000);
          return {
            id: `seed-${n}`,
            team_id: teamId,
            user_id: members[n % members.length],
            event_id: `seed-${n}`,
            kind: 'usage',
            amount: 1 + (n % 40),
            currency: 'USD',
            occurred_at: at.toISOString(),
            recorded_at: at.toISOString(),
            period_start: periodAt({ kind: 'monthly', anchor: 1 }, at).start,
            metadata: null,
            reverses_id: null,
            hold_id: null,
            request_hash: 'seed',
            refunded: 0,
          };
        });
        await tx.insertInto('spend_ledger').values(rows).execute();
      }
    });
  }
  await sql`insert into spend_totals (user_id, period_start, team_id, spent, held, notified)
    select user_id, period_start, team_id, sum(amount), 0, 0 from spend_ledger where team_id = ${teamId} group by user_id, period_start, team_id`.execute(db);
  await sql`insert into spend_team_totals (team_id, period_start, spent, held, notified)
    select team_id, period_start, sum(amount), 0, 0 from spend_ledger where team_id = ${teamId} group by team_id, period_start`.execute(db);
  if (storage.dialect === 'postgres') for (const table of SPEND_TABLES) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  (globalThis as { gc?: () => void }).gc?.();

  const { secret } = await services.apiKeys.create({ teamId, label: 'bench' });
  return { apiKey: secret, targets: members.filter((_, i) => i % Math.max(1, Math.floor(members.length / TARGETS)) === 0).slice(0, TARGETS) };
}

/** Like http-client's, but JSON as the host API takes it (application/json, not SCIM's media type). */
function createJsonClient(port: number, headers: Record<string, string>): Pick<HttpClient, 'expect' | 'close'> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    expect: <T>(expected: number, method: string, path: string, body?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const request = http.request(
          { host: '127.0.0.1', port, method, path, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (response.statusCode !== expected) reject(new Error(`${method} ${path} answered ${response.statusCode}, expected ${expected}: ${text.slice(0, 500)}`));
              else resolve((text ? JSON.parse(text) : undefined) as T);
            });
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(payload);
      }),
    close: () => agent.destroy(),
  };
}

export interface AuthorizeContext {
  sizes: Sizes;
  rollcall: ServerProcess;
  baseline: ServerProcess;
  team: { name: BenchTeam; teamId: string };
  dbCpu?: DbCpu;
  log: (line: string) => void;
}

/** Driver side: seeds, then measures authorize (plain and with a hold) and usage beside the baseline. */
export async function authorizePhases(ctx: AuthorizeContext): Promise<PhaseResult[]> {
  const ledgerRows = ctx.sizes.lookupTeam * LEDGER_ROWS_PER_LOOKUP_USER;
  ctx.log(`seeding spend: groups with limits, a default, ${ledgerRows.toLocaleString('en-US')} ledger rows over a year`);
  const seed = await ctx.rollcall.call<SpendSeed>({ cmd: 'seedSpend', team: ctx.team.name, ledgerRows });
  const headers = { authorization: `Bearer ${seed.apiKey}` };
  const host = createJsonClient(ctx.rollcall.ready.port, headers);
  const yardstick = createHttpClient(ctx.baseline.ready.port, headers);
  const base = `/api/v1/teams/${ctx.team.teamId}/spend`;
  const target = (i: number) => ({ id: seed.targets[((i % seed.targets.length) + seed.targets.length) % seed.targets.length] });
  const requests = ctx.sizes.lookupRequests;
  const at = `${ledgerRows.toLocaleString('en-US')} ledger rows`;
  let event = 0;
  try {
    return await interleave(
      [
        createPhase(ctx.baseline, 'baseline', { id: 'baseline-spend', label: 'fixed-response GET (baseline, spend)', requests, warmup: 300 }, () => yardstick.expect(200, 'GET', `${base}/authorize`)),
        createPhase(ctx.rollcall, 'rollcall', { id: 'spend-authorize', label: 'POST /spend/authorize', at, requests, warmup: 200 }, (i) =>
          host.expect(200, 'POST', `${base}/authorize`, { member: target(i), amount: 100, currency: 'USD' }), ctx.dbCpu),
        createPhase(ctx.rollcall, 'rollcall', { id: 'spend-authorize-hold', label: 'POST /spend/authorize with hold', at, requests, warmup: 100 }, (i) =>
          host.expect(201, 'POST', `${base}/authorize`, { member: target(i + 7), amount: 1, currency: 'USD', hold: true, holdTtlSeconds: 3600 }), ctx.dbCpu),
        createPhase(ctx.rollcall, 'rollcall', { id: 'spend-usage', label: 'POST /spend/usage', at, requests, warmup: 100 }, (i) =>
          host.expect(201, 'POST', `${base}/usage`, { eventId: `bench-${event++}`, member: target(i + 13), amount: 1, currency: 'USD' }), ctx.dbCpu),
      ],
      ROUNDS,
      () => requests,
    );
  } finally {
    host.close();
    yardstick.close();
  }
}
