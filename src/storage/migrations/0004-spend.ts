// Spend limits and usage: per-team settings, group limits and per-user
// overrides, the usage ledger, holds, and running totals per member and per
// team per period (so authorization never sums the ledger). Money is integer
// minor units in `bigint` columns: a cap or a month's spend can pass 2^31.

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const spend: Migration = {
  name: '0004-spend',
  async up(db: Kysely<unknown>, dialect) {
    const serial = dialect.serialType;
    const seq = dialect.serialPrimaryKey;

    await db.schema
      .createTable('spend_settings')
      .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('default_limit', 'bigint')
      .addColumn('team_cap', 'bigint')
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('period_anchor', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // A row means "this group has a per-user limit"; a NULL amount is an
    // unlimited group (it beats every amount).
    await db.schema
      .createTable('spend_group_limits')
      .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id').onDelete('cascade'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('spend_group_limits_team').on('spend_group_limits').columns(['team_id', 'group_id']).execute();

    // No foreign key to users: the member-deleted hook reads the override
    // (for the event's "previous" limit) before it removes it.
    await db.schema
      .createTable('spend_overrides')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('spend_overrides_team').on('spend_overrides').columns(['team_id', 'user_id']).execute();

    // How many groups with a limit each member is in, kept in the membership
    // transactions, so "members in several limited groups" is an index range.
    await db.schema
      .createTable('spend_members')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('limited_groups', 'integer', (c) => c.notNull())
      .addColumn('multi', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('spend_members_team_multi').on('spend_members').columns(['team_id', 'multi', 'user_id']).execute();

    await db.schema
      .createTable('spend_totals')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('spent', 'bigint', (c) => c.notNull())
      .addColumn('held', 'bigint', (c) => c.notNull())
      .addColumn('notified', 'integer', (c) => c.notNull())
      // The earliest expiry among the row's holds (or earlier): until then no
      // hold of the member can have expired, so authorization skips the check.
      .addColumn('next_expiry', 'text')
      .addPrimaryKeyConstraint('spend_totals_pk', ['user_id', 'period_start'])
      .execute();

    await db.schema
      .createTable('spend_team_totals')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('spent', 'bigint', (c) => c.notNull())
      .addColumn('held', 'bigint', (c) => c.notNull())
      .addColumn('notified', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('spend_team_totals_pk', ['team_id', 'period_start'])
      .execute();

    await db.schema
      .createTable('spend_ledger')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('metadata', 'text')
      .addColumn('reverses_id', 'text')
      .addColumn('hold_id', 'text')
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('refunded', 'bigint', (c) => c.notNull())
      .execute();
    // The caller's event id is the idempotency key, per team.
    await db.schema.createIndex('spend_ledger_team_event').on('spend_ledger').columns(['team_id', 'event_id']).unique().execute();
    // A team's ledger by time: listings, and restamping a period when its rule changes.
    await db.schema.createIndex('spend_ledger_team_time').on('spend_ledger').columns(['team_id', 'occurred_at']).execute();

    await db.schema
      .createTable('spend_holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('settled_at', 'text')
      .addColumn('captured_amount', 'bigint')
      .addColumn('ledger_id', 'text')
      .execute();
    // Lazy reclaim looks up one member's expired holds; the sweeper all of them.
    await db.schema.createIndex('spend_holds_member').on('spend_holds').columns(['user_id', 'status', 'expires_at']).execute();
    await db.schema.createIndex('spend_holds_expiry').on('spend_holds').columns(['status', 'expires_at']).execute();

    await db.schema
      .createTable('spend_audit')
      .addColumn('seq', serial, seq)
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_email', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('target_name', 'text')
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('affected', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('spend_audit_team_seq').on('spend_audit').columns(['team_id', 'seq']).execute();
  },
};
