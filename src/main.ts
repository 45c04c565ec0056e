// config → storage → services → app → listen; graceful shutdown on SIGTERM.

import { loadConfig, ConfigError, teamsFromConfig, type Config } from './config/load-config.js';
import { openStorage } from './storage/database.js';
import { createServices } from './services.js';
import { buildApp } from './http/app.js';
import { realtimeFromConfig, startWorkers } from './workers/start-workers.js';
import { prettyLogStreamFor } from './http/pretty-log-stream.js';
import { bufferedLogStream } from './http/buffered-log-stream.js';
import { mailerFromConfig } from './mail/mailer-from-config.js';

export async function start(config: Config) {
  const storage = await openStorage(config.databaseUrl, {
    sqlite: { synchronous: config.sqliteSynchronous, cacheMib: config.sqliteCacheMib, mmapMib: config.sqliteMmapMib },
    postgres: { poolSize: config.pgPoolSize, statementTimeoutMs: config.pgStatementTimeoutMs, schema: config.pgSchema || undefined },
  });
  const services = createServices(storage, { sso: { publicUrl: config.publicUrl, ...config.sso }, realtime: realtimeFromConfig(config.realtime), egress: { allowCidrs: config.outboundAllowCidrs }, mailer: mailerFromConfig(config.smtp), hostApiKeys: config.hostApiKeys, teams: teamsFromConfig(config.teams), scimOAuth: { accessTokenTtlSeconds: config.scimOAuthTokenTtlSeconds } });
  const app = await buildApp({
    services,
    storage,
    publicUrl: config.publicUrl,
    limits: config.scim,
    logLevel: config.logLevel,
    // Readable lines at a terminal, JSON lines anywhere else, written in batches (docs/operations.md).
    logStream: prettyLogStreamFor(process.stdout) ?? bufferedLogStream(process.stdout),
    requestTimeoutMs: config.requestTimeoutMs,
    edge: config.edge,
  });
  // Webhook delivery, the retention purge, and on PostgreSQL LISTEN for other instances' commits.
  startWorkers(app, services, { databaseUrl: config.databaseUrl, pgSchema: config.pgSchema, listensForCommits: storage.sqlDialect.listensForCommits, webhooks: config.realtime.webhookWorker });
  await app.listen({ port: config.port, host: config.host });
  if (config.outboundAllowCidrs.length > 0) app.log.info({ ranges: config.outboundAllowCidrs }, 'webhooks and SSO fetches may also reach these internal ranges (ROLLCALL_OUTBOUND_ALLOW_CIDRS)');
  if (config.sso.allowInsecureHttp) app.log.warn('ROLLCALL_SSO_ALLOW_INSECURE_HTTP=true: SSO accepts http:// IdP URLs; use this for development and tests only');
  return { app, storage, services };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rollcall: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { app, storage, services } = await start(config);
  const teams = await services.teams.list();
  const url = config.publicUrl;
  const lines = [
    '',
    `Rollcall is running at ${url} (database: ${storage.dialect})`,
    `  dashboard: ${url}/`,
    `  health:  ${url}/healthz   readiness: ${url}/readyz   metrics: ${url}/metrics`,
  ];
  const setup = teams.length === 0 ? await services.setup.issue() : undefined;
  if (setup) {
    lines.push(
      '',
      'First run: open this one-time link to create your team and its owner in the dashboard:',
      `  ${url}/setup#secret=${setup.secret}`,
      `  (it works once, until ${setup.expiresAt}; restart Rollcall for a new one)`,
      '',
      'Or from the command line:',
      '  1. Create a team:          npx rollcall team create acme --name "Acme Inc" --admin-email you@acme.example',
      '  2. Set up SSO:             sign in with the link, then follow docs/sso.md (SCIM needs active SSO)',
      '  3. Create a SCIM token:    npx rollcall token create --team acme',
      '  4. Paste the SCIM base URL and token it prints into your identity provider (Okta, Entra ID, ...).',
      '  No IdP at hand? See users and groups arrive now: npx rollcall simulate okta --team acme',
    );
  } else {
    lines.push('', 'SCIM base URLs:');
    for (const team of teams) lines.push(`  ${team.slug.padEnd(20)} ${url}/scim/v2/${team.id}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining in-flight requests');
    const timer = setTimeout(() => {
      app.log.warn('shutdown grace period over; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    await app.close();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  main().catch((error) => {
    process.stderr.write(`rollcall: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
