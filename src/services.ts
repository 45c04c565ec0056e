// The one place services are wired: storage → store → domain services.

import type { Storage } from './storage/database.js';
import { createStore } from './storage/create-store.js';
import { createRegistry, type Registry } from './scim/schema/registry.js';
import { systemClock, randomIds, type Clock, type Ids } from './domain/ports.js';
import { createTeamService } from './domain/teams.js';
import { createTokenService } from './domain/tokens.js';
import { createUserService } from './domain/users.js';
import { createGroupService } from './domain/groups.js';
import type { Store } from './domain/store.js';
import { createAdminAccessService, type AdminAccessOptions } from './domain/admin-access.js';
import { createApiKeyService } from './domain/api-keys.js';
import { createAdminAccessStore } from './storage/admin-access-repository.js';
import { createApiKeyStore } from './storage/api-keys-repository.js';

export interface Services {
  registry: Registry;
  store: Store;
  teams: ReturnType<typeof createTeamService>;
  tokens: ReturnType<typeof createTokenService>;
  users: ReturnType<typeof createUserService>;
  groups: ReturnType<typeof createGroupService>;
  adminAccess: ReturnType<typeof createAdminAccessService>;
  apiKeys: ReturnType<typeof createApiKeyService>;
}

export interface ServiceOptions {
  clock?: Clock;
  ids?: Ids;
  adminAccess?: Partial<AdminAccessOptions>;
}

const DEFAULT_ACCESS: AdminAccessOptions = { sessionTtlMs: 12 * 3600_000, linkTtlMs: 24 * 3600_000 };

export function createServices(storage: Storage, options: ServiceOptions = {}): Services {
  const registry = createRegistry();
  const store = createStore(storage, registry) as Store;
  const deps = { store, registry, clock: options.clock ?? systemClock, ids: options.ids ?? randomIds };
  return {
    registry,
    store,
    teams: createTeamService(deps),
    tokens: createTokenService(deps),
    users: createUserService(deps),
    groups: createGroupService(deps),
    adminAccess: createAdminAccessService({ ...deps, store: createAdminAccessStore(storage), options: { ...DEFAULT_ACCESS, ...options.adminAccess } }),
    apiKeys: createApiKeyService({ ...deps, store: createApiKeyStore(storage) }),
  };
}
