// Rollcall as the host product's OpenID Provider (docs/oidc.md): the host's
// registered apps (clients), the provider's own keys (ID token signing,
// cookie signing: generated once, shared by every instance), and what
// oidc-provider persists (sessions, interactions, grants, codes, access and
// refresh tokens), one row per item with the columns it is looked up or
// revoked by, and its expiry.

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const oidc: Migration = {
  name: '0007-oidc',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oidc_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // oidc-provider compares the presented secret with the registered one
      // (client_secret_basic / _post), so it is kept as issued.
      .addColumn('client_secret', 'text', (c) => c.notNull())
      .addColumn('redirect_uris', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('oidc_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('oidc_payloads')
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text')
      .addColumn('uid', 'text')
      .addColumn('user_code', 'text')
      .addColumn('account_id', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('consumed_at', 'text')
      .addPrimaryKeyConstraint('oidc_payloads_pk', ['model', 'id'])
      .execute();
    await db.schema.createIndex('oidc_payloads_grant').on('oidc_payloads').columns(['grant_id']).execute();
    await db.schema.createIndex('oidc_payloads_uid').on('oidc_payloads').columns(['uid']).execute();
    await db.schema.createIndex('oidc_payloads_account').on('oidc_payloads').columns(['account_id']).execute();
    await db.schema.createIndex('oidc_payloads_expires').on('oidc_payloads').columns(['expires_at']).execute();
  },
};
