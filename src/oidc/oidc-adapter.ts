// oidc-provider's persistence adapter (node-oidc-provider's Adapter
// interface) over Rollcall's database, so every instance behind a load
// balancer sees the same sessions, interactions, grants, codes and tokens.
// Clients are not stored here: the `Client` model reads the operator's
// registrations (rollcall oidc-client create), and a revoked client is gone.

import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../domain/ports.js';
import type { OidcClientRecord, OidcPayloadStore, StoredPayload } from '../domain/member-sign-in/store.js';

/** A registered client as oidc-provider's client metadata (OIDC Dynamic Client Registration §2). */
export function clientMetadata(client: OidcClientRecord): AdapterPayload {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...(client.teamId ? { rollcall_team_id: client.teamId } : {}),
  };
}

/** Models whose rows expire soonest and are written on every sign-in: writing one purges the expired. */
const PURGE_ON = new Set(['Interaction']);

export function createAdapterClass(deps: { payloads: OidcPayloadStore; clock: Clock; findClient: (clientId: string) => Promise<OidcClientRecord | undefined> }) {
  const { payloads, clock, findClient } = deps;
  const now = () => clock.now().toISOString();
  const withConsumed = (found: StoredPayload | undefined): AdapterPayload | undefined =>
    found && (found.consumedAt ? { ...found.payload, consumed: Math.floor(Date.parse(found.consumedAt) / 1000) } : found.payload);

  return class RollcallAdapter implements Adapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are registered with `rollcall oidc-client create`');
      const expiresAt = expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000).toISOString() : null;
      if (PURGE_ON.has(this.model)) await payloads.purgeExpired(now());
      await payloads.upsert(this.model, id, payload, expiresAt);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const client = await findClient(id);
        return client && clientMetadata(client);
      }
      return withConsumed(await payloads.find(this.model, id, now()));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return withConsumed(await payloads.findByUid(this.model, uid, now()));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return withConsumed(await payloads.findByUserCode(this.model, userCode, now()));
    }

    async consume(id: string): Promise<void> {
      await payloads.consume(this.model, id, now());
    }

    async destroy(id: string): Promise<void> {
      await payloads.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await payloads.revokeByGrantId(grantId);
    }
  };
}
