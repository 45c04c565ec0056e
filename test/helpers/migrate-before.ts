// For a migration's own test: the schema as it stood just before that
// migration, recorded as applied, so the test can seed rows of the old shape
// and then run the rest (migrate).

import { sql, type Kysely } from 'kysely';
import { migrations } from '../../src/storage/migrations/index.js';
import type { Storage } from '../../src/storage/database.js';

export async function migrateBefore(storage: Storage, name: string, appliedAt = '2026-01-01T00:00:00.000Z'): Promise<void> {
  const db = storage.db as unknown as Kysely<unknown>;
  const upTo = migrations.findIndex((m) => m.name === name);
  if (upTo < 0) throw new Error(`no migration named ${name}`);
  await db.transaction().execute(async (trx) => {
    await trx.schema.createTable('rollcall_migrations').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('applied_at', 'text', (c) => c.notNull()).execute();
    for (const migration of migrations.slice(0, upTo)) {
      await migration.up(trx, storage.sqlDialect);
      await sql`insert into rollcall_migrations (name, applied_at) values (${migration.name}, ${appliedAt})`.execute(trx);
    }
  });
}
