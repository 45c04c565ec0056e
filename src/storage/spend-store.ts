// Wires the spend repositories over one database into the domain's
// SpendStore port. The transaction handle is kysely's, the same one the
// directory Store hands its listeners, so spend hooks join SCIM's
// transactions.

import type { SpendStore } from '../domain/spend/spend-store.js';
import type { Storage } from './database.js';
import { createEventsRepository } from './events-repository.js';
import type { Executor } from './executor.js';
import { createSpendAuthorizationRepository } from './spend-authorization-repository.js';
import { createSpendLedgerRepository } from './spend-ledger-repository.js';
import { createSpendMembersRepository } from './spend-members-repository.js';
import { createSpendPolicyRepository } from './spend-policy-repository.js';

export function createSpendStore(storage: Storage): SpendStore<Executor> {
  const events = createEventsRepository();
  return {
    db: storage.db,
    transaction: (fn) => storage.db.transaction().execute(fn),
    ...createSpendAuthorizationRepository(),
    ...createSpendMembersRepository(storage.dialect),
    ...createSpendPolicyRepository(),
    ...createSpendLedgerRepository(),
    appendEvents: (db, list) => events.append(db, list),
  };
}
