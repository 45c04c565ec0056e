// Deep pages of an unfiltered list in the default order, which is how IdPs
// import a directory (startIndex 1, 101, 201, … or straight to the middle).
// OFFSET walks every row before the page, so page 250 of a 50k-user team
// would cost far more than page 1. Instead this remembers, per team, the seq
// of every 1,000th row ("anchors"): a page starts from the nearest anchor and
// skips fewer than 1,000 index entries, whatever its depth.
//
// Anchors are only valid for the set of rows they were computed on. That set
// is identified by (row count, newest seq): an insert raises the newest seq,
// a delete lowers the count, and any mix of both changes at least one of
// them, so stale anchors are never used, even with several instances.

import type { Executor } from '../executor.js';
import { preparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';

export const ANCHOR_SPACING = 1000;
const MAX_TEAMS = 1000;

export interface Snapshot {
  count: number;
  version: string;
}

export function createRankAnchors(dialect: SqlDialect, table: 'users' | 'groups', counter: 'user_count' | 'group_count') {
  const cache = new Map<string, { version: string; seqs: Map<number, number> }>();
  const snapshotQuery = preparedQuery<{ n: number | null; m: number | null }>(
    dialect,
    `${table}_snapshot`,
    (param) => `select (select ${counter} from teams where id = ${param()}) as n, (select max(seq) from ${table} where team_id = ${param()}) as m`,
  );
  const fromStart = preparedQuery<{ seq: number }>(
    dialect,
    `${table}_rank_from_start`,
    (param) => `select seq from ${table} where team_id = ${param()} order by seq limit 1 offset ${param()}`,
  );
  const fromAnchor = preparedQuery<{ seq: number }>(
    dialect,
    `${table}_rank_from_anchor`,
    (param) => `select seq from ${table} where team_id = ${param()} and seq >= ${param()} order by seq limit 1 offset ${param()}`,
  );

  return {
    async snapshot(db: Executor, teamId: string): Promise<Snapshot> {
      const [row] = await snapshotQuery(db, [teamId, teamId]);
      return { count: Number(row?.n ?? 0), version: `${row?.n ?? 0}:${row?.m ?? 0}` };
    },

    /** The seq of the row at rank `k * ANCHOR_SPACING` (0-based), or undefined past the end. */
    async anchor(db: Executor, teamId: string, k: number, snapshot: Snapshot): Promise<number | undefined> {
      let entry = cache.get(teamId);
      if (!entry || entry.version !== snapshot.version) {
        entry = { version: snapshot.version, seqs: new Map() };
        if (cache.size >= MAX_TEAMS) cache.delete(cache.keys().next().value as string);
      }
      cache.delete(teamId);
      cache.set(teamId, entry);
      const known = entry.seqs.get(k);
      if (known !== undefined) return known;
      // Walk from the nearest anchor below, so filling anchors in page order
      // costs one spacing each.
      let base: number | undefined;
      for (let j = k - 1; j >= 0 && base === undefined; j--) if (entry.seqs.has(j)) base = j;
      const [row] = base === undefined
        ? await fromStart(db, [teamId, k * ANCHOR_SPACING])
        : await fromAnchor(db, [teamId, entry.seqs.get(base), (k - base) * ANCHOR_SPACING]);
      if (row) entry.seqs.set(k, Number(row.seq));
      return row ? Number(row.seq) : undefined;
    },
  };
}

export type RankAnchors = ReturnType<typeof createRankAnchors>;
