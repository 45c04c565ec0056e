// Publishes the commit signal for the teams whose events a transaction
// wrote, once the transaction has committed (a reader woken earlier would
// not see them yet). Wraps the directory services' Store port; services
// that keep their own store use `publishAfter` around their transaction.

import type { Store } from '../directory/store.js';
import type { DomainEvent } from '../events.js';
import type { CommitSignal } from './event-feed-signal.js';

export function signalCommits<Tx>(store: Store<Tx>, signal: CommitSignal): Store<Tx> {
  const open = new WeakMap<object, Set<string>>();
  const publish = (teams: Iterable<string>) => {
    for (const teamId of teams) signal.publish('events', teamId);
  };
  return {
    ...store,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const teams = new Set<string>();
      const result = await store.transaction(async (tx) => {
        teams.clear();
        open.set(tx as object, teams);
        return fn(tx);
      });
      publish(teams);
      return result;
    },
    async batch<T>(fn: (scoped: Store<Tx>, full: () => boolean) => Promise<T>): Promise<T> {
      // The batch writes its gathered events itself, after `fn`: note their teams as they are gathered.
      const teams = new Set<string>();
      const result = await store.batch((scoped, full) =>
        fn(
          {
            ...scoped,
            events: {
              ...scoped.events,
              async append(tx: Tx, events: DomainEvent[]) {
                await scoped.events.append(tx, events);
                events.forEach((e) => teams.add(e.teamId));
              },
            },
          },
          full,
        ),
      );
      publish(teams);
      return result;
    },
    events: {
      ...store.events,
      async append(tx: Tx, events: DomainEvent[]) {
        await store.events.append(tx, events);
        const teams = open.get(tx as object);
        const written = events.map((e) => e.teamId);
        // Outside a transaction of this store the write has committed (or sits in
        // a transaction we cannot see, which readers' polling covers).
        if (teams) written.forEach((t) => teams.add(t));
        else publish(written);
      },
    },
  };
}
