import { afterEach, describe, expect, it, vi } from 'vitest';
import { bufferedLogStream } from './buffered-log-stream.js';

const line = (level: number, msg: string) => `${JSON.stringify({ level, time: 1, msg })}\n`;

describe('buffered log stream', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(options: { flushMs?: number; maxBytes?: number } = {}) {
    const writes: string[] = [];
    let atExit: (() => void) | undefined;
    const stream = bufferedLogStream({ write: (chunk) => writes.push(chunk) }, { ...options, onExit: (f) => (atExit = f) });
    return { stream, writes, exit: () => atExit?.() };
  }

  it('writes the lines of a burst together, in order, once flushMs has passed', () => {
    vi.useFakeTimers();
    const { stream, writes } = setup({ flushMs: 100 });
    stream.write(line(30, 'a'));
    stream.write(line(30, 'b'));
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(writes).toEqual([line(30, 'a') + line(30, 'b')]);
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(1);
  });

  it('writes at once when maxBytes wait', () => {
    vi.useFakeTimers();
    const { stream, writes } = setup({ maxBytes: 60 });
    stream.write(line(30, 'x'.repeat(20)));
    expect(writes).toEqual([]);
    stream.write(line(30, 'y'.repeat(20)));
    expect(writes).toEqual([line(30, 'x'.repeat(20)) + line(30, 'y'.repeat(20))]);
  });

  it('writes a warning or an error at once, after the lines before it', () => {
    vi.useFakeTimers();
    const { stream, writes } = setup();
    stream.write(line(30, 'before'));
    stream.write(line(50, 'boom'));
    expect(writes).toEqual([line(30, 'before') + line(50, 'boom')]);
    stream.write(line(40, 'careful'));
    expect(writes).toHaveLength(2);
  });

  it('writes what waits when the process exits', () => {
    vi.useFakeTimers();
    const { stream, writes, exit } = setup();
    stream.write(line(30, 'last words'));
    exit();
    expect(writes).toEqual([line(30, 'last words')]);
    exit();
    expect(writes).toHaveLength(1);
  });
});
