// Team lifecycle over the host API (issue 11): the host product's own id for
// a team (`external_id`, unique while set), soft deletion (`deleted_at`; a
// deleted team is invisible everywhere and purged after the retention window),
// when a team last changed; and admin portal links: single-use, short-lived
// sign-in links into one team's dashboard, with the sessions they open
// scoped to that team and role (and the host's return URL for "Back to …").

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const teamLifecycle: Migration = {
  name: '0011-team-lifecycle',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('teams').addColumn('external_id', 'text').execute();
    await db.schema.alterTable('teams').addColumn('deleted_at', 'text').execute();
    await db.schema.alterTable('teams').addColumn('updated_at', 'text').execute();
    // Several NULLs are allowed on both dialects; deletion clears the column, so the id can be reused at once.
    await db.schema.createIndex('teams_external_id').on('teams').column('external_id').unique().execute();
    // The host API's list pages in (created_at, id) order.
    await db.schema.createIndex('teams_created').on('teams').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('portal_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('intent', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('return_url', 'text')
      // Who made it: `api_key:<id>` or `admin:<account id>` (the audit trail).
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('used_by_account_id', 'text')
      .addColumn('used_session_id', 'text')
      .execute();
    await db.schema.createIndex('portal_links_team').on('portal_links').columns(['team_id', 'created_at']).execute();

    // A session opened by a portal link reaches only its team, with the link's role.
    await db.schema.alterTable('admin_sessions').addColumn('scope_team_id', 'text').execute();
    await db.schema.alterTable('admin_sessions').addColumn('scope_role', 'text').execute();
    await db.schema.alterTable('admin_sessions').addColumn('return_url', 'text').execute();
  },
};
