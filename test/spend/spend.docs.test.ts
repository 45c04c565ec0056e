// docs/events.md shows each spend event with the envelope and payload keys
// the spend service really writes (test/docs.test.ts walks the SCIM API,
// which cannot cross a spend threshold); docs/spend.md names every route of
// the spend API and every spend error code.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_STATUS } from '../../src/http/api/api-error.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Dotted key paths of the objects in a JSON value (arrays are leaves). */
function shape(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...shape(v, `${prefix + k}.`)]);
}

describe('spend documentation', () => {
  let t: SpendTestApp;
  beforeAll(async () => {
    t = await createSpendTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('shows the keys of each spend event as written', async () => {
    const page = read('docs/events.md');
    const examples = new Map([...page.matchAll(/^### `(spend\.[\w.]+)`\n[\s\S]*?```json\n([\s\S]*?)```/gm)].map((m) => [m[1], JSON.parse(m[2]) as unknown]));
    const ann = await t.user('ann');
    const group = await t.group('Team A', [ann]);
    await t.adminApi('PUT', `/group-limits/${group}`, { amount: 100 });
    await t.adminApi('PUT', '/team-cap', { amount: 100 });
    await t.host('POST', '/usage', { eventId: 'e1', member: { id: ann }, amount: 100, currency: 'USD' });
    await t.adminApi('PUT', '/alerts', { thresholds: [{ percent: 50, notify: ['member'] }] });
    await t.adminApi('PUT', '/default', { amount: 1_000 });
    await t.removeMembers(group, [ann]);
    await t.host('POST', '/usage', { eventId: 'e2', member: { id: ann }, amount: 600, currency: 'USD' });
    const asked = (await t.host('POST', `/members/${ann}/increase-requests`, { amount: 5_000, reason: 'Docs' })).json();
    await t.adminApi('POST', `/increase-requests/${asked.id}/deny`, { note: 'No' });
    const again = (await t.host('POST', `/members/${ann}/increase-requests`, { amount: 9_000, reason: 'Docs' })).json();
    await t.adminApi('POST', `/increase-requests/${again.id}/approve`, { until: '2026-11-30', note: 'Yes' });
    const events = await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000);
    for (const type of ['spend.limit_changed', 'spend.threshold_crossed', 'spend.team_cap_reached', 'spend.threshold_reached', 'spend.increase_requested', 'spend.increase_approved', 'spend.increase_denied']) {
      // An approved request's override adds until/requestId to its source (documented in prose, not in the example).
      const written = events.filter((e) => e.type === type && (e.data as { reason?: string }).reason !== 'override_changed');
      expect(written.length, type).toBeGreaterThan(0);
      expect(shape(examples.get(type)).sort(), type).toEqual([...new Set(written.flatMap((e) => shape(e)))].sort());
    }
  });

  it('lists every spend route and error code in docs/spend.md', () => {
    const page = read('docs/spend.md');
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const path of ['/usage', '/authorize', '/holds/:holdId/capture', '/holds/:holdId/release', '/members/:ref', '/multi-group-members', '/default', '/team-cap', '/settings', '/group-limits/:groupId', '/overrides/:userId', '/preview', '/audit', '/policy']) {
      expect(routes, path).toContain(path.split('/').pop() as string);
      expect(page, path).toContain(`spend${path.replace(/:(\w+)/g, '{$1}')}`);
    }
    for (const code of Object.keys(API_ERROR_STATUS).filter((c) => c.startsWith('spend.'))) {
      expect(page, code).toContain(`\`${code}\``);
      expect(page, code).toMatch(new RegExp(`\`${code.replace('.', '\\.')}\` \\| ${API_ERROR_STATUS[code as keyof typeof API_ERROR_STATUS]} \\|`));
    }
  });
});
