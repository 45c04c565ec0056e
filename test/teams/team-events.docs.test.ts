// docs/events.md's "Teams (installation-wide)" section against what the team
// lifecycle really writes: one example per type, with the envelope and
// payload keys of the event the same change writes, on the installation stream.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { INSTALLATION_STREAM } from '../../src/domain/events.js';

type Json = Record<string, unknown>;
const page = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
const examples = new Map([...page.matchAll(/^### `([\w.]+)`\n[\s\S]*?```json\n([\s\S]*?)```/gm)].map((m) => [m[1], JSON.parse(m[2]) as Json]));

function shape(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...shape(v, `${prefix + k}.`)]);
}

describe('docs/events.md: team lifecycle events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('each example has the keys the change writes, on the installation stream', async () => {
    const team = await t.services.teams.create({ slug: 'docs-acme', name: 'Acme Inc', externalId: 'org_8812' });
    await t.services.teamLifecycle.update(team.id, { name: 'Acme Corporation' });
    await t.services.teamLifecycle.update(team.id, { plan: 'team' });
    await t.services.teamLifecycle.delete(team.id, 86_400_000);
    const events = (await t.services.store.events.listAfter(t.services.store.db, INSTALLATION_STREAM, 0, 1000)).filter((e) => e.resourceId === team.id);
    expect(events.map((e) => e.type)).toEqual(['team.created', 'team.updated', 'team.updated', 'plan.changed', 'team.deleted']);
    const byType = { 'team.created': events[0], 'team.updated': events[1], 'plan.changed': events[3], 'team.deleted': events[4] };
    for (const [type, event] of Object.entries(byType)) {
      expect(examples.has(type), type).toBe(true);
      expect(event.teamId).toBe(INSTALLATION_STREAM);
      expect(examples.get(type)?.teamId, type).toBe(INSTALLATION_STREAM);
      expect(shape(examples.get(type)).sort(), type).toEqual(shape(event).sort());
    }
    // Nothing on the team's own feed.
    expect((await t.services.store.events.listAfter(t.services.store.db, team.id, 0, 10)).map((e) => e.type)).toEqual([]);
  });
});
