// The in-flight count of load-shedding.ts goes back down once for every
// request, whether it was answered or its client went away, and the bound
// sheds only while requests are really in flight.

import { request as httpRequest } from 'node:http';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerLoadShedding } from './load-shedding.js';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appWithBound(maxInFlight: number) {
  const app = Fastify();
  apps.push(app);
  const shedding = registerLoadShedding(app, maxInFlight);
  let letGo: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  app.get('/fast', async () => ({ ok: true }));
  app.get('/slow', async () => {
    await held;
    return { ok: true };
  });
  return { app, shedding, letGo };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('load shedding', () => {
  it('counts each answered request out once, so the bound never fills up', async () => {
    const { app, shedding } = await appWithBound(1);
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/fast' })).statusCode).toBe(200);
    await settle();
    expect(shedding.inFlight()).toBe(0);
    expect(shedding.shedCount()).toBe(0);
  });

  it('sheds while a request is in flight, and counts out a request whose client went away', async () => {
    const { app, shedding, letGo } = await appWithBound(1);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const slow = httpRequest({ host: '127.0.0.1', port, path: '/slow' });
    slow.on('error', () => undefined);
    slow.end();
    while (shedding.inFlight() === 0) await settle();
    expect((await app.inject({ method: 'GET', url: '/fast' })).statusCode).toBe(503);
    const closed = new Promise((resolve) => slow.once('close', resolve));
    slow.destroy();
    await closed;
    while (shedding.inFlight() !== 0) await settle();
    letGo();
    await settle();
    // Counted out once only: the handler's late answer does not take it below zero.
    expect(shedding.inFlight()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/fast' })).statusCode).toBe(200);
    await settle();
    expect(shedding.inFlight()).toBe(0);
    expect(shedding.shedCount()).toBe(1);
  });
});
