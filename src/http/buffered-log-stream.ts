// Where JSON log lines go when standard output is not a terminal (a file, a
// pipe, a log shipper). pino's default destination writes each line with its
// own write(2): one system call per request, a tenth of a lookup's CPU. This
// one gathers lines and writes them together, at most `flushMs` after the
// first of them or once `maxBytes` wait, and at once for `warn` and above.
// What waits is written when the process exits, whatever the cause
// (process.exit, an uncaught exception, the end of the event loop); only a
// SIGKILL or a crash of Node itself can lose it, at most `flushMs` of lines.

export interface BufferedLogStream {
  write(line: string): void;
  /** Writes what waits now. */
  flush(): void;
}

interface Target {
  write(chunk: string): unknown;
}

/** pino's level numbers: a line at warn (40) or above is written at once, with what waits before it. */
const URGENT = /^\{"level":(?:[4-9]\d|\d{3,})\b/;

export function bufferedLogStream(target: Target, options: { flushMs?: number; maxBytes?: number; onExit?: (flush: () => void) => void } = {}): BufferedLogStream {
  const flushMs = options.flushMs ?? 100;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  let pending: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    bytes = 0;
    target.write(chunk);
  }

  (options.onExit ?? ((f) => process.on('exit', f)))(flush);

  return {
    write(line: string) {
      pending.push(line);
      bytes += line.length;
      if (bytes >= maxBytes || URGENT.test(line)) return flush();
      if (!timer) {
        timer = setTimeout(flush, flushMs);
        timer.unref();
      }
    },
    flush,
  };
}
