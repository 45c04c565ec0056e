import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { OneLinePerRequest } from './request-log-controller.js';

describe("fastify's own log lines under OneLinePerRequest", () => {
  it('keeps the error line of a 5xx answered by the default error handler, and drops the per-request and not-found lines', async () => {
    const lines: { level: number; msg?: string; err?: { message?: string } }[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream }, logController: new OneLinePerRequest() });
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('the disk is on fire');
    });
    expect((await app.inject({ method: 'GET', url: '/ok' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    expect(lines).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(50);
    expect(lines[0].err?.message).toBe('the disk is on fire');
    await app.close();
  });
});
