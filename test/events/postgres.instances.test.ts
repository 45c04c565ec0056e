// Two real server processes on one PostgreSQL schema, as a deployment behind
// a load balancer: an event committed on one instance reaches an SSE
// subscriber of the other within a second (LISTEN/NOTIFY), and the webhook
// workers of both never make the same delivery attempt twice (SKIP LOCKED).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL, USER_SCHEMA } from '../helpers/test-app.js';
import { createTeam, dropSchema, freshSchema, inParallel, scimClient, startServer, type ServerProcess } from '../helpers/server-process.js';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { createServices, type Services } from '../../src/services.js';
import { openSse } from './sse-client.js';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

const postgres = DIALECTS.includes('postgres');

describe.runIf(postgres)('two instances on one PostgreSQL', () => {
  const schema = freshSchema();
  let a: ServerProcess;
  let b: ServerProcess;
  let storage: Storage;
  let services: Services;
  let team: { teamId: string; token: string };
  let key: string;
  let receiver: Receiver;

  beforeAll(async () => {
    const env = { ROLLCALL_WEBHOOK_RETRY_BASE_MS: '1000', ROLLCALL_WEBHOOK_RETRY_MAX_MS: '1000', ROLLCALL_WEBHOOK_CONCURRENCY: '4', ROLLCALL_OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32' };
    a = await startServer({ databaseUrl: POSTGRES_URL, schema, env });
    b = await startServer({ databaseUrl: POSTGRES_URL, schema, env });
    team = await createTeam(POSTGRES_URL, schema);
    storage = await openStorage(POSTGRES_URL, { postgres: { schema, poolSize: 2 } });
    services = createServices(storage, { egress: { allowCidrs: ['127.0.0.1/32'] } });
    key = (await services.apiKeys.create({ teamId: team.teamId })).secret;
    receiver = await startReceiver();
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await storage?.close();
    await receiver?.close();
    await dropSchema(POSTGRES_URL, schema);
  }, 60_000);

  it('brings an event committed on one instance to an SSE subscriber of the other within a second', async () => {
    const stream = await openSse(`${b.url}/api/v1/teams/${team.teamId}/events/stream`, { authorization: `Bearer ${key}` });
    try {
      await stream.next((f) => f.comment === 'connected');
      const scim = scimClient(a, team.teamId, team.token);
      for (let i = 0; i < 3; i++) {
        const created = await scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `cross${i}@example.com` });
        expect(created.status).toBe(201);
        // The write has committed when its answer arrives; the other instance has one second.
        const frame = await stream.next((f) => f.event === 'user.created', 1_000);
        expect(frame.data.resourceId).toBe(created.body.id);
      }
    } finally {
      stream.close();
    }
  });

  it('delivers every event once per delivery attempt, with workers on both instances', async () => {
    const { endpoint, secret } = await services.realtime.webhooks.create(team.teamId, { url: receiver.url, eventTypes: ['user.created'] });
    receiver.secret = secret;
    // Every first attempt fails, so every delivery is claimed twice by some worker.
    receiver.answer = (r) => (r.headers['rollcall-delivery-attempt'] === '1' ? 503 : 204);
    const clients = [scimClient(a, team.teamId, team.token), scimClient(b, team.teamId, team.token)];
    const created = await inParallel(Array.from({ length: 40 }, (_, i) => i), 8, async (i) => (await clients[i % 2]('POST', '/Users', { schemas: [USER_SCHEMA], userName: `hook${i}@example.com` })).body.id as string);

    const delivered = () => new Set(receiver.received.filter((r) => r.headers['rollcall-delivery-attempt'] === '2').map((r) => r.event.resourceId));
    await eventually(() => created.every((id) => delivered().has(id)), undefined, 60_000);

    const attempts = receiver.received.map((r) => `${r.headers['rollcall-delivery-id']}#${r.headers['rollcall-delivery-attempt']}`);
    expect(new Set(attempts).size).toBe(attempts.length);
    expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    // One delivery per event: the dispatchers of the two instances did not both take it.
    const deliveryIdsPerEvent = new Map<string, Set<string>>();
    for (const r of receiver.received) deliveryIdsPerEvent.set(r.event.id, (deliveryIdsPerEvent.get(r.event.id) ?? new Set()).add(String(r.headers['rollcall-delivery-id'])));
    expect([...deliveryIdsPerEvent.values()].every((s) => s.size === 1)).toBe(true);

    // An attempt is recorded once its answer is in: wait for the last records.
    const recorded = () => storage.db.selectFrom('webhook_attempts').select(['delivery_id', 'attempt', 'worker']).where('endpoint_id', '=', endpoint.id).execute();
    await eventually(async () => (await recorded()).length >= receiver.received.length);
    const rows = await recorded();
    expect(rows.length).toBe(receiver.received.length);
    expect(new Set(rows.map((r) => `${r.delivery_id}#${r.attempt}`)).size).toBe(rows.length);
  }, 90_000);
});
