// First run: one-time setup secrets printed by `npm start` on an empty
// installation (src/domain/access/setup.ts). Only the SHA-256 hash is stored.

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const setup: Migration = {
  name: '0006-setup',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('setup_secrets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
};
