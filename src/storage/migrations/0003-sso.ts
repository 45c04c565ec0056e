// SSO: one connection per team (SAML 2.0 or OIDC), the sign-in requests it
// started (SAML AuthnRequest ids, OIDC state/nonce/PKCE verifier: kept in the
// database so any instance can finish a sign-in another one began), and the
// SAML assertion ids already consumed, kept until they expire, so a response
// cannot be replayed.

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const sso: Migration = {
  name: '0003-sso',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sso_connections')
      .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('pending_config', 'text')
      .addColumn('config_revision', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('activated_at', 'text')
      .addColumn('activated_by', 'text')
      .addColumn('activated_by_email', 'text')
      .addColumn('disabled_at', 'text')
      .addColumn('last_test_at', 'text')
      .addColumn('last_test_result', 'text')
      .addColumn('last_test_reason', 'text')
      .addColumn('last_test_detail', 'text')
      .addColumn('last_test_by_email', 'text')
      .execute();

    await db.schema
      .createTable('sso_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('config_revision', 'integer', (c) => c.notNull())
      .addColumn('use_pending', 'integer', (c) => c.notNull())
      .addColumn('nonce', 'text')
      .addColumn('code_verifier', 'text')
      .addColumn('return_to', 'text')
      .addColumn('interaction_id', 'text')
      .addColumn('initiated_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('consumed_at', 'text')
      .execute();
    await db.schema.createIndex('sso_requests_expires').on('sso_requests').columns(['expires_at']).execute();

    await db.schema
      .createTable('sso_assertions')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('assertion_id', 'text', (c) => c.notNull())
      .addColumn('consumed_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sso_assertions_pk', ['team_id', 'assertion_id'])
      .execute();
    await db.schema.createIndex('sso_assertions_expires').on('sso_assertions').columns(['expires_at']).execute();
  },
};
