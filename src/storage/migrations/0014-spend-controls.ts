// Spend controls (issue 15): soft limits (a mode beside the default, each
// group limit, each override and the team cap), temporary overrides (an end
// instant), alert thresholds with one row per (team, subject, period,
// threshold) so each fires exactly once, limit-increase requests (at most
// one pending per member, by a partial unique index), a team cap per active
// member, and a ledger index by (team, period, member) for the what-if replay.

import { sql, type Kysely } from 'kysely';
import type { Migration } from './index.js';

export const spendControls: Migration = {
  name: '0014-spend-controls',
  async up(db: Kysely<unknown>) {
    // NULL mode is 'hard' (what every limit was before).
    await db.schema.alterTable('spend_settings').addColumn('default_mode', 'text').execute();
    await db.schema.alterTable('spend_settings').addColumn('team_cap_mode', 'text').execute();
    // JSON: [{ scope, percent, notify[] }] (src/domain/spend/alerts.ts); NULL: none.
    await db.schema.alterTable('spend_settings').addColumn('alert_thresholds', 'text').execute();
    // Dynamic team cap: this amount per active member (NULL: the fixed team_cap applies).
    await db.schema.alterTable('spend_settings').addColumn('cap_per_member', 'bigint').execute();
    await db.schema.alterTable('spend_group_limits').addColumn('mode', 'text').execute();
    await db.schema.alterTable('spend_overrides').addColumn('mode', 'text').execute();
    // A temporary override (an approved increase request) stops applying at this instant.
    await db.schema.alterTable('spend_overrides').addColumn('expires_at', 'text').execute();
    await db.schema.alterTable('spend_overrides').addColumn('request_id', 'text').execute();
    // 'admin' | 'directory' | 'host' (NULL: admin when actor_id is set, else directory).
    await db.schema.alterTable('spend_audit').addColumn('actor_kind', 'text').execute();

    // A threshold fired: inserted in the transaction of the usage that crossed
    // it; the primary key makes a second firing in the same period a no-op.
    // subject_id is the member's id, or '' for the team cap.
    await db.schema
      .createTable('spend_alerts')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('threshold', 'text', (c) => c.notNull())
      .addColumn('fired_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('spend_alerts_pk', ['team_id', 'subject_id', 'period_start', 'threshold'])
      .execute();

    await db.schema
      .createTable('spend_increase_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      // 'pending' | 'approved' | 'denied'
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_by_email', 'text')
      .addColumn('approved_amount', 'bigint')
      .addColumn('until', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('spend_increase_requests_team').on('spend_increase_requests').columns(['team_id', 'status', 'created_at']).execute();
    // One pending request per member, whatever the number of instances.
    await sql`create unique index spend_increase_requests_pending on spend_increase_requests (user_id) where status = 'pending'`.execute(db);

    // A dynamic team cap counts the team's active members (teams.user_count
    // includes suspended ones): an index-only range, read only by teams
    // whose cap is per member.
    await db.schema.createIndex('users_team_active').on('users').columns(['team_id', 'active']).execute();

    // The what-if replay reads one page of members' ledger of one period.
    await db.schema.createIndex('spend_ledger_team_period_user').on('spend_ledger').columns(['team_id', 'period_start', 'user_id']).execute();
  },
};
