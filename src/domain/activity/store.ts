// The persistence port of the activity log (storage/activity/activity-store.ts).

export interface ActivityRow {
  id: string;
  team_id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  idp: string;
  operation: string;
  resource_type: string | null;
  resource_id: string | null;
  user_name: string | null;
  summary: string;
  error: string | null;
  error_type: string | null;
  auth_failure: string | null;
  probe: string | null;
  request_body: string | null;
  user_agent: string | null;
  request_id: string | null;
}

export interface StoredActivity extends ActivityRow {
  /** Grows in commit order (writes are serialised), so the live tail can follow it. */
  seq: number;
}

/** Status: an exact code, a class (`2xx`, `4xx`, `5xx`), `error` (>= 400) or `success` (< 400). */
export interface ActivityQuery {
  status?: { min: number; max: number };
  resource?: string;
  /** A user id or userName. */
  user?: string;
  since?: string;
  until?: string;
  /** Entries with a smaller seq (the next page, newest first). */
  before?: number;
  limit: number;
}

export interface ActivityCounts {
  total: number;
  failures: number;
  byResource: Record<string, number>;
  byIdp: Record<string, number>;
  firstAt: string | null;
  lastAt: string | null;
  lastSuccessAt: string | null;
}

export interface ActivityStore {
  /** One transaction per batch. */
  insert(rows: ActivityRow[]): Promise<void>;
  existingTeams(ids: string[]): Promise<Set<string>>;
  tokenStates(hashes: string[]): Promise<Map<string, { teamId: string; revokedAt: string | null; expiresAt: string | null }>>;
  list(teamId: string, query: ActivityQuery): Promise<StoredActivity[]>;
  after(teamId: string, afterSeq: number, limit: number): Promise<StoredActivity[]>;
  lastSeq(teamId: string): Promise<number>;
  find(teamId: string, id: string): Promise<StoredActivity | undefined>;
  purge(before: string, limit: number): Promise<number>;
  /** Aggregates since a time, for diagnostics. */
  counts(teamId: string, since: string): Promise<ActivityCounts>;
  /** Newest first: failed requests, or connection tests, since a time. */
  failures(teamId: string, since: string, limit: number): Promise<StoredActivity[]>;
  probes(teamId: string, since: string, limit: number): Promise<StoredActivity[]>;
}
