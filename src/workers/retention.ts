// Keeps the activity log and the webhook delivery records within their
// retention period (ROLLCALL_ACTIVITY_RETENTION_DAYS): a purge at start, then
// every `intervalMs`; and the teams deleted longer ago than their own
// retention (ROLLCALL_DELETED_TEAM_RETENTION_DAYS). Every instance may run one; deleting what another
// already deleted costs nothing. Pending deliveries are never purged.

import type { ActivityLog } from '../domain/activity/activity-log.js';
import type { WebhookService } from '../domain/realtime/webhooks.js';
import type { Clock } from '../domain/ports.js';
import type { Worker } from './webhook-worker.js';

export function startRetention(deps: {
  activity: ActivityLog;
  webhooks: WebhookService;
  clock: Clock;
  retentionMs: number;
  intervalMs: number;
  /** Deleted teams older than their retention (ROLLCALL_DELETED_TEAM_RETENTION_DAYS) are purged too. */
  deletedTeams?: { purgeDeleted(before: Date): Promise<unknown>; retentionMs: number };
  onError?: (error: unknown) => void;
}): Worker {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    const before = new Date(deps.clock.now().getTime() - deps.retentionMs);
    const teams = deps.deletedTeams;
    const teamsBefore = teams && new Date(deps.clock.now().getTime() - teams.retentionMs);
    running = Promise.all([deps.activity.purge(), deps.webhooks.purge(before), teams && teamsBefore ? teams.purgeDeleted(teamsBefore) : undefined])
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
