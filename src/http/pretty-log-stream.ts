// Log lines for a person at a terminal. pino writes JSON lines; when stdout is
// a TTY this stream turns each into `21:04:05 INFO  GET /scim/v2/… 200 3.1ms`
// plus the remaining fields as key=value. Anywhere else (a file, a pipe, a log
// shipper) the JSON lines pass through untouched, so nothing parses them twice.

import { Writable } from 'node:stream';

const LEVELS: Record<number, [name: string, color: string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '36'],
  30: ['INFO ', '32'],
  40: ['WARN ', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '35'],
};
/** Fields every line has, or that the layout already shows. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'req', 'res', 'responseTime', 'err', 'reqId']);

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

/** One JSON log line as a readable line (or the line itself when it is not JSON). */
export function formatLogLine(line: string, color: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (!entry || typeof entry !== 'object') return line;
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const [name, code] = LEVELS[Number(entry.level)] ?? ['LOG  ', '0'];
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toISOString().slice(11, 19);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const parts = [paint('90', time), paint(code, name)];
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(`${res.statusCode}${typeof entry.responseTime === 'number' ? ` ${entry.responseTime.toFixed(1)}ms` : ''}`);
  if (!req && !res && entry.msg !== undefined) parts.push(String(entry.msg));
  const rest = Object.entries(entry).filter(([k]) => !SHOWN.has(k));
  if (rest.length) parts.push(paint('90', rest.map(([k, v]) => `${k}=${value(v)}`).join(' ')));
  if (entry.reqId && (req || res)) parts.push(paint('90', `reqId=${String(entry.reqId)}`));
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const out = parts.join('  ');
  return err ? `${out}\n${err.stack ?? err.message ?? JSON.stringify(err)}` : out;
}

/** A stream for pino that prints readable lines to `target`; undefined (JSON) when it is not a terminal. */
export function prettyLogStreamFor(target: NodeJS.WriteStream): Writable | undefined {
  if (!target.isTTY) return undefined;
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (lines.length) target.write(lines.map((l) => formatLogLine(l, true)).join('\n') + '\n');
      done();
    },
  });
}
