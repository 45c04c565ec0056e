// The background work of one server process, started by main.ts before it
// listens and stopped when the app closes: the webhook worker, the retention
// purge (activity log, delivery records), the spend hold sweep, the hourly
// SCIM token expiry check, and where the database announces commits
// (PostgreSQL) the LISTEN connection that brings commits made on other
// instances to this one.
//
// Workers take the services they run as domain types (WorkerServices), not
// services.ts: the composition root hands them over.

import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config.js';
import type { CommitSignal } from '../domain/realtime/event-feed-signal.js';
import type { RealtimeOptions } from '../domain/realtime/event-feed-options.js';
import type { WebhookDelivery } from '../domain/realtime/webhooks-delivery.js';
import type { WebhookService } from '../domain/realtime/webhooks.js';
import type { ActivityLog } from '../domain/activity/activity-log.js';
import { startWebhookWorker } from './webhook-worker.js';
import { startRetention } from './retention.js';
import { systemClock } from '../domain/ports.js';
import { startPgListener } from './pg-listener.js';
import { startSpendSweeper } from './spend-sweeper.js';
import { TOKEN_EXPIRY_WARNING_MS } from '../domain/activity/diagnostics-checks.js';

/** The services the workers drive (services.ts builds them). */
export interface WorkerServices {
  realtime: {
    options: RealtimeOptions;
    signal: CommitSignal;
    webhooks: WebhookService;
    webhookDelivery: WebhookDelivery;
    activity: ActivityLog;
  };
  spend: { sweepExpiredHolds(): Promise<number> };
  tokens: { warnExpiring(withinMs: number): Promise<number> };
  /** Deleted teams are purged after their retention window (domain/directory/team-lifecycle.ts). */
  teamLifecycle: { purgeDeleted(before: Date): Promise<string[]> };
  teamOptions: { deletedRetentionMs: number };
}

export interface WorkerConfig {
  databaseUrl: string;
  pgSchema: string;
  /** The database announces commits to other processes (storage.sqlDialect.listensForCommits): listen for them. */
  listensForCommits: boolean;
  /** false: this process serves requests but delivers no webhooks. */
  webhooks: boolean;
}

export function startWorkers(app: FastifyInstance, services: WorkerServices, config: WorkerConfig) {
  const { realtime } = services;
  const log = app.log;
  const listener = config.listensForCommits ? startPgListener({ url: config.databaseUrl, schema: config.pgSchema, signal: realtime.signal, log }) : undefined;
  const webhooks = config.webhooks
    ? startWebhookWorker({
        delivery: realtime.webhookDelivery,
        signal: realtime.signal,
        options: realtime.options.webhooks,
        onError: (error) => log.warn({ err: error }, 'webhook worker: a round failed; retrying on the next poll'),
      })
    : undefined;
  const purge = startRetention({
    activity: realtime.activity,
    webhooks: realtime.webhooks,
    clock: systemClock,
    retentionMs: realtime.options.activity.retentionMs,
    intervalMs: realtime.options.activity.purgeIntervalMs,
    deletedTeams: { purgeDeleted: (before) => services.teamLifecycle.purgeDeleted(before), retentionMs: services.teamOptions.deletedRetentionMs },
    onError: (error) => log.warn({ err: error }, 'retention purge failed'),
  });
  const holds = startSpendSweeper({
    sweep: () => services.spend.sweepExpiredHolds(),
    intervalMs: 60_000,
    onError: (error) => log.warn({ err: error }, 'spend hold sweep failed; retrying next minute'),
  });
  // token.expiring: a team's last SCIM token expires within 14 days (once per token).
  const expiring = startSpendSweeper({
    sweep: () => services.tokens.warnExpiring(TOKEN_EXPIRY_WARNING_MS),
    intervalMs: 3600_000,
    onError: (error) => log.warn({ err: error }, 'SCIM token expiry check failed; retrying next hour'),
  });
  void services.tokens.warnExpiring(TOKEN_EXPIRY_WARNING_MS).catch((error: unknown) => log.warn({ err: error }, 'SCIM token expiry check failed; retrying next hour'));
  app.addHook('onClose', async () => {
    await Promise.all([webhooks?.stop(), purge.stop(), listener?.stop(), holds.stop(), expiring.stop()]);
  });
  return { listener, webhooks, purge, holds, expiring };
}

/** The real-time tunables from the loaded configuration (src/config/options.ts). */
export function realtimeFromConfig(c: Config['realtime']) {
  return {
    sse: { heartbeatMs: c.sseHeartbeatMs },
    webhooks: {
      timeoutMs: c.webhookTimeoutMs,
      retry: { baseMs: c.webhookRetryBaseMs, maxMs: c.webhookRetryMaxMs, windowMs: c.webhookRetryWindowMs },
      disableAfterMs: c.webhookDisableAfterMs,
      concurrency: c.webhookConcurrency,
    },
    activity: { retentionMs: c.activityRetentionDays * 86_400_000, bufferMax: c.activityBufferMax },
  };
}
