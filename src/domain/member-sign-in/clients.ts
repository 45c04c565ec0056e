// The host product's applications registered with Rollcall's OpenID
// Provider (OIDC Dynamic Client Registration's metadata, registered by the
// operator with `rollcall oidc-client create`). A client may be bound to one
// team: then it can only sign in that team's members. The secret is shown
// once; revoking a client stops its codes, tokens and refreshes at once
// (the provider no longer finds it).

import { randomBytes } from 'node:crypto';
import { DomainError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { OidcClientRecord, OidcClientStore } from './store.js';

export interface OidcClientView {
  clientId: string;
  name: string;
  redirectUris: string[];
  teamId: string | null;
  createdAt: string;
  status: 'active' | 'revoked';
}

const view = (c: OidcClientRecord): OidcClientView => ({
  clientId: c.clientId,
  name: c.name,
  redirectUris: c.redirectUris,
  teamId: c.teamId,
  createdAt: c.createdAt,
  status: c.revokedAt ? 'revoked' : 'active',
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** OIDC Core §3.1.2.1: absolute, no fragment; https except on a loopback host (development). */
export function checkRedirectUri(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError('oidc_client.invalid', `redirect URI "${value}" is not an absolute URL`);
  }
  if (url.hash || value.includes('#')) throw new DomainError('oidc_client.invalid', `redirect URI "${value}" must not have a fragment`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new DomainError('oidc_client.invalid', `redirect URI "${value}" must use https (http only on localhost)`);
  }
  return value;
}

export function createOidcClientService(deps: { store: OidcClientStore; clock: Clock; findTeam: (ref: string) => Promise<{ id: string }> }) {
  const { store, clock } = deps;

  return {
    async create(input: { name: string; redirectUris: string[]; team?: string }): Promise<{ client: OidcClientView; secret: string }> {
      const name = input.name?.trim();
      if (!name) throw new DomainError('oidc_client.invalid', 'a client needs a name');
      if (input.redirectUris.length === 0) throw new DomainError('oidc_client.invalid', 'a client needs at least one redirect URI');
      const redirectUris = [...new Set(input.redirectUris.map(checkRedirectUri))];
      const team = input.team ? await deps.findTeam(input.team) : undefined;
      const secret = randomBytes(32).toString('base64url');
      const row: OidcClientRecord = {
        clientId: `rc_${randomBytes(12).toString('hex')}`,
        name,
        clientSecret: secret,
        redirectUris,
        teamId: team?.id ?? null,
        createdAt: clock.now().toISOString(),
        revokedAt: null,
      };
      await store.insert(store.db, row);
      return { client: view(row), secret };
    },

    list: async (): Promise<OidcClientView[]> => (await store.list(store.db)).map(view),

    async revoke(clientId: string): Promise<OidcClientView> {
      const found = await store.find(store.db, clientId);
      if (!found) throw new DomainError('oidc_client.not_found', `no OIDC client "${clientId}"`);
      await store.revoke(store.db, clientId, clock.now().toISOString());
      return view({ ...found, revokedAt: found.revokedAt ?? clock.now().toISOString() });
    },

    /** The provider's view: only a client that is not revoked exists. */
    async active(clientId: string): Promise<OidcClientRecord | undefined> {
      const found = await store.find(store.db, clientId);
      return found && !found.revokedAt ? found : undefined;
    },
  };
}

export type OidcClientService = ReturnType<typeof createOidcClientService>;
