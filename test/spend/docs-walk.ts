// The spend part of test/docs.test.ts's walk through the whole API: every
// spend route of the host and admin APIs with the answers
// docs/openapi.json lists for it.

import type { ScimResponse } from '../helpers/test-app.js';
import type { Services } from '../../src/services.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;
type Auth = Record<string, string>;

export async function walkSpend(call: Call, ctx: { services: Services; teamId: string; owner: Auth; member: Auth }): Promise<void> {
  const { services, teamId, owner, member } = ctx;
  const key = { authorization: `Bearer ${(await services.apiKeys.create({ label: 'walk-spend' })).secret}` };
  const ann = (await services.users.create(teamId, { userName: 'spend-ann@example.com', emails: [{ value: 'shared@example.com' }] })).user.id;
  await services.users.create(teamId, { userName: 'spend-bob@example.com', emails: [{ value: 'shared@example.com' }] });
  const group = (await services.groups.create(teamId, { displayName: 'Spenders', members: [{ value: ann }] })).group.id;
  const other = (await services.groups.create(teamId, { displayName: 'Big spenders', members: [{ value: ann }] })).group.id;

  const admin = `/api/admin/teams/${teamId}/spend`;
  const nowhere = '/api/admin/teams/no-such-team/spend';
  await call('GET', `${admin}/policy`, undefined, member);
  await call('GET', `${admin}/policy`);
  await call('GET', `${nowhere}/policy`, undefined, owner);
  for (const [path, body] of [['/default', { amount: 5000 }], ['/team-cap', { amount: 100000 }], [`/group-limits/${group}`, { amount: 2000 }], [`/overrides/${ann}`, { unlimited: true }]] as const) {
    await call('PUT', admin + path, { amount: -1 }, owner);
    await call('PUT', admin + path, body, member);
    await call('PUT', admin + path, body);
    await call('PUT', nowhere + path, body, owner);
    await call('PUT', admin + path, body, owner);
  }
  await call('PUT', `${admin}/group-limits/${other}`, { unlimited: true }, owner);
  await call('PUT', `${admin}/group-limits/no-such-group`, { amount: 1 }, owner);
  await call('PUT', `${admin}/overrides/no-such-user`, { amount: 1 }, owner);
  await call('PUT', `${admin}/settings`, { period: { kind: 'monthly', anchor: 40 } }, owner);
  await call('PUT', `${admin}/settings`, { period: { kind: 'monthly', anchor: 1 } }, member);
  await call('PUT', `${admin}/settings`, {});
  await call('PUT', `${nowhere}/settings`, {}, owner);
  await call('PUT', `${admin}/settings`, { currency: 'USD', period: { kind: 'monthly', anchor: 1 } }, owner);
  await call('PUT', `${admin}/alerts`, { thresholds: [{ percent: 0 }] }, owner);
  await call('PUT', `${admin}/alerts`, { thresholds: [] }, member);
  await call('PUT', `${admin}/alerts`, { thresholds: [] });
  await call('PUT', `${nowhere}/alerts`, { thresholds: [] }, owner);
  await call('PUT', `${admin}/alerts`, { thresholds: [{ percent: 80, notify: ['admins'] }, { scope: 'team', percent: 100 }] }, owner);
  for (const list of ['/group-limits', '/overrides', '/audit', '/members', '/multi-group-members']) {
    await call('GET', `${admin}${list}?count=2`, undefined, list === '/audit' ? owner : member);
    await call('GET', `${admin}${list}?count=999`, undefined, owner);
    await call('GET', `${admin}${list}`);
    await call('GET', `${nowhere}${list}`, undefined, owner);
  }
  await call('GET', `${admin}/audit`, undefined, member);
  await call('GET', `${admin}/members/${ann}`, undefined, member);
  await call('GET', `${admin}/members/${ann}`);
  await call('GET', `${admin}/members/no-such-user`, undefined, member);
  await call('POST', `${admin}/preview`, { target: 'default', amount: 100 }, owner);
  await call('POST', `${admin}/preview`, { target: 'planet' }, owner);
  await call('POST', `${admin}/preview`, { target: 'default', amount: 100 }, member);
  await call('POST', `${admin}/preview`, { target: 'default', amount: 100 });
  await call('POST', `${admin}/preview`, { target: 'group', groupId: 'no-such-group', amount: 1 }, owner);

  const host = `/api/v1/teams/${teamId}/spend`;
  const usage = { eventId: 'walk-1', member: { id: ann }, amount: 1250, currency: 'USD' };
  await call('POST', `${host}/usage`, usage, key);
  await call('POST', `${host}/usage`, usage, key);
  await call('POST', `${host}/usage`, { ...usage, amount: 99 }, key);
  await call('POST', `${host}/usage`, { ...usage, eventId: 'walk-2', amount: 1.5 }, key);
  await call('POST', `${host}/usage`, { ...usage, eventId: 'walk-3', currency: 'EUR' }, key);
  await call('POST', `${host}/usage`, { ...usage, eventId: 'walk-4', member: { userName: 'nobody' } }, key);
  await call('POST', `${host}/usage`, { eventId: 'walk-5', reverses: 'walk-1', amount: 5000, currency: 'USD' }, key);
  await call('POST', `${host}/usage`, usage);
  await call('POST', '/api/v1/teams/no-such-team/spend/usage', usage, key);
  await call('PUT', `${admin}/settings`, { currency: 'EUR' }, owner);

  const ask = { member: { id: ann }, amount: 100, currency: 'USD' };
  await call('POST', `${host}/authorize`, ask, key);
  await call('POST', `${host}/authorize`, { ...ask, amount: -1 }, key);
  await call('POST', `${host}/authorize`, { ...ask, currency: 'EUR' }, key);
  await call('POST', `${host}/authorize`, { ...ask, member: { email: 'shared@example.com' } }, key);
  await call('POST', `${host}/authorize`, { ...ask, member: { id: 'no-such-user' } }, key);
  await call('POST', `${host}/authorize`, ask);
  const hold = (await call('POST', `${host}/authorize`, { ...ask, hold: true }, key)).json().hold;
  const spare = (await call('POST', `${host}/authorize`, { ...ask, hold: true }, key)).json().hold;
  await call('GET', `${host}/holds/${hold.id}`, undefined, key);
  await call('GET', `${host}/holds/${hold.id}`);
  await call('GET', `${host}/holds/no-such-hold`, undefined, key);
  await call('POST', `${host}/holds/${hold.id}/capture`, { amount: -1 }, key);
  await call('POST', `${host}/holds/${hold.id}/capture`, { amount: 101 }, key);
  await call('POST', `${host}/holds/${hold.id}/capture`, { amount: 60 }, key);
  await call('POST', `${host}/holds/${hold.id}/capture`, { amount: 70 }, key);
  await call('POST', `${host}/holds/${hold.id}/capture`, {});
  await call('POST', `${host}/holds/no-such-hold/capture`, {}, key);
  await call('POST', `${host}/holds/${spare.id}/release`, undefined, key);
  await call('POST', `${host}/holds/${hold.id}/release`, undefined, key);
  await call('POST', `${host}/holds/${spare.id}/release`);
  await call('POST', `${host}/holds/no-such-hold/release`, undefined, key);

  const asks = `${host}/members/${ann}/increase-requests`;
  const requested = (await call('POST', asks, { amount: 9000, reason: 'Walk' }, key)).json();
  await call('POST', asks, { amount: 9000, reason: 'Walk' }, key);
  await call('POST', asks, { amount: 0, reason: 'Walk' }, key);
  await call('POST', asks, { amount: 9000, reason: 'Walk' });
  await call('POST', `${host}/members/no-such-user/increase-requests`, { amount: 9000, reason: 'Walk' }, key);
  const bobAsks = (await call('POST', `${host}/members/spend-bob%40example.com/increase-requests?by=userName`, { amount: 500, reason: 'Walk' }, key)).json();
  await call('GET', `${admin}/increase-requests?status=pending`, undefined, member);
  await call('GET', `${admin}/increase-requests?status=maybe`, undefined, owner);
  await call('GET', `${admin}/increase-requests`);
  await call('GET', `${nowhere}/increase-requests`, undefined, owner);
  for (const [id, verb, body] of [[requested.id, 'approve', { amount: 8000, until: '2099-12-31', note: 'ok' }], [bobAsks.id, 'deny', { note: 'no' }]] as const) {
    await call('POST', `${admin}/increase-requests/${id}/${verb}`, { until: 'never', note: '' }, owner);
    await call('POST', `${admin}/increase-requests/${id}/${verb}`, body, member);
    await call('POST', `${admin}/increase-requests/${id}/${verb}`, body);
    await call('POST', `${admin}/increase-requests/no-such-request/${verb}`, body, owner);
    await call('POST', `${admin}/increase-requests/${id}/${verb}`, body, owner);
    await call('POST', `${admin}/increase-requests/${id}/${verb}`, body, owner);
  }

  await call('GET', `${host}/members?count=10`, undefined, key);
  await call('GET', `${host}/members?count=501`, undefined, key);
  await call('GET', `${host}/members`);
  await call('GET', '/api/v1/teams/no-such-team/spend/members', undefined, key);
  await call('GET', `${host}/members/${encodeURIComponent('SPEND-ANN@example.com')}?by=userName`, undefined, key);
  await call('GET', `${host}/members/x?by=phone`, undefined, key);
  await call('GET', `${host}/members/shared%40example.com?by=email`, undefined, key);
  await call('GET', `${host}/members/no-such-user`, undefined, key);
  await call('GET', `${host}/members/${ann}`);
  await call('GET', `${host}/multi-group-members`, undefined, key);
  await call('GET', `${host}/multi-group-members?startIndex=0`, undefined, key);
  await call('GET', `${host}/multi-group-members`);
  await call('GET', '/api/v1/teams/no-such-team/spend/multi-group-members', undefined, key);

  for (const path of ['/default', '/team-cap', `/group-limits/${group}`, `/overrides/${ann}`]) {
    await call('DELETE', admin + path, undefined, member);
    await call('DELETE', admin + path);
    await call('DELETE', nowhere + path, undefined, owner);
    await call('DELETE', admin + path, undefined, owner);
  }
  await call('DELETE', `${admin}/group-limits/no-such-group`, undefined, owner);
  await call('DELETE', `${admin}/overrides/no-such-user`, undefined, owner);
}
