// Keeps the activity log and the webhook delivery records within their
// retention period (ROLLCALL_ACTIVITY_RETENTION_DAYS): a purge at start, then
// every `intervalMs`. Every instance may run one; deleting what another
// already deleted costs nothing. Pending deliveries are never purged.

import type { ActivityLog } from '../domain/activity/activity-log.js';
import type { WebhookService } from '../domain/realtime/webhooks.js';
import type { Clock } from '../domain/ports.js';
import type { Worker } from './webhook-worker.js';

export function startRetention(deps: { activity: ActivityLog; webhooks: WebhookService; clock: Clock; retentionMs: number; intervalMs: number; onError?: (error: unknown) => void }): Worker {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    const before = new Date(deps.clock.now().getTime() - deps.retentionMs);
    running = Promise.all([deps.activity.purge(), deps.webhooks.purge(before)])
      .then(() => undefined, deps.onError)
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, deps.intervalMs);
  timer.unref();
  run();
  return {
    wake: run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
