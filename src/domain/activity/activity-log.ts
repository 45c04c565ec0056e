// The activity log: every SCIM request a team's IdP makes (time, method,
// path, status, latency, detected IdP, what it changed, the error; the body
// without secrets). Recording must not slow the SCIM hot path: `record` only
// appends to a bounded in-memory buffer, and the buffer is written in
// batches, one transaction each, every `flushIntervalMs` or when
// `flushBatch` rows wait. If the database is down, rows wait in the buffer;
// past `bufferMax` the oldest are dropped and counted. A batch the database
// refuses is retried row by row, so one bad row cannot hold back the others
// (activity-sanitize.ts makes rows storable; a row still refused is stored
// stripped and counted in `rejected`).

import type { Clock, Ids } from '../ports.js';
import { DomainError } from '../errors.js';
import { detectIdp, detectProbe } from './idp.js';
import { redactBody } from './redact.js';
import { storableRow } from './sanitize.js';
import { writeRows, type WrittenRows } from './write.js';
import { summarizeRequest } from './summary.js';
import type { ActivityQuery, ActivityEntry, ActivityStore, StoredActivity } from './store.js';

export interface ActivityOptions {
  retentionMs: number;
  bufferMax: number;
  flushIntervalMs: number;
  flushBatch: number;
}

/** What the SCIM plugin hands over for one answered request (cheap to build). */
export interface ScimRequestRecord {
  teamId: string;
  /** When the request arrived; by default now minus its latency. */
  at?: string;
  method: string;
  /** The request URL as received, e.g. `/scim/v2/<team>/Users?filter=…`. */
  url: string;
  status: number;
  latencyMs: number;
  userAgent?: string;
  body?: unknown;
  /** The error answer's JSON text (status >= 400). */
  errorBody?: string;
  location?: string;
  requestId?: string;
  /** For a 401: SHA-256 of the bearer token presented, or null when none was. */
  tokenHash?: string | null;
  /** For a 401 whose cause the caller knows (the OAuth token endpoint: `oauth_client`); else derived from `tokenHash`. */
  authFailure?: string;
}

export interface ActivityStats {
  buffered: number;
  dropped: number;
  written: number;
  flushFailures: number;
  /** Rows the database refused as received, stored stripped of their details. */
  rejected: number;
}

const STATUS_TYPES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'uniqueness',
  412: 'precondition_failed',
  413: 'too_large',
  429: 'throttled',
};

function errorOf(status: number, errorBody: string | undefined): { error: string | null; errorType: string | null } {
  if (status < 400) return { error: null, errorType: null };
  let detail: string | null = null;
  let scimType: string | null = null;
  try {
    const parsed = JSON.parse(errorBody ?? '') as { detail?: unknown; scimType?: unknown; error?: { message?: unknown } };
    detail = typeof parsed.detail === 'string' ? parsed.detail : typeof parsed.error?.message === 'string' ? parsed.error.message : null;
    scimType = typeof parsed.scimType === 'string' ? parsed.scimType : null;
  } catch {
    detail = errorBody ? errorBody.slice(0, 500) : null;
  }
  const errorType = scimType ?? STATUS_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
  return { error: (detail ?? `HTTP ${status}`).slice(0, 2000), errorType };
}

export function activityView(r: StoredActivity, withBody = false) {
  return {
    id: r.id,
    seq: r.seq,
    at: r.at,
    method: r.method,
    path: r.path,
    status: r.status,
    latencyMs: r.latencyMs,
    idp: r.idp,
    operation: r.operation,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    userName: r.userName,
    summary: r.summary,
    error: r.error,
    errorType: r.errorType,
    authFailure: r.authFailure,
    connectionTest: r.probe,
    userAgent: r.userAgent,
    requestId: r.requestId,
    ...(withBody ? { requestBody: r.requestBody ? (JSON.parse(r.requestBody) as unknown) : null } : {}),
  };
}

export type ActivityView = ReturnType<typeof activityView>;

export function createActivityLog(deps: { store: ActivityStore; clock: Clock; ids: Ids; options: ActivityOptions; onWritten?: (teamIds: string[]) => void; onError?: (error: unknown) => void }) {
  const { store, clock, ids, options } = deps;
  let buffer: ScimRequestRecord[] = [];
  const stats: ActivityStats = { buffered: 0, dropped: 0, written: 0, flushFailures: 0, rejected: 0 };
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let closed = false;

  function schedule(delayMs: number): void {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
    timer.unref();
  }

  function keepWithinBound(): void {
    const over = buffer.length - options.bufferMax;
    if (over > 0) {
      buffer = buffer.slice(over);
      stats.dropped += over;
    }
  }

  /** One row per record, undefined for a record that is not kept. */
  async function toRows(batch: ScimRequestRecord[]): Promise<(ActivityEntry | undefined)[]> {
    const refused = batch.filter((r) => r.status === 401);
    const teams = refused.length ? await store.existingTeams([...new Set(refused.map((r) => r.teamId))]) : new Set<string>();
    const hashes = [...new Set(refused.map((r) => r.tokenHash).filter((h): h is string => typeof h === 'string'))];
    const tokens = hashes.length ? await store.tokenStates(hashes) : new Map();
    const now = clock.now();
    const rows: (ActivityEntry | undefined)[] = [];
    for (const r of batch) {
      // A 401 names its team only by URL: keep it only if that team exists.
      if (r.status === 401 && !teams.has(r.teamId)) {
        rows.push(undefined);
        continue;
      }
      const base = `/scim/v2/${r.teamId}`;
      const relative = r.url.startsWith(base) ? r.url.slice(base.length) || '/' : r.url;
      const [path, search = ''] = relative.split('?', 2);
      const query = new URLSearchParams(search);
      const facts = summarizeRequest({ method: r.method, path, query, status: r.status, body: r.body, location: r.location });
      const { error, errorType } = errorOf(r.status, r.errorBody);
      let authFailure: string | null = null;
      if (r.status === 401) {
        const token = r.tokenHash ? tokens.get(r.tokenHash) : undefined;
        authFailure = r.authFailure ? r.authFailure
          : !r.tokenHash ? 'missing'
          : !token ? 'unknown'
          : token.teamId !== r.teamId ? 'other_team'
          : token.revokedAt ? 'revoked'
          : token.expiresAt && new Date(token.expiresAt) <= now ? 'expired'
          : 'unknown';
      }
      rows.push(storableRow({
        id: ids.uuid(),
        teamId: r.teamId,
        at: r.at as string,
        method: r.method,
        path: relative.slice(0, 2000),
        status: r.status,
        latencyMs: Math.round(r.latencyMs * 100) / 100,
        idp: detectIdp(r.userAgent, r.body),
        operation: facts.operation,
        resourceType: facts.resourceType,
        resourceId: facts.resourceId,
        userName: facts.userName,
        summary: facts.summary.slice(0, 1000),
        error,
        errorType: errorType,
        authFailure: authFailure,
        probe: detectProbe(r.method, path, query),
        requestBody: redactBody(r.body),
        userAgent: r.userAgent?.slice(0, 300) ?? null,
        requestId: r.requestId ?? null,
      }));
    }
    return rows;
  }

  async function writeBatch(batch: ScimRequestRecord[]): Promise<WrittenRows> {
    const written = await writeRows(store, await toRows(batch));
    stats.rejected += written.rejected;
    return written;
  }

  async function flushOnce(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, options.flushBatch);
      let written: WrittenRows;
      try {
        written = await writeBatch(batch);
      } catch (failure) {
        written = { rows: [], consumed: 0, rejected: 0, failure };
      }
      buffer = buffer.slice(written.consumed);
      stats.written += written.rows.length;
      if (written.rows.length) deps.onWritten?.([...new Set(written.rows.map((r) => r.teamId))]);
      if (written.failure !== undefined) {
        stats.flushFailures++;
        deps.onError?.(written.failure);
        keepWithinBound();
        // The database is away: try again later, with the rows still buffered.
        schedule(Math.max(options.flushIntervalMs, 1000));
        return;
      }
    }
  }

  /** Writes what is buffered now (tests and shutdown call it). */
  function flush(): Promise<void> {
    if (flushing) return flushing.then(() => (buffer.length ? flush() : undefined));
    flushing = flushOnce().finally(() => {
      flushing = undefined;
      stats.buffered = buffer.length;
    });
    return flushing;
  }

  return {
    /** O(1) on the request path: append and maybe arm the timer. */
    record(entry: ScimRequestRecord): void {
      if (closed) return;
      buffer.push(entry.at ? entry : { ...entry, at: new Date(clock.now().getTime() - entry.latencyMs).toISOString() });
      keepWithinBound();
      stats.buffered = buffer.length;
      if (buffer.length >= options.flushBatch && !flushing) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        void flush();
      } else schedule(options.flushIntervalMs);
    },
    flush,
    stats: (): ActivityStats => ({ ...stats, buffered: buffer.length }),

    /** Flushes and stops the timer (the process is shutting down). */
    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
      closed = true;
    },

    async list(teamId: string, query: ActivityQuery) {
      const limit = Math.min(Math.max(query.limit, 1), 200);
      const rows = await store.list(teamId, { ...query, limit: limit + 1 });
      return { items: rows.slice(0, limit).map((r) => activityView(r)), nextBefore: rows.length > limit ? rows[limit - 1].seq : null };
    },

    async get(teamId: string, id: string) {
      const row = await store.find(teamId, id);
      if (!row) throw new DomainError('activity.not_found', `no activity entry "${id}"`);
      return activityView(row, true);
    },

    /** Entries after `afterSeq`, oldest first (the live tail). */
    after: async (teamId: string, afterSeq: number, limit: number) => (await store.after(teamId, afterSeq, limit)).map((r) => activityView(r)),
    endSeq: (teamId: string) => store.lastSeq(teamId),

    /** Deletes entries older than the retention period; returns how many. */
    async purge(): Promise<number> {
      const before = new Date(clock.now().getTime() - options.retentionMs).toISOString();
      let total = 0;
      for (;;) {
        const n = await store.purge(before, 5000);
        total += n;
        if (n < 5000) return total;
      }
    },
  };
}

export type ActivityLog = ReturnType<typeof createActivityLog>;
