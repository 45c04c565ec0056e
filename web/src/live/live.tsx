// Live updates for one team: the admin event stream (SSE) when the server has
// it, so users and groups pushed by the IdP appear without a reload. A server
// without the stream endpoint is polled instead, and the header says which of
// the two is happening. After a reconnect, pages re-read what they show.

import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { readEventStream, type LiveEvent } from './sse';

export type LiveMode = 'connecting' | 'streaming' | 'polling' | 'reconnecting';

interface LiveValue {
  mode: LiveMode;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

const POLL_MS = 4000;
const MAX_BACKOFF_MS = 15_000;
const LiveContext = createContext<LiveValue | null>(null);
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

export function LiveProvider({ teamId, children }: { teamId: string; children: ReactNode }) {
  const [mode, setMode] = useState<LiveMode>('connecting');
  const listeners = useRef(new Set<(event: LiveEvent) => void>());

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const emit = (event: LiveEvent) => listeners.current.forEach((listener) => listener(event));
    let poller: ReturnType<typeof setInterval> | undefined;
    let lastId: string | undefined;

    const run = async () => {
      for (let attempt = 0; !signal.aborted; attempt++) {
        try {
          const res = await fetch(`/api/admin/teams/${encodeURIComponent(teamId)}/events/stream`, {
            headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
            credentials: 'same-origin',
            signal,
          });
          if (res.status === 404) {
            setMode('polling');
            poller = setInterval(() => emit({ type: 'refresh', data: null }), POLL_MS);
            return;
          }
          if (res.ok && res.body) {
            setMode('streaming');
            if (attempt > 0) emit({ type: 'refresh', data: null });
            attempt = 0;
            await readEventStream(res.body, (event) => {
              if (event.id) lastId = event.id;
              emit(event);
            });
          }
        } catch {
          // dropped: retry below
        }
        if (signal.aborted) return;
        setMode('reconnecting');
        await sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt), signal);
      }
    };
    setMode('connecting');
    void run();
    return () => {
      controller.abort();
      if (poller) clearInterval(poller);
    };
  }, [teamId]);

  const value = useMemo<LiveValue>(() => ({ mode, subscribe: (listener) => (listeners.current.add(listener), () => void listeners.current.delete(listener)) }), [mode]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLiveMode(): LiveMode {
  return useContext(LiveContext)?.mode ?? 'connecting';
}

/**
 * Calls `reload` when an event whose type starts with one of `prefixes`
 * arrives (or on a poll/resync), at most about three times a second so an
 * initial sync of thousands of users does not become thousands of reloads.
 */
export function useLiveRefresh(prefixes: readonly string[], reload: () => void): void {
  const live = useContext(LiveContext);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const key = prefixes.join(',');
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wanted = key.split(',');
    const unsubscribe = live.subscribe((event) => {
      if (event.type !== 'refresh' && !wanted.some((prefix) => event.type.startsWith(prefix))) return;
      timer ??= setTimeout(() => {
        timer = undefined;
        reloadRef.current();
      }, 300);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [live, key]);
}
