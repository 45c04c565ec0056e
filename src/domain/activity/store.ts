// The persistence port of the activity log (storage/activity/activity-store.ts).

export interface ActivityEntry {
  id: string;
  teamId: string;
  at: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  idp: string;
  operation: string;
  resourceType: string | null;
  resourceId: string | null;
  userName: string | null;
  summary: string;
  error: string | null;
  errorType: string | null;
  authFailure: string | null;
  probe: string | null;
  requestBody: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface StoredActivity extends ActivityEntry {
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
  insert(rows: ActivityEntry[]): Promise<void>;
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
