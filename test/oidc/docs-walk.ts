// The OpenID Provider's part of test/docs.test.ts's walk through the whole
// API: every /oidc route with the answers docs/openapi.json lists for it.
// Runs after the SSO walk, which leaves the team's SSO active.

import type { ScimResponse } from '../helpers/test-app.js';
import type { Services } from '../../src/services.js';

type Call = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => Promise<ScimResponse>;

export async function walkOidc(call: Call, ctx: { services: Services; teamId: string }): Promise<void> {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const redirect = 'https://host.example.com/callback';
  const { client, secret } = await ctx.services.oidcClients.create({ name: 'Walk', redirectUris: [redirect] });
  const basic = { ...form, authorization: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}` };
  const authorize = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    scope: 'openid email',
    redirect_uri: redirect,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSstw-cM',
    code_challenge_method: 'S256',
    team: ctx.teamId,
  });

  await call('GET', '/oidc/.well-known/openid-configuration');
  await call('GET', '/oidc/jwks');
  await call('GET', '/oidc/auth');
  await call('POST', '/oidc/auth', 'client_id=nobody', form);
  const started = await call('GET', `/oidc/auth?${authorize}`);
  const cookie = ([] as string[]).concat(started.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const interaction = String(started.headers.location);
  await call('GET', interaction, undefined, { cookie });
  await call('GET', interaction);
  await call('GET', `${interaction.replace('/interaction/', '/auth/')}`);
  await call('POST', '/oidc/token', 'grant_type=authorization_code&code=nothing', form);
  await call('POST', '/oidc/token', 'grant_type=authorization_code&code=nothing', { ...form, authorization: `Basic ${Buffer.from(`${client.clientId}:wrong`).toString('base64')}` });
  await call('POST', '/oidc/token', `grant_type=authorization_code&code=nothing&redirect_uri=${encodeURIComponent(redirect)}&code_verifier=${'x'.repeat(43)}`, basic);
  await call('GET', '/oidc/me');
  await call('GET', '/oidc/me', undefined, { authorization: 'Bearer not-a-token' });
  await call('POST', '/oidc/me', 'access_token=not-a-token', form);
  await call('POST', '/oidc/token/revocation', 'token=not-a-token', basic);
  await call('POST', '/oidc/token/revocation', 'token=not-a-token', form);
}
