// A host product's backend, integrated with Rollcall through @rollcall/client:
// the four things it does, as a small HTTP server.
//
//   POST /orgs/:org/enterprise   turn on Enterprise for an organisation: its
//                                team (created once, by your org id) and a
//                                portal link for its IT admin to set up SSO
//   POST /orgs/:org/charge       may this member spend this now? ({ email, cents })
//   POST /webhooks/rollcall      receive Rollcall's events, verified
//
// Run it beside Rollcall (docs/integrate.md):
//   ROLLCALL_URL=http://127.0.0.1:8080 ROLLCALL_API_KEY=rck_… ROLLCALL_WEBHOOK_SECRET=whsec_… \
//     npx tsx examples/host-app/host-app.ts

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRollcallClient, verifyWebhook, RollcallError, WebhookVerificationError, type RollcallEvent } from '@rollcall/client';

export interface HostAppOptions {
  rollcallUrl: string;
  apiKey: string;
  webhookSecret?: string;
  /** What the app does with each verified event (default: log it). */
  onEvent?: (event: RollcallEvent) => void;
}

/** Your organisation id → Rollcall's `ext:` team reference. */
const team = (org: string) => `ext:${org}`;

export function createHostApp(options: HostAppOptions) {
  const rollcall = createRollcallClient({ baseUrl: options.rollcallUrl, apiKey: options.apiKey });

  async function enableEnterprise(org: string, name: string) {
    // Idempotent on externalId: calling it again returns the same team.
    const created = await rollcall.teams.create({ name, externalId: org, plan: 'enterprise' });
    const link = await rollcall.portalLinks.create(team(org), { intent: 'sso', role: 'admin' });
    return { teamId: created.id, scimBaseUrl: created.scimBaseUrl, setupUrl: link.url, setupUrlExpiresAt: link.expiresAt };
  }

  async function charge(org: string, email: string, cents: number) {
    const decision = await rollcall.spend.authorize(team(org), { member: { email }, amount: cents, currency: 'USD' });
    return { allowed: decision.allowed, reason: decision.reason, remaining: decision.remaining };
  }

  function receive(headers: IncomingMessage['headers'], rawBody: string): RollcallEvent {
    if (!options.webhookSecret) throw new WebhookVerificationError('no webhook secret configured');
    const event = verifyWebhook({ secret: options.webhookSecret, headers, body: rawBody });
    (options.onEvent ?? ((e) => console.log(`rollcall: ${e.type} ${e.resourceType} ${e.resourceId}`)))(event);
    return event;
  }

  return { rollcall, enableEnterprise, charge, receive };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export function serveHostApp(app: ReturnType<typeof createHostApp>): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    try {
      const raw = await readBody(req);
      const [, , org, action] = (req.url ?? '').split('/');
      if (req.method === 'POST' && req.url === '/webhooks/rollcall') return send(200, { received: app.receive(req.headers, raw).id });
      if (req.method === 'POST' && action === 'enterprise') return send(200, await app.enableEnterprise(org, (JSON.parse(raw || '{}') as { name?: string }).name ?? org));
      if (req.method === 'POST' && action === 'charge') {
        const body = JSON.parse(raw) as { email: string; cents: number };
        return send(200, await app.charge(org, body.email, body.cents));
      }
      send(404, { error: 'not found' });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return send(400, { error: error.message });
      if (error instanceof RollcallError) return send(502, { error: error.code, message: error.message });
      send(500, { error: 'unexpected' });
    }
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const env = (name: string) => process.env[name] ?? (console.error(`set ${name}`), process.exit(2));
  const server = serveHostApp(createHostApp({ rollcallUrl: env('ROLLCALL_URL'), apiKey: env('ROLLCALL_API_KEY'), webhookSecret: process.env.ROLLCALL_WEBHOOK_SECRET }));
  server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => console.log(`host app on http://127.0.0.1:${process.env.PORT ?? 3000}`));
}
