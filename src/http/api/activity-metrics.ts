// Prometheus metrics of the activity log's buffer, read at scrape time: rows
// waiting, rows dropped because the database could not take them, failed
// batch writes, rows the database refused as received (stored stripped).

import { Counter, Gauge, type Registry } from 'prom-client';
import type { ActivityLog } from '../../domain/activity/activity-log.js';

export function registerActivityMetrics(registry: Registry, activity: ActivityLog): void {
  new Gauge({
    name: 'rollcall_activity_buffered',
    help: 'Activity log entries waiting in memory to be written',
    registers: [registry],
    collect() {
      this.set(activity.stats().buffered);
    },
  });
  let droppedSeen = 0;
  new Counter({
    name: 'rollcall_activity_dropped_total',
    help: 'Activity log entries dropped (oldest first) because the buffer was full while the database could not take them',
    registers: [registry],
    collect() {
      const dropped = activity.stats().dropped;
      if (dropped > droppedSeen) this.inc(dropped - droppedSeen);
      droppedSeen = dropped;
    },
  });
  let failuresSeen = 0;
  new Counter({
    name: 'rollcall_activity_write_failures_total',
    help: 'Batches of activity log entries that could not be written (they stay buffered and are retried)',
    registers: [registry],
    collect() {
      const failures = activity.stats().flushFailures;
      if (failures > failuresSeen) this.inc(failures - failuresSeen);
      failuresSeen = failures;
    },
  });
  let rejectedSeen = 0;
  new Counter({
    name: 'rollcall_activity_rejected_total',
    help: 'Activity log entries the database refused as received; each was stored without its details (body, user name) instead of holding back its batch',
    registers: [registry],
    collect() {
      const rejected = activity.stats().rejected;
      if (rejected > rejectedSeen) this.inc(rejected - rejectedSeen);
      rejectedSeen = rejected;
    },
  });
}
