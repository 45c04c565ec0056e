// A real OpenID Connect provider for tests: oidc-provider 8.8 listening on
// 127.0.0.1 (openid-client discovers it and fetches its keys over HTTP), with
// its development interactions for the login form and a grant loader that
// skips the consent screen. `browse` plays the browser: it follows the
// authorization request through login to the redirect back to Rollcall.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';

export interface OidcAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface OidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function startOidcIdp(clients: OidcClient[], accounts: Record<string, OidcAccount>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { default: Provider } = (await import('oidc-provider' as string)) as { default: new (issuer: string, config: object) => any };
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-1', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [jwk] },
    cookies: { keys: ['rollcall-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
    features: { devInteractions: { enabled: true } },
    pkce: { methods: ['S256'], required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    findAccount: async (_ctx: unknown, id: string) =>
      accounts[id] ? { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) } : undefined,
    // First-party client: no consent screen.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    loadExistingGrant: async (ctx: any) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();

  /**
   * Follows Rollcall's redirect to the IdP, signs `accountId` in (or aborts
   * the interaction when `abort`), and returns where the IdP sends the
   * browser back: Rollcall's redirect URI with code and state, or an error.
   */
  async function browse(authorizeUrl: string, accountId: string, options: { abort?: boolean } = {}): Promise<string> {
    const jar: Jar = new Map();
    let url = authorizeUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (!url.startsWith(issuer)) return url;
      let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
      keep(jar, res);
      const path = new URL(url).pathname;
      if (res.status === 200 && /^\/interaction\/[^/]+$/.test(path)) {
        res = options.abort
          ? await fetch(`${url}/abort`, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } })
          : await fetch(url, {
              method: 'POST',
              redirect: 'manual',
              headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'irrelevant' }).toString(),
            });
        keep(jar, res);
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`the IdP stopped at ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      url = new URL(location, url).toString();
    }
    throw new Error('too many redirects at the IdP');
  }

  return {
    issuer,
    provider,
    browse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OidcIdp = Awaited<ReturnType<typeof startOidcIdp>>;
