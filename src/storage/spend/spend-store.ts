// Wires the spend repositories over one database into the domain's
// SpendStore port. The transaction handle is kysely's, the same one the
// directory Store hands its listeners, so spend hooks join SCIM's
// transactions.

import type { SpendStore } from '../../domain/spend/store.js';
import type { Storage } from '../database.js';
import { createEventsRepository } from '../realtime/events-repository.js';
import { retryingTransaction, type Executor } from '../executor.js';
import { createSpendAuthorizationRepository } from './authorization-repository.js';
import { createSpendLedgerRepository } from './ledger-repository.js';
import { createLimitFanOutRepository } from './limit-fanout-repository.js';
import { createSpendMembersRepository } from './members-repository.js';
import { createSpendPolicyRepository } from './policy-repository.js';
import { createSpendRequestsRepository } from './requests-repository.js';

export function createSpendStore(storage: Storage): SpendStore<Executor> {
  const events = createEventsRepository();
  return {
    db: storage.db,
    // An admin limit change takes the team's events lock first and row locks
    // after; SCIM writes take row locks first. When the two meet, PostgreSQL
    // aborts one: run it again rather than answer a 500.
    transaction: (fn) => retryingTransaction(() => storage.db.transaction().execute(fn)),
    ...createSpendAuthorizationRepository(storage.sqlDialect),
    ...createSpendMembersRepository(storage.sqlDialect),
    ...createSpendPolicyRepository(),
    ...createSpendLedgerRepository(),
    ...createSpendRequestsRepository(),
    ...createLimitFanOutRepository(storage.sqlDialect, events),
    appendEvents: (db, list) => events.append(db, list),
  };
}
