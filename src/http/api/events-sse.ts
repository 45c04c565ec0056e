// Server-sent events (HTML Living Standard §9.2 "Server-sent events"): one
// helper that follows a source from a cursor and writes `id:`/`event:`/
// `data:` frames. It reads on every commit signal and every `pollMs` (a
// commit made where no signal reaches, such as the CLI on SQLite), writes a
// comment line every `heartbeatMs` so proxies keep the connection open, waits
// for the socket to drain before reading more, and ends every open stream
// when the server closes.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface SseFrame {
  id?: string;
  event: string;
  data: unknown;
}

export interface SseSource<C> {
  start: C;
  /** Frames after `cursor`, the cursor after them, and whether more are waiting. */
  read(cursor: C): Promise<{ frames: SseFrame[]; cursor: C; more: boolean }>;
  /** Calls `wake` when the source may have something new; returns the unsubscribe. */
  subscribe(wake: () => void): () => void;
}

export interface SseTiming {
  heartbeatMs: number;
  pollMs: number;
}

export type OpenSse = <C>(request: FastifyRequest, reply: FastifyReply, source: SseSource<C>) => void;

function frame(f: SseFrame): string {
  const data = JSON.stringify(f.data).replace(/\n/g, '\\n');
  return `${f.id !== undefined ? `id: ${f.id}\n` : ''}event: ${f.event}\ndata: ${data}\n\n`;
}

/** An SSE opener for the routes of one plugin; its streams end when the app closes. */
export function sseHub(app: FastifyInstance, timing: SseTiming): OpenSse {
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });

  return (request, reply, source) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    res.write('retry: 3000\n: connected\n\n');

    let cursor = source.start;
    let closed = false;
    let busy = false;
    let again = false;

    const write = (text: string) =>
      new Promise<void>((resolve) => {
        if (res.write(text)) return resolve();
        const go = () => {
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.on('drain', go);
        res.on('close', go);
      });

    async function pump(): Promise<void> {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          const page = await source.read(cursor);
          for (const f of page.frames) {
            if (closed) return;
            await write(frame(f));
          }
          cursor = page.cursor;
          if (page.more) again = true;
        } while (again && !closed);
      } catch (error) {
        request.log.warn({ err: error }, 'event stream read failed; retrying on the next signal or poll');
      } finally {
        busy = false;
      }
    }

    const unsubscribe = source.subscribe(() => void pump());
    const heartbeat = setInterval(() => {
      if (!closed) res.write(': ping\n\n');
    }, timing.heartbeatMs);
    const poll = setInterval(() => void pump(), timing.pollMs);
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearInterval(poll);
      unsubscribe();
      open.delete(end);
    };
    const end = () => {
      close();
      res.end();
    };
    open.add(end);
    res.on('close', close);
    void pump();
  };
}
