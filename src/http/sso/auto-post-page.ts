// The page the SAML ACS answers a cross-site POST with when it arrived
// without the sign-in's binding cookie (SameSite=Lax keeps it off a
// cross-site POST): the same form, posted again from Rollcall's own origin,
// which carries the cookie (browser-binding.ts). The one inline script is
// allowed by its hash; without script, a button does the same.

import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

const SCRIPT = "document.getElementById('continue').submit();";
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

/** The form field that marks the second, same-site POST. */
export const HOP_FIELD = 'rollcall_hop';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function sendAutoPost(reply: FastifyReply, action: string, fields: Record<string, string>): FastifyReply {
  const inputs = Object.entries({ ...fields, [HOP_FIELD]: '1' })
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signing in · Rollcall</title></head><body>
<form id="continue" method="post" action="${escape(action)}">${inputs}<noscript><button type="submit">Continue signing in</button></noscript></form>
<script>${SCRIPT}</script>
</body></html>`;
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; frame-ancestors 'none'`)
    .send(html);
}
