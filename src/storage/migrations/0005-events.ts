// Event delivery: a gap-free sequence per team on the outbox (the feed's
// cursor), webhook endpoints with their deliveries and attempts, and the
// activity log of SCIM requests. On PostgreSQL, a trigger NOTIFYs the
// `rollcall` channel when events or activity rows commit, so every instance
// wakes its streams and workers (NOTIFY is delivered at commit, never before).

import { sql, type Kysely } from 'kysely';
import type { Migration } from './index.js';

export const NOTIFY_CHANNEL = 'rollcall';

export const events: Migration = {
  name: '0005-events',
  async up(db: Kysely<unknown>, dialect) {
    // A team's events numbered 1, 2, 3… in commit order (see events-repository.ts).
    await db.schema.alterTable('events').addColumn('team_seq', 'integer').execute();
    await sql`update events set team_seq = (select count(*) from events e2 where e2.team_id = events.team_id and e2.seq <= events.seq)`.execute(db);
    await db.schema.createIndex('events_team_team_seq').on('events').columns(['team_id', 'team_seq']).unique().execute();
    await db.schema
      .createTable('event_streams')
      .addColumn('team_id', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .execute();
    await sql`insert into event_streams (team_id, last_seq) select team_id, max(team_seq) from events group by team_id`.execute(db);

    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('previous_secret', 'text')
      .addColumn('previous_secret_expires_at', 'text')
      .addColumn('event_types', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('disabled_reason', 'text')
      .addColumn('disabled_at', 'text')
      .addColumn('cursor_seq', 'integer', (c) => c.notNull())
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failing_since', 'text')
      .addColumn('last_success_at', 'text')
      .addColumn('last_failure_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhook_endpoints_team').on('webhook_endpoints').columns(['team_id']).execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('event_seq', 'integer', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_response_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('redelivery_of', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at']).execute();

    await db.schema
      .createTable('webhook_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
      .addColumn('endpoint_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_excerpt', 'text')
      .addColumn('error', 'text')
      .addColumn('worker', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();

    await db.schema
      .createTable('activity_log')
      .addColumn('seq', dialect.serialType, dialect.serialPrimaryKey)
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('latency_ms', 'real', (c) => c.notNull())
      .addColumn('idp', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('resource_type', 'text')
      .addColumn('resource_id', 'text')
      .addColumn('user_name', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('error_type', 'text')
      .addColumn('auth_failure', 'text')
      .addColumn('probe', 'text')
      .addColumn('request_body', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('request_id', 'text')
      .execute();
    await db.schema.createIndex('activity_log_team_seq').on('activity_log').columns(['team_id', 'seq']).execute();
    await db.schema.createIndex('activity_log_team_at').on('activity_log').columns(['team_id', 'at']).execute();
    await db.schema.createIndex('activity_log_at').on('activity_log').columns(['at']).execute();

    if (dialect.listensForCommits) {
      // The schema travels in the payload: several deployments (or test
      // schemas) may share one database and so one channel.
      await sql`
        create or replace function rollcall_notify_commit() returns trigger language plpgsql as $$
        begin
          perform pg_notify(${sql.lit(NOTIFY_CHANNEL)}, json_build_object('schema', TG_TABLE_SCHEMA, 'kind', TG_ARGV[0], 'team', t.team_id)::text)
          from (select distinct team_id from new_rows) t;
          return null;
        end $$`.execute(db);
      await sql`create trigger events_notify after insert on events referencing new table as new_rows for each statement execute function rollcall_notify_commit('events')`.execute(db);
      await sql`create trigger activity_notify after insert on activity_log referencing new table as new_rows for each statement execute function rollcall_notify_commit('activity')`.execute(db);
    }
  },
};
