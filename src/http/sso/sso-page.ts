// The small HTML page a browser lands on when an SSO sign-in cannot go on:
// what happened in plain words, the stable reason code, the technical
// detail, and a way to try again. Everything shown is escaped; the page
// loads nothing and runs no script.

import type { FastifyReply } from 'fastify';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface PageContent {
  title: string;
  message: string;
  code?: string;
  detail?: string;
  retryUrl?: string;
}

export function renderPage(content: PageContent): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(content.title)} · Rollcall</title>
<style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#1b1f24;margin:0 1rem}main{max-width:36rem}code{background:#f3f4f6;padding:0 .25rem}details{margin-top:1rem;color:#57606a}</style>
</head><body><main>
<h1>${escape(content.title)}</h1>
<p>${escape(content.message)}</p>
${content.code ? `<p>Reason code: <code id="reason">${escape(content.code)}</code></p>` : ''}
${content.detail ? `<details><summary>Technical details</summary><p>${escape(content.detail)}</p></details>` : ''}
${content.retryUrl ? `<p><a href="${escape(content.retryUrl)}">Try again</a></p>` : ''}
</main></body></html>`;
}

export function sendPage(reply: FastifyReply, status: number, content: PageContent): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(renderPage(content));
}
