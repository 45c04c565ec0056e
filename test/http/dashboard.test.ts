// The dashboard at /: index.html never cached and with a strict CSP, hashed
// assets cached for a year, client routes answered with index.html, and the
// server's own paths (/api, /scim, /sso, assets) kept as JSON 404s.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDashboard } from '../../src/http/dashboard.js';

const INDEX = '<!doctype html><title>Rollcall</title><div id="root"></div>';

describe('dashboard static serving', () => {
  let app: FastifyInstance;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rollcall-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-Ab12_cd.js'), 'console.log(1)');
    app = Fastify();
    app.get('/api/admin/me', async () => ({ ok: true }));
    await registerDashboard(app, { root });
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and the printed entry points, never cached, with a CSP', async () => {
    for (const url of ['/', '/setup', '/sign-in']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('answers client routes with index.html (deep links survive a reload)', async () => {
    for (const url of ['/teams/abc/users', '/teams/abc/users/123?q=x', '/account']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year as immutable', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-Ab12_cd.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps 404s for unknown assets, API, SCIM and SSO paths and non-GET requests', async () => {
    for (const [method, url] of [
      ['GET', '/assets/missing-123.js'],
      ['GET', '/assets/..%2Fsecret.js'],
      ['GET', '/api/admin/nope'],
      ['GET', '/scim/v2/x/Nope'],
      ['GET', '/sso/x/nope'],
      ['GET', '/favicon.ico'],
      ['POST', '/teams/abc'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await app.inject({ method: 'GET', url: '/api/admin/me' })).json()).toEqual({ ok: true });
  });

  it('explains how to build the dashboard when web/dist is missing', async () => {
    const bare = Fastify();
    await registerDashboard(bare, { root: join(root, 'nowhere') });
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    await bare.close();
  });
});
