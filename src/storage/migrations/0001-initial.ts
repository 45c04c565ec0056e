// The first schema: teams, SCIM tokens, users (+ email side table), groups,
// memberships as rows indexed both ways, and the event outbox.

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const initial: Migration = {
  name: '0001-initial',
  async up(db: Kysely<unknown>, dialect) {
    const serial = dialect.serialType;
    const seq = dialect.serialPrimaryKey;

    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('user_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('group_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('scim_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('scim_tokens_team').on('scim_tokens').columns(['team_id']).execute();

    await db.schema
      .createTable('users')
      .addColumn('seq', serial, seq)
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('user_name_ci', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('display_name', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('users_team_user_name').on('users').columns(['team_id', 'user_name_ci']).unique().execute();
    await db.schema.createIndex('users_team_seq').on('users').columns(['team_id', 'seq']).execute();
    await db.schema.createIndex('users_team_external_id').on('users').columns(['team_id', 'external_id']).execute();
    await db.schema.createIndex('users_team_updated').on('users').columns(['team_id', 'updated_at']).execute();

    await db.schema
      .createTable('user_emails')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('value_ci', 'text', (c) => c.notNull())
      .addColumn('type', 'text')
      .addColumn('primary', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('user_emails_pk', ['user_id', 'position'])
      .execute();
    await db.schema.createIndex('user_emails_team_value').on('user_emails').columns(['team_id', 'value_ci']).execute();

    await db.schema
      .createTable('groups')
      .addColumn('seq', serial, seq)
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('display_name_ci', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('groups_team_display_name').on('groups').columns(['team_id', 'display_name_ci']).execute();
    await db.schema.createIndex('groups_team_seq').on('groups').columns(['team_id', 'seq']).execute();
    await db.schema.createIndex('groups_team_external_id').on('groups').columns(['team_id', 'external_id']).execute();

    await db.schema
      .createTable('group_members')
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('member_type', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
      .execute();
    // The reverse direction: a user's groups, and removal of a deleted user
    // from every group, without scanning any group.
    await db.schema.createIndex('group_members_member').on('group_members').columns(['member_id', 'group_id']).execute();

    await db.schema
      .createTable('events')
      .addColumn('seq', serial, seq)
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('resource_type', 'text')
      .addColumn('resource_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_team_seq').on('events').columns(['team_id', 'seq']).execute();
  },
};
