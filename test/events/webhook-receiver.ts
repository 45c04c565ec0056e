// A webhook receiver on 127.0.0.1 for tests: records every request, checks
// its signature as docs/webhooks.md tells receivers to, and can be taken
// down (connection refused) or made to answer an error, then brought back.

import { createServer, type Server, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { verifySignature } from '../../src/domain/realtime/webhooks-signature.js';

export interface Received {
  /** The request path: tests give each endpoint its own. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  event: any;
  signatureOk: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  secret: string;
  /** What to answer (default 204); a function decides per request. */
  answer: number | ((r: Received) => number);
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hooks'): Promise<Receiver> {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  const receiver: Receiver = {
    url: '',
    received: [],
    secret: '',
    answer: 204,
    async down() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    async up() {
      server = make();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : port;
      receiver.url = `http://127.0.0.1:${port}${path}`;
    },
    close: () => receiver.down(),
  };
  function make(): Server {
    const s = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const r: Received = {
          path: req.url ?? '',
          headers: req.headers,
          body,
          event: body ? JSON.parse(body) : undefined,
          signatureOk: verifySignature({
            secret: receiver.secret,
            header: String(req.headers['rollcall-signature'] ?? ''),
            timestamp: String(req.headers['rollcall-timestamp'] ?? ''),
            body,
            nowSec: Math.floor(Date.now() / 1000),
          }),
        };
        receiver.received.push(r);
        const status = typeof receiver.answer === 'function' ? receiver.answer(r) : receiver.answer;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '' : `receiver says ${status}`);
      });
    });
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return s;
  }
  await receiver.up();
  return receiver;
}

/** Waits (bounded) until `condition` holds, calling `poke` between checks. */
export async function eventually(condition: () => boolean | Promise<boolean>, poke?: () => void, withinMs = 20_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    poke?.();
    await new Promise((r) => setTimeout(r, 20));
  }
}
