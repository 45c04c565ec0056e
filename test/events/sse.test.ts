// Live event streams (server-sent events, HTML §9.2): each committed event
// arrives with the feed cursor as its id; `Last-Event-ID` resumes after it;
// comment heartbeats keep the stream open; the dashboard gets the same
// stream with its session.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, GROUP_SCHEMA, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { openSse } from './sse-client.js';

describe.each(DIALECTS)('event streams on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let key: string;
  let admin: AdminClient;

  beforeAll(async () => {
    // A long poll: what arrives here was woken by the commit signal.
    t = await createTestApp(dialect, { services: { realtime: { sse: { heartbeatMs: 100, pollMs: 60_000 } } } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    key = (await t.services.apiKeys.create({ label: 'host' })).secret;
    admin = await signInAdmin(t, `sse-${dialect}@example.com`, 'member');
  });
  afterAll(async () => t.close());

  it('sends each event as it commits, starting from now when no position is given', async () => {
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'before@example.com' });
    const stream = await openSse(`${base}/api/v1/teams/${t.teamId}/events/stream`, { authorization: `Bearer ${key}` });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await stream.next((f) => f.comment === 'connected');
      const user = (await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'live@example.com' })).json();
      const frame = await stream.next((f) => f.event !== undefined);
      expect(frame.event).toBe('user.created');
      expect(frame.data).toMatchObject({ type: 'user.created', resourceId: user.id, teamId: t.teamId });
      expect(frame.id).toBe(`c1.${frame.data.seq}`);
      await t.scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Live', members: [{ value: user.id }] });
      expect((await stream.next((f) => f.event !== undefined)).event).toBe('group.created');
      expect((await stream.next((f) => f.event !== undefined)).event).toBe('group.member_added');
      expect(stream.frames.some((f) => f.data?.data?.user?.userName === 'before@example.com')).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID with exactly the events that followed it', async () => {
    const all = (await t.app.inject({ method: 'GET', url: `/api/v1/teams/${t.teamId}/events?limit=1000`, headers: { authorization: `Bearer ${key}` } })).json();
    const resumeFrom = all.events[all.events.length - 3];
    const stream = await openSse(`${base}/api/v1/teams/${t.teamId}/events/stream`, { authorization: `Bearer ${key}`, 'last-event-id': `c1.${resumeFrom.seq}` });
    try {
      const got = [await stream.next((f) => !!f.event), await stream.next((f) => !!f.event)];
      expect(got.map((f) => f.data.seq)).toEqual([resumeFrom.seq + 1, resumeFrom.seq + 2]);
    } finally {
      stream.close();
    }
    const byQuery = await openSse(`${base}/api/v1/teams/${t.teamId}/events/stream?after=c1.0`, { authorization: `Bearer ${key}` });
    try {
      expect((await byQuery.next((f) => !!f.event)).data.seq).toBe(1);
    } finally {
      byQuery.close();
    }
  });

  it('writes heartbeats while nothing happens', async () => {
    const stream = await openSse(`${base}/api/v1/teams/${t.teamId}/events/stream`, { authorization: `Bearer ${key}` });
    try {
      await stream.next((f) => f.comment === 'ping');
    } finally {
      stream.close();
    }
  });

  it('answers a bad Last-Event-ID or a missing key with a JSON error, before any stream', async () => {
    const bad = await fetch(`${base}/api/v1/teams/${t.teamId}/events/stream`, { headers: { authorization: `Bearer ${key}`, 'last-event-id': 'nope' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('events.invalid_cursor');
    const refused = await fetch(`${base}/api/v1/teams/${t.teamId}/events/stream`);
    expect(refused.status).toBe(401);
    await refused.text();
  });

  it('streams to the dashboard with the session cookie', async () => {
    const stream = await openSse(`${base}/api/admin/teams/${t.teamId}/events/stream`, { cookie: admin.cookie });
    try {
      expect(stream.status).toBe(200);
      await stream.next((f) => f.comment === 'connected');
      const { token } = await t.services.tokens.create(t.teamId, { label: 'rotation', allowWithoutSso: true });
      const frame = await stream.next((f) => !!f.event);
      expect(frame.data).toMatchObject({ type: 'token.created', resourceId: token.id });
    } finally {
      stream.close();
    }
    const refused = await fetch(`${base}/api/admin/teams/${t.teamId}/events/stream`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('auth.required');
  });
});
