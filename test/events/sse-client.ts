// A small server-sent events client for tests: opens a stream with fetch and
// hands out parsed frames (and comment lines) as they arrive.

export interface SseFrame {
  id?: string;
  event?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  comment?: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The next frame that satisfies `match` (skipping others), or a rejection after `withinMs`. */
  next(match?: (f: SseFrame) => boolean, withinMs?: number): Promise<SseFrame>;
  /** Every frame received so far. */
  frames: SseFrame[];
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const frames: SseFrame[] = [];
  let consumed = 0;
  let notify: () => void = () => undefined;
  let ended = false;
  if (res.body && res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            for (const f of parse(block)) frames.push(f);
            notify();
          }
        }
      } catch {
        // aborted
      }
      ended = true;
      notify();
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    frames,
    async next(match = () => true, withinMs = 10_000) {
      const deadline = Date.now() + withinMs;
      for (;;) {
        while (consumed < frames.length) {
          const f = frames[consumed++];
          if (match(f)) return f;
        }
        if (ended) throw new Error(`stream ended; frames: ${JSON.stringify(frames)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching frame within ${withinMs} ms; frames: ${JSON.stringify(frames.slice(-5))}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          notify = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close: () => controller.abort(),
  };
}

function parse(block: string): SseFrame[] {
  const out: SseFrame[] = [];
  const frame: SseFrame = {};
  let data: string[] | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.push({ comment: line.slice(1).trim() });
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) (data ??= []).push(line.slice(6));
  }
  if (data) frame.data = JSON.parse(data.join('\n'));
  if (frame.event || frame.data !== undefined) out.push(frame);
  return out;
}
