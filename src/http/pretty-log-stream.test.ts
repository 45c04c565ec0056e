import { describe, expect, it } from 'vitest';
import { formatLogLine, prettyLogStreamFor } from './pretty-log-stream.js';

describe('formatLogLine', () => {
  const time = Date.UTC(2026, 0, 2, 21, 4, 5);

  it('shows the time, the level and the message, then the other fields as key=value', () => {
    expect(formatLogLine(JSON.stringify({ level: 40, time, pid: 1, hostname: 'h', msg: 'SSO accepts http:// IdP URLs', signal: 'SIGTERM', n: 3 }), false)).toBe(
      '21:04:05  WARN   SSO accepts http:// IdP URLs  signal=SIGTERM n=3',
    );
  });

  it('shows a request and its answer as method, URL, status and time', () => {
    expect(formatLogLine(JSON.stringify({ level: 30, time, reqId: 'r1', req: { method: 'GET', url: '/healthz' }, msg: 'incoming request' }), false)).toBe('21:04:05  INFO   GET /healthz  reqId=r1');
    expect(formatLogLine(JSON.stringify({ level: 30, time, reqId: 'r1', res: { statusCode: 200 }, responseTime: 3.14159, msg: 'request completed' }), false)).toBe('21:04:05  INFO   200 3.1ms  reqId=r1');
  });

  it('prints an error\'s stack under the line, and passes through what is not JSON', () => {
    expect(formatLogLine(JSON.stringify({ level: 50, time, msg: 'boom', err: { message: 'x', stack: 'Error: x\n    at y' } }), false)).toBe('21:04:05  ERROR  boom\nError: x\n    at y');
    expect(formatLogLine('plain text', false)).toBe('plain text');
  });

  it('colours the level for a terminal', () => {
    expect(formatLogLine(JSON.stringify({ level: 50, time, msg: 'm' }), true)).toContain('\u001b[31mERROR');
  });
});

describe('prettyLogStreamFor', () => {
  it('keeps JSON when the output is not a terminal', () => {
    expect(prettyLogStreamFor({ isTTY: false } as NodeJS.WriteStream)).toBeUndefined();
  });

  it('writes whole lines only, even when pino\'s chunks split one', async () => {
    const written: string[] = [];
    const stream = prettyLogStreamFor({ isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
    const line = JSON.stringify({ level: 30, time: 0, msg: 'hello' });
    await new Promise<void>((resolve) => stream?.write(line.slice(0, 10), () => resolve()));
    expect(written).toEqual([]);
    await new Promise<void>((resolve) => stream?.write(line.slice(10) + '\n', () => resolve()));
    expect(written.join('')).toMatch(/INFO.*hello\n$/);
  });
});
