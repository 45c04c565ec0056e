// The real-time part of test/docs.test.ts's walk through the whole API: the
// events feed and streams, webhooks, the activity log and diagnostics, with
// the answers docs/openapi.json lists. Streams are walked through the
// answers given before a stream opens (inject() would wait for its end).

import type { ScimResponse } from '../helpers/test-app.js';
import type { Services } from '../../src/services.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;
type Auth = Record<string, string>;

export async function walkRealtime(call: Call, ctx: { services: Services; teamId: string; userId: string; owner: Auth; member: Auth }): Promise<void> {
  const { services, teamId, owner, member } = ctx;
  const key = { authorization: `Bearer ${(await services.apiKeys.create({ label: 'walk-events' })).secret}` };
  const host = `/api/v1/teams/${teamId}`;
  await call('GET', `${host}/events?limit=2`, undefined, key);
  await call('GET', `${host}/events?after=bad`, undefined, key);
  await call('GET', `${host}/events`);
  await call('GET', '/api/v1/teams/no-such-team/events', undefined, key);
  await call('GET', `${host}/events/stream`, undefined, { ...key, 'last-event-id': 'bad' });
  await call('GET', `${host}/events/stream`);
  await call('GET', '/api/v1/teams/no-such-team/events/stream', undefined, key);
  await call('GET', `/api/v1/events?teamId=${teamId}&limit=1`, undefined, key);
  await call('GET', '/api/v1/events', undefined, key);
  await call('GET', '/api/v1/events');
  await call('GET', '/api/v1/events?teamId=no-such-team', undefined, key);

  const admin = `/api/admin/teams/${teamId}`;
  await call('GET', `${admin}/events?limit=1`, undefined, member);
  await call('GET', `${admin}/events?after=bad`, undefined, member);
  await call('GET', `${admin}/events`);
  await call('GET', '/api/admin/teams/no-such-team/events', undefined, owner);
  await call('GET', `${admin}/events/stream?after=bad`, undefined, member);
  await call('GET', `${admin}/events/stream`);
  await call('GET', '/api/admin/teams/no-such-team/events/stream', undefined, owner);

  const hooks = `${admin}/webhooks`;
  await call('GET', hooks, undefined, owner);
  await call('GET', hooks, undefined, member);
  await call('GET', hooks);
  await call('GET', '/api/admin/teams/no-such-team/webhooks', undefined, owner);
  const { endpoint } = (await call('POST', hooks, { url: 'https://hooks.example.com/rollcall', eventTypes: ['token.*'] }, owner)).json();
  await call('POST', hooks, { url: 'ftp://hooks.example.com' }, owner);
  await call('POST', hooks, { url: 'https://hooks.example.com/rollcall' }, member);
  await call('POST', hooks, { url: 'https://hooks.example.com/rollcall' });
  await call('POST', '/api/admin/teams/no-such-team/webhooks', { url: 'https://hooks.example.com/rollcall' }, owner);
  const one = `${hooks}/${endpoint.id}`;
  await call('GET', one, undefined, owner);
  await call('GET', one, undefined, member);
  await call('GET', one);
  await call('GET', `${hooks}/no-such-endpoint`, undefined, owner);
  await call('PATCH', one, { description: 'CRM' }, owner);
  await call('PATCH', one, { url: 'nope' }, owner);
  await call('PATCH', one, { enabled: false }, member);
  await call('PATCH', one, { enabled: false });
  await call('PATCH', `${hooks}/no-such-endpoint`, { enabled: false }, owner);
  await call('POST', `${one}/rotate-secret`, undefined, owner);
  await call('POST', `${one}/rotate-secret`, undefined, member);
  await call('POST', `${one}/rotate-secret`);
  await call('POST', `${hooks}/no-such-endpoint/rotate-secret`, undefined, owner);
  await services.tokens.create(teamId, { label: 'walk-webhook', allowWithoutSso: true });
  await services.realtime.webhookDelivery.dispatch();
  const deliveries = `${one}/deliveries`;
  const delivery = (await call('GET', `${deliveries}?status=pending&limit=5`, undefined, owner)).json().items[0];
  await call('GET', `${deliveries}?status=lost`, undefined, owner);
  await call('GET', deliveries, undefined, member);
  await call('GET', deliveries);
  await call('GET', `${hooks}/no-such-endpoint/deliveries`, undefined, owner);
  await call('GET', `${deliveries}/${delivery.id}`, undefined, owner);
  await call('GET', `${deliveries}/${delivery.id}`, undefined, member);
  await call('GET', `${deliveries}/${delivery.id}`);
  await call('GET', `${deliveries}/no-such-delivery`, undefined, owner);
  await call('POST', `${deliveries}/${delivery.id}/redeliver`, undefined, owner);
  await call('POST', `${deliveries}/${delivery.id}/redeliver`, undefined, member);
  await call('POST', `${deliveries}/${delivery.id}/redeliver`);
  await call('POST', `${deliveries}/no-such-delivery/redeliver`, undefined, owner);
  await call('DELETE', one, undefined, member);
  await call('DELETE', one);
  await call('DELETE', one, undefined, owner);
  await call('DELETE', one, undefined, owner);

  await services.realtime.activity.flush();
  const log = `${admin}/activity`;
  const entry = (await call('GET', `${log}?resource=User&limit=5`, undefined, owner)).json().items[0];
  await call('GET', `${log}?status=teapot`, undefined, owner);
  await call('GET', log, undefined, member);
  await call('GET', log);
  await call('GET', '/api/admin/teams/no-such-team/activity', undefined, owner);
  await call('GET', `${log}/${entry.id}`, undefined, owner);
  await call('GET', `${log}/${entry.id}`, undefined, member);
  await call('GET', `${log}/${entry.id}`);
  await call('GET', `${log}/no-such-entry`, undefined, owner);
  await call('GET', `${log}/stream?after=x`, undefined, owner);
  await call('GET', `${log}/stream`, undefined, member);
  await call('GET', `${log}/stream`);
  await call('GET', '/api/admin/teams/no-such-team/activity/stream', undefined, owner);

  const diag = `${admin}/diagnostics`;
  await call('GET', diag, undefined, owner);
  await call('GET', diag, undefined, member);
  await call('GET', diag);
  await call('GET', '/api/admin/teams/no-such-team/diagnostics', undefined, owner);
  await call('GET', `${diag}/connection-test?since=${encodeURIComponent(new Date().toISOString())}`, undefined, owner);
  await call('GET', `${diag}/connection-test?since=soon`, undefined, owner);
  await call('GET', `${diag}/connection-test`, undefined, member);
  await call('GET', `${diag}/connection-test`);
  await call('GET', '/api/admin/teams/no-such-team/diagnostics/connection-test', undefined, owner);
  await call('GET', `${diag}/connection-test/stream?since=soon`, undefined, owner);
  await call('GET', `${diag}/connection-test/stream`, undefined, member);
  await call('GET', `${diag}/connection-test/stream`);
  await call('GET', '/api/admin/teams/no-such-team/diagnostics/connection-test/stream', undefined, owner);
  await call('GET', `${diag}/members/${ctx.userId}`, undefined, owner);
  await call('GET', `${diag}/members/no-such-user`, undefined, owner);
  await call('GET', `${diag}/members/${ctx.userId}`, undefined, member);
  await call('GET', `${diag}/members/${ctx.userId}`);
}
