// The host product's side of a member sign-in, with real parts: Rollcall
// listening on 127.0.0.1 (so the relying party discovers it over HTTP), a
// relying party built on openid-client 6 (authorization code + PKCE), and a
// browser that follows redirects by hand, keeping Rollcall's cookies, and
// lets the upstream IdP helper play its part.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import type { TestApp } from '../../helpers/test-app.js';

export const HOST_REDIRECT = 'http://localhost:4000/callback';

/** A port on 127.0.0.1 that forwards to the app once it is built (the public URL must be known first). */
export async function listenFirst(): Promise<{ publicUrl: string; serve: (t: TestApp) => Promise<void>; close: () => Promise<void> }> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    publicUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async serve(t) {
      await t.app.ready();
      handler = (req, res) => t.app.routing(req, res);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Browse = (authorizeUrl: string, accountId: string) => Promise<string>;

export interface SignInResult {
  /** Where the browser ended: the host's redirect URI with a code, or a Rollcall page. */
  status: number;
  location?: string;
  body: string;
  /** Whether the browser went to the upstream IdP on the way. */
  wentUpstream: boolean;
}

export function createBrowser(upstreamIssuer: string, browseUpstream: Browse) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    /** Follows an authorization request to its end; `account` is who signs in at the upstream IdP. */
    async follow(url: string, account: string, change?: (upstreamUrl: string) => string): Promise<SignInResult> {
      let wentUpstream = false;
      for (let hop = 0; hop < 15; hop++) {
        if (url.startsWith(HOST_REDIRECT)) return { status: 303, location: url, body: '', wentUpstream };
        if (url.startsWith(upstreamIssuer)) {
          wentUpstream = true;
          url = await browseUpstream(change ? change(url) : url, account);
          continue;
        }
        const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
        for (const line of res.headers.getSetCookie()) {
          const [pair] = line.split(';');
          const eq = pair.indexOf('=');
          if (/expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, eq));
          else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const location = res.headers.get('location');
        if (!location) return { status: res.status, body: await res.text(), wentUpstream };
        url = new URL(location, url).toString();
      }
      throw new Error('too many redirects');
    },
  };
}

/** The host product: an OIDC relying party registered with Rollcall. */
export async function createHostRp(issuer: string, clientId: string, secret: string) {
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  return {
    config,
    async start(params: Record<string, string>) {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: HOST_REDIRECT,
        scope: 'openid email profile groups',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...params,
      });
      return {
        url: url.toString(),
        finish: (callbackUrl: string) => client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
      };
    },
    refresh: (refreshToken: string) => client.refreshTokenGrant(config, refreshToken),
    userinfo: (accessToken: string, sub: string) => client.fetchUserInfo(config, accessToken, sub),
  };
}

export type HostRp = Awaited<ReturnType<typeof createHostRp>>;

/** The reason code on a Rollcall page. */
export const pageReason = (body: string) => /<code id="reason">([^<]+)<\/code>/.exec(body)?.[1];
