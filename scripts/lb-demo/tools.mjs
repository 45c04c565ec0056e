#!/usr/bin/env node
// Small helpers for scripts/lb-demo.sh, in Node so the demo needs nothing
// beyond the project's own dependencies (pg) and Debian's nginx.
//
//   tools.mjs free-ports <n>                 n free TCP ports on 127.0.0.1, one per line
//   tools.mjs wait-ready <url> <seconds>     polls <url> until it answers 200 (exit 1 on timeout)
//   tools.mjs check-db <database-url>        exit 1 with a message when PostgreSQL does not answer
//   tools.mjs drop-schema <database-url> <schema>
//   tools.mjs field <name>                   prints one field of the JSON object on stdin
//   tools.mjs check-location <scim-base-url> <token> <lb-url>
//                                            creates and deletes a user through the balancer; exit 1
//                                            unless Location and meta.location point at <lb-url>
//   tools.mjs upstreams <access-log>         requests per upstream from the nginx access log

import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const [command, ...args] = process.argv.slice(2);

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const commands = {
  async 'free-ports'(n) {
    // Held open together so the n ports are distinct.
    const servers = [];
    for (let i = 0; i < Number(n); i++) {
      const server = createServer();
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    for (const server of servers) console.log(server.address().port);
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  },

  async 'wait-ready'(url, seconds) {
    const deadline = Date.now() + Number(seconds) * 1000;
    while (Date.now() < deadline) {
      const status = await globalThis.fetch(url).then((r) => r.status, () => 0);
      if (status === 200) return;
      await sleep(200);
    }
    console.error(`lb-demo: ${url} did not answer 200 within ${seconds} s`);
    process.exitCode = 1;
  },

  async 'check-db'(url) {
    try {
      await withClient(url, (c) => c.query('select 1'));
    } catch (error) {
      console.error(`lb-demo: cannot reach PostgreSQL at ${url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')}: ${error.message}`);
      console.error('lb-demo: start PostgreSQL or set ROLLCALL_DEMO_DATABASE_URL');
      process.exitCode = 1;
    }
  },

  async 'drop-schema'(url, schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
    await withClient(url, (c) => c.query(`drop schema if exists "${schema}" cascade`));
  },

  async field(name) {
    const value = JSON.parse(readFileSync(0, 'utf8'))[name];
    if (value === undefined) throw new Error(`no "${name}" in the JSON on stdin`);
    console.log(value);
  },

  async 'check-location'(base, token, lb) {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
    const created = await globalThis.fetch(`${base}/Users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `lb-demo-${process.pid}@example.com` }),
    });
    const body = await created.json();
    const location = created.headers.get('location') ?? '';
    if (created.status === 201) await globalThis.fetch(`${base}/Users/${body.id}`, { method: 'DELETE', headers });
    const ok = created.status === 201 && location.startsWith(`${lb}/`) && body.meta?.location === location;
    console.log(`Location through the balancer: ${location || `(status ${created.status})`} ${ok ? 'ok' : 'WRONG'}`);
    if (!ok) process.exitCode = 1;
  },

  async upstreams(file) {
    const counts = new Map();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const upstream = line.split(' ')[0];
      if (upstream) counts.set(upstream, (counts.get(upstream) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    for (const [upstream, n] of [...counts].sort()) console.log(`  ${upstream.padEnd(24)} ${String(n).padStart(5)} requests (${Math.round((100 * n) / total)}%)`);
    console.log(`  ${'total'.padEnd(24)} ${String(total).padStart(5)}`);
  },
};

if (!commands[command]) {
  console.error(`usage: tools.mjs ${Object.keys(commands).join('|')} ...`);
  process.exit(2);
}
await commands[command](...args);
