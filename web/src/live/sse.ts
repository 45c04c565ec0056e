// Server-sent events over fetch (not EventSource): fetch lets the dashboard
// tell "this server has no stream endpoint" (404) from a dropped connection,
// and send Last-Event-ID itself when it resumes.

export interface LiveEvent {
  id?: string;
  /** `user.created`, `group.member_added`, …; `refresh` means "re-read everything". */
  type: string;
  data: unknown;
}

/** Parses one `text/event-stream` body, calling `onEvent` per dispatched event (comments and heartbeats skipped). */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: LiveEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const event = parseBlock(block);
      if (event) onEvent(event);
    }
  }
}

function parseBlock(block: string): LiveEvent | undefined {
  let id: string | undefined;
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0 && name === 'message') return undefined;
  let payload: unknown = data.join('\n');
  try {
    payload = JSON.parse(payload as string);
  } catch {
    // a plain-text payload stays a string
  }
  const typed = (payload as { type?: unknown } | null)?.type;
  const type = name !== 'message' ? name : typeof typed === 'string' ? typed : 'message';
  return { id, type, data: payload };
}
