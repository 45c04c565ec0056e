// The webhook worker of one process: dispatches new events into deliveries
// and keeps up to `concurrency` attempts in flight. It wakes when events
// commit (the commit signal, fed on PostgreSQL by LISTEN from every instance)
// and every `pollMs` for retries that have come due. Several processes may
// run one each: claims are exclusive (webhooks-repository.ts).

import { ALL_TEAMS, type CommitSignal } from '../domain/realtime/event-feed-signal.js';
import type { WebhookDelivery } from '../domain/realtime/webhooks-delivery.js';

export interface WebhookWorkerOptions {
  concurrency: number;
  pollMs: number;
}

export interface Worker {
  /** Runs one round now (tests use it instead of waiting for the poll). */
  wake(): void;
  stop(): Promise<void>;
}

export function startWebhookWorker(deps: {
  delivery: WebhookDelivery;
  signal: CommitSignal;
  options: WebhookWorkerOptions;
  onError?: (error: unknown) => void;
}): Worker {
  const { delivery, options } = deps;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const inFlight = new Set<Promise<void>>();
  const report = (error: unknown) => deps.onError?.(error);

  async function round(): Promise<void> {
    // Every commit of every team wakes the worker; most deployments have no
    // endpoint at all. A commit landing meanwhile sets `again`, so an
    // endpoint created during this read is seen on the next round.
    again = false;
    if (!(await delivery.hasWork())) return;
    do {
      again = false;
      // A dispatch that created deliveries may have left more events behind.
      if ((await delivery.dispatch()) > 0) again = true;
      const jobs = await delivery.claim(options.concurrency - inFlight.size);
      for (const job of jobs) {
        const attempt = delivery
          .attempt(job)
          .catch(report)
          .finally(() => {
            inFlight.delete(attempt);
            wake();
          });
        inFlight.add(attempt);
      }
    } while (again && !stopped);
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch(report)
      .finally(() => {
        running = undefined;
        if (again) wake();
      });
  }

  const unsubscribe = deps.signal.subscribe('events', ALL_TEAMS, wake);
  const timer = setInterval(wake, options.pollMs);
  timer.unref();
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}
