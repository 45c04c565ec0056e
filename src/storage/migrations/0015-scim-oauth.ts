// OAuth 2.0 client credentials for the SCIM endpoint (RFC 6749 §4.4): a
// team's OAuth clients (the secret stored only as its SHA-256, like every
// bearer secret) and the short-lived access tokens they were issued (hashed
// too, with their expiry and client, so revoking the client cuts them at once).

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const scimOAuth: Migration = {
  name: '0015-scim-oauth',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('scim_oauth_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('secret_prefix', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('secret_rotated_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('scim_oauth_clients_team').on('scim_oauth_clients').columns(['team_id']).execute();

    await db.schema
      .createTable('scim_oauth_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('scim_oauth_clients.client_id').onDelete('cascade'))
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('scim_oauth_tokens_client').on('scim_oauth_tokens').columns(['client_id', 'expires_at']).execute();
  },
};
