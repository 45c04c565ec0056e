// GET /sign-in: redeems the one-time link in the URL fragment (never sent to
// the server or its logs) for a session cookie, then goes to the dashboard.
// The page is static; the secret travels only in the POST body.

import type { FastifyInstance } from 'fastify';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Signing in · Rollcall</title>
<style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#1b1f24}main{max-width:32rem;text-align:center}</style>
</head><body><main><h1>Rollcall</h1><p id="status">Signing you in…</p></main>
<script>
(async () => {
  const status = document.getElementById('status');
  const link = new URLSearchParams(location.hash.slice(1)).get('link');
  history.replaceState(null, '', location.pathname);
  if (!link) { status.textContent = 'This sign-in link is incomplete. Ask for a new one.'; return; }
  const res = await fetch('/api/admin/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link }) });
  if (res.ok) { location.replace('/'); return; }
  const body = await res.json().catch(() => ({}));
  status.textContent = (body.error && body.error.message) || 'Sign-in failed.';
})();
</script></body></html>`;

export function registerSignInPage(app: FastifyInstance): void {
  app.get('/sign-in', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').send(PAGE),
  );
}
