// The dashboard (web/, built into web/dist by `npm run build:web`) served at
// `/`. Hashed assets are immutable and cached for a year; index.html is never
// cached, so a new build is picked up on the next load. Every client route
// (/teams/…, /setup, /sign-in, …) answers index.html; /api, /scim and /sso
// keep JSON 404s. Secrets in setup and sign-in links travel in the URL
// fragment, which never reaches the server or its logs.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

export const DASHBOARD_ROOT = resolve(import.meta.dirname, '../../web/dist');

/** Entry points with a route of their own (the links Rollcall prints). */
const ENTRY_POINTS = ['/', '/setup', '/sign-in'];
/** Paths that belong to the server; an unknown one is a 404, never the dashboard. */
const SERVER_PATHS = /^\/(api|scim|sso|assets)(\/|$)|^\/(healthz|readyz|metrics)$/;
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*\.(js|css|svg|png|woff2?)$/;
const YEAR_MS = 365 * 24 * 3600_000;

// Mantine sets CSS variables through style attributes, hence 'unsafe-inline' for styles only.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rollcall</title></head>
<body style="font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Rollcall</h1><p>The dashboard has not been built. Run <code>npm run build:web</code>
(<code>npm ci</code> and <code>npm start</code> do it for you), then reload this page.</p></body></html>`;

export async function registerDashboard(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = options.root ?? DASHBOARD_ROOT;
  // preCompressed: the build writes .br and .gz beside each asset (web/vite.config.ts).
  await app.register(fastifyStatic, { root, serve: false, suppressWarning: true, preCompressed: true });

  const sendIndex = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer');
    if (!existsSync(join(root, 'index.html'))) return reply.send(NOT_BUILT);
    return reply.sendFile('index.html', { cacheControl: false, etag: false, lastModified: false });
  };

  for (const url of ENTRY_POINTS) app.get(url, sendIndex);

  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const { file } = request.params;
    if (!ASSET_NAME.test(file)) return notFound(request, reply);
    reply.header('X-Content-Type-Options', 'nosniff');
    return reply.sendFile(`assets/${file}`, { maxAge: YEAR_MS, immutable: true });
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0];
    const page = (request.method === 'GET' || request.method === 'HEAD') && !SERVER_PATHS.test(path) && !/\.\w+$/.test(path);
    return page ? sendIndex(request, reply) : notFound(request, reply);
  });
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ error: { code: 'not_found', message: `no endpoint ${request.method} ${request.url.split('?')[0]}` } });
}
