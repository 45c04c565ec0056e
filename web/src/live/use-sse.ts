// One server-sent event stream for one component (the activity log's live
// tail, the connection test): opened while `path` is set, resumed with
// Last-Event-ID after a drop, closed on unmount.

import { useEffect, useRef, useState } from 'react';
import { readEventStream, type LiveEvent } from './sse';

export type StreamState = 'off' | 'connecting' | 'open' | 'reconnecting' | 'unavailable';

export function useSse(path: string | null, onEvent: (event: LiveEvent) => void): StreamState {
  const [state, setState] = useState<StreamState>(path ? 'connecting' : 'off');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!path) {
      setState('off');
      return;
    }
    const controller = new AbortController();
    let lastId: string | undefined;
    const run = async () => {
      for (let attempt = 0; !controller.signal.aborted; attempt++) {
        try {
          const res = await fetch(`/api/admin${path}`, {
            headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
            credentials: 'same-origin',
            signal: controller.signal,
          });
          if (res.status === 404 || res.status === 403 || res.status === 401) {
            setState('unavailable');
            return;
          }
          if (res.ok && res.body) {
            setState('open');
            attempt = 0;
            await readEventStream(res.body, (event) => {
              if (event.id) lastId = event.id;
              handler.current(event);
            });
          }
        } catch {
          // dropped: retry below
        }
        if (controller.signal.aborted) return;
        setState('reconnecting');
        await new Promise((done) => setTimeout(done, Math.min(15_000, 1000 * 2 ** attempt)));
      }
    };
    setState('connecting');
    void run();
    return () => controller.abort();
  }, [path]);

  return state;
}
