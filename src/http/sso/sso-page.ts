// The small HTML page a browser lands on when an SSO sign-in cannot go on:
// what happened in plain words, the stable reason code, the technical
// detail, a way to try again and a way back to the dashboard's sign-in.
// Everything shown is escaped; the page loads nothing and runs no script.

import type { FastifyReply } from 'fastify';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface PageContent {
  title: string;
  message: string;
  code?: string;
  detail?: string;
  retryUrl?: string;
}

/** The dashboard's look in a few inline rules (the CSP allows inline styles only): a card, the brand, links as buttons. */
const STYLE = [
  'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f7f9;color:#1b1f24;margin:0;display:grid;place-items:center;min-height:100vh}',
  'main{background:#fff;border:1px solid #dfe3e8;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.06);max-width:36rem;margin:1rem;padding:2rem}',
  '.brand{font-weight:700;color:#3b5bdb;margin:0 0 1rem;letter-spacing:.01em}',
  'h1{font-size:1.4rem;margin:0 0 .5rem}',
  'code{background:#f1f3f5;border-radius:4px;padding:.1rem .35rem;font-size:.9em}',
  'details{margin-top:1rem;color:#57606a;font-size:.9rem}details p{word-break:break-word}',
  'nav{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}',
  'nav a{display:inline-block;padding:.45rem .9rem;border-radius:8px;text-decoration:none;border:1px solid #ced4da;color:#1b1f24}',
  'nav a.primary{background:#3b5bdb;border-color:#3b5bdb;color:#fff}',
  'a:focus-visible{outline:2px solid #3b5bdb;outline-offset:2px}',
].join('');

export function renderPage(content: PageContent): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(content.title)} · Rollcall</title>
<style>${STYLE}</style>
</head><body><main>
<p class="brand">Rollcall</p>
<h1>${escape(content.title)}</h1>
<p>${escape(content.message)}</p>
${content.code ? `<p>Reason code: <code id="reason">${escape(content.code)}</code></p>` : ''}
${content.detail ? `<details><summary>Technical details</summary><p>${escape(content.detail)}</p></details>` : ''}
<nav>${content.retryUrl ? `<a class="primary" href="${escape(content.retryUrl)}">Try again</a>` : ''}<a${content.retryUrl ? '' : ' class="primary"'} href="/sign-in">Back to sign-in</a><a href="/">Open the dashboard</a></nav>
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
