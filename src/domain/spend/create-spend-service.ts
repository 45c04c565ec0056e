// Spend management in one service (docs/spend.md): policy (admin), the usage
// ledger and authorization with holds (host product), reads, and the hooks
// the directory services call when SCIM changes memberships or members.

import { createAuthorizer } from './authorizer.js';
import { createDirectoryListener } from './directory-listener.js';
import { createIncreaseRequests } from './increase-requests.js';
import { createSpendContext, type SpendDeps } from './spend-context.js';
import { createSpendPolicy } from './spend-policy.js';
import { createSpendReads } from './spend-reads.js';
import { createUsageLedger } from './usage-ledger.js';

export function createSpendService(deps: SpendDeps) {
  const ctx = createSpendContext(deps);
  const authorizer = createAuthorizer(ctx);
  const ledger = createUsageLedger(ctx);
  const reads = createSpendReads(ctx);
  const policy = createSpendPolicy(ctx);
  return {
    policy,
    increaseRequests: createIncreaseRequests(ctx, policy),
    recordUsage: ledger.record,
    authorize: authorizer.authorize,
    getHold: authorizer.getHold,
    captureHold: authorizer.settlement.capture,
    releaseHold: authorizer.settlement.release,
    /** Reclaims expired holds of every team (for a periodic job); returns how many. */
    sweepExpiredHolds: authorizer.settlement.sweep,
    memberSpend: reads.member,
    membersSpend: reads.members,
    multiGroupMembers: reads.multiGroup,
    directoryListener: createDirectoryListener(ctx),
  };
}

export type SpendService = ReturnType<typeof createSpendService>;
