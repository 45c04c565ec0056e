// Issue 12: with no projection touching members the streamed GET writes each
// member's JSON directly (render.ts memberJsonWriter) instead of
// JSON.stringify of projected objects. Whatever the display names hold, as
// sent by the IdP or taken from the user or nested group, the body must be
// the bytes of the in-memory path on both databases, under every projection.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, GROUP_SCHEMA, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { renderGroup } from '../../src/http/scim/render.js';
import { project } from '../../src/scim/project.js';
import { parseProjection } from '../../src/http/scim/list-query.js';

// No NUL (PostgreSQL text cannot hold it) and no lone surrogate (neither database stores one as sent).
const HOSTILE = [
  'quote " and \\ backslash \\" both',
  'controls \u0001\b\f\n\r\t\u000b\u001f\u007f end',
  'line separators \u2028 and \u2029',
  'ünïcödé ✓ 名前 עברית 👩‍👩‍👧 \u{1F600}',
  '</script><script>alert(1)</script>',
  '{"value":"forged","type":"Group"}',
  ' ',
];

describe.each(DIALECTS)('Streamed GET with hostile display names (%s)', (dialect) => {
  let t: TestApp;
  let big: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { services: { memberStreaming: { above: 3, batch: 4 } } });
    const users: string[] = [];
    for (const [i, displayName] of HOSTILE.entries()) {
      users.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `hostile${i}@example.com`, displayName })).json().id);
    }
    // A user without displayName shows its userName; one with a quote in it.
    users.push((await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'o"neil\\@example.com' })).json().id);
    const nested = (await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'nested "group" \u2028 ü' })).json().id as string;
    const members = [
      ...users.map((value, i) => (i % 2 === 0 || i >= HOSTILE.length ? { value } : { value, display: `sent ${HOSTILE[(i + 3) % HOSTILE.length]}` })),
      { value: nested },
    ];
    const res = await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'big \u2028 "quoted"', members });
    expect(res.statusCode).toBe(201);
    big = res.json().id;
  });
  afterAll(async () => t.close());

  const inMemory = async (query: Record<string, string>) => {
    const view = await t.services.groups.get(t.teamId, big, { members: true });
    return JSON.stringify(project(renderGroup(view, `http://127.0.0.1:8080${t.base}`), parseProjection(query), t.services.registry.group));
  };

  const projections: Record<string, string>[] = [{}, { excludedAttributes: 'meta' }, { attributes: 'members' }, { attributes: 'members.display' }, { excludedAttributes: 'members.value' }];

  it.each(projections)(
    'sends the bytes of the in-memory path (%o)',
    async (query) => {
      const res = await t.scim('GET', `/Groups/${big}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.body).toBe(await inMemory(query));
    },
  );

  it('round-trips every display name', async () => {
    const members = (await t.scim('GET', `/Groups/${big}`)).json().members as { display: string }[];
    expect(members).toHaveLength(HOSTILE.length + 2);
    const displays = members.map((m) => m.display);
    expect(displays).toContain(HOSTILE[0]);
    expect(displays).toContain(`sent ${HOSTILE[4]}`);
    expect(displays).toContain('nested "group" \u2028 ü');
    expect(displays).toContain('o"neil\\@example.com');
  });
});
