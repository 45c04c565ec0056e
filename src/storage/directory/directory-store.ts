// Wires the repositories over one database into the domain's Store port.

import type { Store } from '../../domain/directory/store.js';
import type { Registry } from '../../scim/schema/registry.js';
import type { Storage } from '../database.js';
import { isRetryable, type Executor } from '../executor.js';
import { createUsersRepository } from './users-repository.js';
import { batchedWrites } from './batched-writes.js';
import { createGroupsRepository } from './groups-repository.js';
import { createGroupMembersRepository } from './group-members-repository.js';
import { lockMemberReferences } from './member-reference-locks.js';
import { createEventsRepository } from '../realtime/events-repository.js';
import { createTeamsRepository, createTokensRepository } from './teams-repository.js';

export function createStore(storage: Storage, registry: Registry): Store<Executor> {
  const dialect = storage.sqlDialect;
  const users = createUsersRepository({ schema: registry.user, dialect });
  const store: Omit<Store<Executor>, 'batch'> = {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    async snapshot(options) {
      if (options?.long && storage.snapshot) return storage.snapshot();
      // SQLite ignores the settings: its BEGIN already reads one snapshot (from the first read on).
      const tx = await storage.db.startTransaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute();
      let ended: Promise<void> | undefined;
      // Rolling back releases the connection even when the rollback fails (a broken connection).
      const end = () => (ended ??= tx.rollback().execute().catch(() => undefined));
      return { tx, end };
    },
    retryable: isRetryable,
    users,
    groups: createGroupsRepository({ schema: registry.group, dialect }),
    members: {
      ...createGroupMembersRepository(dialect),
      lockReferenced: (db, teamId, ids) => lockMemberReferences(db, dialect, teamId, ids),
    },
    events: createEventsRepository(dialect),
    teams: createTeamsRepository(),
    tokens: createTokensRepository(dialect),
  };
  return { ...store, batch: batchedWrites({ store, users, dialect }) };
}
