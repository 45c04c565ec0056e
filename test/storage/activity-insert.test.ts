// A batch of activity rows is written whole and in order, whatever its size:
// on PostgreSQL in prepared multi-row parts (100, 64, … 1 rows), on SQLite
// one prepared row at a time.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityStore } from '../../src/storage/activity/activity-store.js';
import type { ActivityEntry, ActivityStore } from '../../src/domain/activity/store.js';
import { DIALECTS, openTestStorage } from '../helpers/test-app.js';
import type { Storage } from '../../src/storage/database.js';

const entry = (teamId: string, n: number): ActivityEntry => ({
  id: `${teamId}-${n}`,
  teamId,
  at: new Date(Date.UTC(2026, 10, 10, 12, 0, n % 60)).toISOString(),
  method: 'GET',
  path: `/Users/${n}`,
  status: n % 7 === 0 ? 404 : 200,
  latencyMs: n / 10,
  idp: 'okta',
  operation: 'read',
  resourceType: 'User',
  resourceId: String(n),
  userName: n % 3 === 0 ? null : `user${n}@example.com`,
  summary: `read ${n}`,
  error: n % 7 === 0 ? 'not found' : null,
  errorType: n % 7 === 0 ? 'not_found' : null,
  authFailure: null,
  probe: null,
  requestBody: n % 2 === 0 ? JSON.stringify({ n }) : null,
  userAgent: 'Okta SCIM Client 1.0.0',
  requestId: `req-${n}`,
});

describe.each(DIALECTS)('activity batch insert (%s)', (dialect) => {
  let storage: Storage;
  let drop: () => Promise<void>;
  let store: ActivityStore;
  beforeAll(async () => {
    ({ storage, drop } = await openTestStorage(dialect));
    store = createActivityStore(storage);
  });
  afterAll(async () => {
    await storage?.close();
    await drop?.();
  });

  it.each([1, 3, 100, 237])('writes a batch of %i rows whole, in order, every field as given', async (size) => {
    const teamId = `team-${size}`;
    const batch = Array.from({ length: size }, (_, n) => entry(teamId, n));
    await store.insert(batch);
    const stored = await store.list(teamId, { limit: 500 });
    // Newest first: seq follows the order of the batch.
    expect(stored.map((r) => r.id)).toEqual(batch.map((r) => r.id).reverse());
    const { seq: _seq, ...first } = stored[stored.length - 1];
    expect(first).toEqual(batch[0]);
    const { seq: _last, ...last } = stored[0];
    expect(last).toEqual(batch[size - 1]);
  });
});
