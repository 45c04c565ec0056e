// One ordered list of migrations for both dialects. Each runs once, in a
// transaction, and is recorded in `rollcall_migrations`.

import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../sql-dialect.js';
import { initial } from './0001-initial.js';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

export const migrations: Migration[] = [initial];

/** Applies pending migrations; returns the names it applied. */
export async function migrate(db: Kysely<unknown>, dialect: DialectName): Promise<string[]> {
  await db.schema
    .createTable('rollcall_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      // PostgreSQL: serialise concurrent starts of several instances.
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7346201)`.execute(trx);
      const existing = await sql<{ name: string }>`select name from rollcall_migrations where name = ${migration.name}`.execute(trx);
      if (existing.rows.length > 0) return false;
      await migration.up(trx, dialect);
      await sql`insert into rollcall_migrations (name, applied_at) values (${migration.name}, ${new Date().toISOString()})`.execute(trx);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
