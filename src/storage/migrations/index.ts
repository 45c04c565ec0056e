// One ordered list of migrations for both dialects. Each runs once, in a
// transaction, and is recorded in `rollcall_migrations`.

import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';
import { initial } from './0001-initial.js';
import { adminAccess } from './0002-admin-access.js';
import { sso } from './0003-sso.js';
import { spend } from './0004-spend.js';
import { events } from './0005-events.js';
import { setup } from './0006-setup.js';
import { oidc } from './0007-oidc.js';
import { memberReferences } from './0008-member-references.js';
import { memberDisplay } from './0009-member-display.js';
import { firstHour } from './0010-first-hour.js';
import { teamLifecycle } from './0011-team-lifecycle.js';
import { memberDepartment } from './0013-member-department.js';
import { spendControls } from './0014-spend-controls.js';
import { scimOAuth } from './0015-scim-oauth.js';
import { memberSeq } from './0016-member-seq.js';
import { sortKeyIndexes } from './0017-sort-key-indexes.js';
import { eventsWriteIndexes } from './0018-events-write-indexes.js';
import { membersAddedSeqOrder } from './0019-members-added-seq-order.js';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void>;
}

export const migrations: Migration[] = [initial, adminAccess, sso, spend, events, setup, oidc, memberReferences, memberDisplay, firstHour, teamLifecycle, memberDepartment, spendControls, scimOAuth, memberSeq, sortKeyIndexes, eventsWriteIndexes, membersAddedSeqOrder];

const MIGRATION_LOCK = 7346201;

/**
 * Applies pending migrations; returns the names it applied. A transaction
 * lock (advisory on PostgreSQL) serialises instances that start at the same
 * moment, so each migration runs exactly once.
 */
export async function migrate(db: Kysely<unknown>, dialect: SqlDialect): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await dialect.transactionLock(trx, MIGRATION_LOCK);
    await trx.schema
      .createTable('rollcall_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = new Set((await sql<{ name: string }>`select name from rollcall_migrations`.execute(trx)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await migration.up(trx, dialect);
      await sql`insert into rollcall_migrations (name, applied_at) values (${migration.name}, ${new Date().toISOString()})`.execute(trx);
      applied.push(migration.name);
    }
    return applied;
  });
}
