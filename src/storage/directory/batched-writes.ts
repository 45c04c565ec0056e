// Many writes in one transaction, for Bulk (RFC 7644 §3.7). A transaction
// per write paid a COMMIT each (on SQLite with synchronous=FULL, an fsync on
// the event loop); a batch pays one per transaction instead, with the same
// durability.
//
// Each write still succeeds or fails on its own, without a savepoint each
// (on PostgreSQL a savepoint was a round trip per create, as much as the
// insert, and a subtransaction, 64 of which per backend fit in shared
// memory; on SQLite, a sub-journal copy of every page a write touched). A
// write fails on its own only one way: its users.insert finds the userName
// taken, answered by an insert that writes nothing and raises nothing
// (`on conflict do nothing`), so the transaction goes on as if that write
// had not run. The users.insert must then be the write's first statement
// (a create's is; a second insert of the write finding its userName taken
// counts as any other failure). Any other failure may have left part of the write, or
// (PostgreSQL) aborted the transaction: the batch is full at once, and when
// `fn` returns it throws that error, so the whole transaction rolls back
// and none of its writes is kept; the caller runs them again one at a time
// (the Bulk route's stepBatch does).
//
// Events, the users' email rows and the teams' user counts are gathered and
// written when the batch ends, just before the commit. Both rows (the team's event counter, the
// team's row) are what every writer of the team locks; taken last, they are
// held for the commit only, as in a single write, and in the same order
// (team row, then event counter), so a batch and a single write queue rather
// than deadlock. A batch also stops at `writesPerBatch` writes or
// BUDGET_MS, so it never holds the (SQLite) connection or a user name's
// index entry for long.

import type { Store } from '../../domain/directory/store.js';
import type { DomainEvent } from '../../domain/events.js';
import type { StoredResource } from '../../domain/directory/types.js';
import type { Executor } from '../executor.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { UsersRepository } from './users-repository.js';

/** Long enough to carry a few hundred creates, short enough not to starve other writers. */
export const BUDGET_MS = 100;

/** Thrown by a batch that a write left unfit to commit; `cause` is that write's error. */
export class BatchAborted extends Error {
  constructor(cause: unknown) {
    super('a write of the batch failed past its userName check; the batch is rolled back', { cause });
  }
}

export function batchedWrites(deps: { store: Omit<Store<Executor>, 'batch'>; users: UsersRepository; dialect: SqlDialect; budgetMs?: number }): Store<Executor>['batch'] {
  const { store, users, dialect } = deps;
  const budgetMs = deps.budgetMs ?? BUDGET_MS;
  // Over a network, users' rows wait too and go in multi-row statements
  // (see `flush`); in-process SQLite inserts each at once, cheaper than a
  // multi-row statement built by kysely.
  const defer = dialect.roundTrips;
  /**
   * userNameKeys a flush found taken: the batch that runs those creates
   * again (the Bulk route retries once) inserts each of these at once, so
   * it finds them taken in time instead of failing whole again. Used once.
   */
  const foundTaken = new Set<string>();
  return (fn) =>
    store.transaction(async (tx) => {
      const events: DomainEvent[] = [];
      // Email rows cannot fail once their user is in: gathered too, one round trip less per create.
      const emails: ReturnType<UsersRepository['emailRows']> = [];
      let added = new Map<string, number>();
      /** Users not inserted yet (`defer`), in order. */
      let waiting: StoredResource[] = [];
      /** userNameKey of every user this batch has inserted or will insert: a second one is taken. */
      const names = new Set<string>();
      let writes = 0;
      let inWrite = false;
      /** The write under way found its userName taken before writing anything. */
      let taken = false;
      /** The write under way has inserted a user. */
      let inserted = false;
      let aborted: BatchAborted | undefined;
      const started = Date.now();

      /**
       * Inserts the waiting users. Each was checked against the others of
       * the batch, not against the table: one another transaction holds
       * (committed before, or since) makes the batch fail as a whole, as
       * its write had already answered as created.
       */
      async function flush(): Promise<void> {
        if (waiting.length === 0) return;
        const list = waiting;
        waiting = [];
        const done = await users.insertUserRowsUnlessTaken(tx, list);
        const lost = list.filter((user) => !done.has(user.id));
        if (lost.length === 0) return;
        if (foundTaken.size > 100_000) foundTaken.clear();
        for (const user of lost) foundTaken.add(users.userNameKey(user));
        throw (aborted = new BatchAborted(users.takenError(lost[0].resource.userName)));
      }

      const scoped: Store<Executor> = {
        ...store,
        batch: () => Promise.reject(new Error('batches do not nest')),
        async transaction(write) {
          // A write's own nested unit of work is part of it.
          if (inWrite) return write(tx);
          if (aborted) throw aborted;
          inWrite = true;
          taken = false;
          inserted = false;
          writes++;
          const eventsBefore = events.length;
          const emailsBefore = emails.length;
          const waitingBefore = waiting.length;
          const namesAdded: string[] = [];
          const addedBefore = new Map(added);
          const insert = async (db: Executor, user: StoredResource) => {
            const key = users.userNameKey(user);
            const now = !defer || foundTaken.delete(key);
            const free = !names.has(key) && (!now || (await users.insertUserRowUnlessTaken(db, user)));
            if (!free) {
              // Clean only if this write had written nothing before.
              taken = !inserted;
              throw users.takenError(user.resource.userName);
            }
            names.add(key);
            namesAdded.push(key);
            if (!now) waiting.push(user);
            inserted = true;
            emails.push(...users.emailRows(user));
            added.set(user.teamId, (added.get(user.teamId) ?? 0) + 1);
          };
          currentInsert = insert;
          try {
            return await write(tx);
          } catch (error) {
            events.length = eventsBefore;
            emails.length = emailsBefore;
            added = addedBefore;
            if (waiting.length >= waitingBefore) waiting.length = waitingBefore;
            for (const key of namesAdded) names.delete(key);
            if (!taken && !aborted) aborted = new BatchAborted(error);
            throw error;
          } finally {
            inWrite = false;
            currentInsert = undefined;
          }
        },
        users: {
          ...store.users,
          async insert(db, user) {
            if (!currentInsert) throw new Error('a batch writes users inside its transaction()');
            await currentInsert(db, user);
          },
          // A read of users sees those still waiting.
          async resolveRefs(db, teamId, refs) {
            await flush();
            return store.users.resolveRefs(db, teamId, refs);
          },
        },
        events: {
          ...store.events,
          async append(_db, list) {
            events.push(...list);
          },
        },
      };
      let currentInsert: ((db: Executor, user: StoredResource) => Promise<void>) | undefined;
      const full = () => aborted !== undefined || writes >= dialect.writesPerBatch || Date.now() - started >= budgetMs;
      const result = await fn(scoped, full);
      if (aborted) throw aborted;
      await flush();
      await users.insertEmails(tx, emails);
      for (const teamId of [...added.keys()].sort()) await users.count(tx, teamId, added.get(teamId) as number);
      await store.events.append(tx, events);
      return result;
    });
}
