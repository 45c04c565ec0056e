// Many writes in one transaction, for Bulk (RFC 7644 §3.7). A transaction
// per write paid a COMMIT each (on SQLite with synchronous=FULL, an fsync on
// the event loop); a batch pays one per transaction instead, with the same
// durability.
//
// Each write still succeeds or fails on its own: it runs inside a SAVEPOINT,
// and a write that throws is rolled back to it, so none of its rows remain,
// and the events and counts it gathered are dropped with it.
//
// Events, the users' email rows and the teams' user counts are gathered and
// written when the batch ends, just before the commit. Both rows (the team's event counter, the
// team's row) are what every writer of the team locks; taken last, they are
// held for the commit only, as in a single write, and in the same order
// (team row, then event counter), so a batch and a single write queue rather
// than deadlock. A batch also stops at `savepointsPerTransaction` writes or
// BUDGET_MS, so it never holds the (SQLite) connection or a user name's
// index entry for long.

import { sql } from 'kysely';
import type { Store } from '../../domain/directory/store.js';
import type { DomainEvent } from '../../domain/events.js';
import type { Executor } from '../executor.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { UsersRepository } from './users-repository.js';

/** Long enough to carry a few hundred creates, short enough not to starve other writers. */
export const BUDGET_MS = 100;

const SAVEPOINT = sql.raw('savepoint batched_write');
const RELEASE = sql.raw('release savepoint batched_write');
const ROLLBACK = sql.raw('rollback to savepoint batched_write');

export function batchedWrites(deps: { store: Omit<Store<Executor>, 'batch'>; users: UsersRepository; dialect: SqlDialect; budgetMs?: number }): Store<Executor>['batch'] {
  const { store, users, dialect } = deps;
  const budgetMs = deps.budgetMs ?? BUDGET_MS;
  return (fn) =>
    store.transaction(async (tx) => {
      const events: DomainEvent[] = [];
      // Email rows cannot fail once their user is in: gathered too, one round trip less per create.
      const emails: ReturnType<UsersRepository['emailRows']> = [];
      let added = new Map<string, number>();
      let writes = 0;
      let inWrite = false;
      const started = Date.now();
      const scoped: Store<Executor> = {
        ...store,
        batch: () => Promise.reject(new Error('batches do not nest')),
        async transaction(write) {
          // A write's own nested unit of work is part of it.
          if (inWrite) return write(tx);
          inWrite = true;
          writes++;
          const eventsBefore = events.length;
          const emailsBefore = emails.length;
          const addedBefore = new Map(added);
          // Released after each write where a statement costs no round trip
          // (SQLite: nested savepoints make it copy every page a write touches
          // into a sub-journal, twice the kernel time per create). Elsewhere
          // the commit releases them all; each write's savepoint is then the
          // newest of that name, so a rollback still goes to it.
          await SAVEPOINT.execute(tx);
          try {
            const result = await write(tx);
            if (!dialect.roundTrips) await RELEASE.execute(tx);
            return result;
          } catch (error) {
            await ROLLBACK.execute(tx);
            if (!dialect.roundTrips) await RELEASE.execute(tx);
            events.length = eventsBefore;
            emails.length = emailsBefore;
            added = addedBefore;
            throw error;
          } finally {
            inWrite = false;
          }
        },
        users: {
          ...store.users,
          async insert(db, user) {
            await users.insertUserRow(db, user);
            emails.push(...users.emailRows(user));
            added.set(user.teamId, (added.get(user.teamId) ?? 0) + 1);
          },
        },
        events: {
          ...store.events,
          async append(_db, list) {
            events.push(...list);
          },
        },
      };
      const full = () => writes >= dialect.savepointsPerTransaction || Date.now() - started >= budgetMs;
      const result = await fn(scoped, full);
      await users.insertEmails(tx, emails);
      for (const teamId of [...added.keys()].sort()) await users.count(tx, teamId, added.get(teamId) as number);
      await store.events.append(tx, events);
      return result;
    });
}
