// Every option once, with its default and a doc line. docs/configuration.md
// is checked against this list by a test, so the two cannot drift apart.

export interface OptionSpec {
  env: string;
  flag?: string;
  default: string;
  doc: string;
  secret?: boolean;
}

export const OPTIONS = {
  databaseUrl: {
    env: 'ROLLCALL_DATABASE_URL',
    flag: '--database-url',
    default: 'sqlite:./data/rollcall.db',
    doc: '`sqlite:<path>` for the embedded database (created on first start), or `postgres://user@host:5432/db` for PostgreSQL.',
    secret: true,
  },
  port: { env: 'PORT', flag: '--port', default: '8080', doc: 'TCP port to listen on.' },
  host: { env: 'HOST', flag: '--host', default: '127.0.0.1', doc: 'Address to listen on; `0.0.0.0` to accept connections from other machines.' },
  publicUrl: {
    env: 'ROLLCALL_PUBLIC_URL',
    flag: '--public-url',
    default: '',
    doc: 'The external base URL (e.g. `https://rollcall.example.com`) used in SCIM URLs, `Location` headers and `meta.location`. Default: `http://<HOST>:<PORT>`.',
  },
  logLevel: { env: 'ROLLCALL_LOG_LEVEL', flag: '--log-level', default: 'info', doc: 'Log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.' },
  sqliteSynchronous: {
    env: 'ROLLCALL_SQLITE_SYNCHRONOUS',
    default: 'FULL',
    doc: 'SQLite `synchronous` pragma: `FULL` (default, survives power loss) or `NORMAL` (faster; a power cut may lose the last commits).',
  },
  sqliteCacheMib: {
    env: 'ROLLCALL_SQLITE_CACHE_MIB',
    default: '64',
    doc: 'SQLite page cache of the writing connection in MiB (`cache_size` pragma; the SQLite that better-sqlite3 builds defaults to about 16). Writes to large tables read index pages back; with the pages cached they are not read again from the file. From 1 to 65536.',
  },
  sqliteMmapMib: {
    env: 'ROLLCALL_SQLITE_MMAP_MIB',
    default: '0',
    doc: 'How much of the SQLite file is read through a memory map, in MiB (`mmap_size` pragma): pages the page cache misses are then read without a system call each. `0` (the default) turns it off: every read is a `read()`. Mapped pages count in the process\'s RSS, and an I/O error on a mapped file stops the process instead of failing one statement.',
  },
  pgPoolSize: { env: 'ROLLCALL_PG_POOL_SIZE', default: '10', doc: 'PostgreSQL connections per instance.' },
  pgSchema: { env: 'ROLLCALL_PG_SCHEMA', default: '', doc: 'PostgreSQL schema for Rollcall\'s tables (created if missing); empty uses the connection\'s default search_path.' },
  pgStatementTimeoutMs: { env: 'ROLLCALL_PG_STATEMENT_TIMEOUT_MS', default: '10000', doc: 'PostgreSQL statement timeout in milliseconds.' },
  scimMaxResults: { env: 'ROLLCALL_SCIM_MAX_RESULTS', default: '1000', doc: 'Largest page a SCIM list returns (`filter.maxResults`); a larger `count` is lowered to it.' },
  scimDefaultCount: { env: 'ROLLCALL_SCIM_DEFAULT_COUNT', default: '100', doc: 'Page size when a SCIM list request gives no `count`.' },
  bulkMaxOperations: { env: 'ROLLCALL_BULK_MAX_OPERATIONS', default: '1000', doc: 'Most operations in one SCIM `/Bulk` request (`bulk.maxOperations`).' },
  bulkMaxPayloadBytes: { env: 'ROLLCALL_BULK_MAX_PAYLOAD_BYTES', default: '4194304', doc: 'Largest `/Bulk` request body in bytes (`bulk.maxPayloadSize`).' },
  maxBodyBytes: { env: 'ROLLCALL_MAX_BODY_BYTES', default: '1048576', doc: 'Largest body of any other SCIM request, in bytes; larger gets 413.' },
  requestTimeoutMs: { env: 'ROLLCALL_REQUEST_TIMEOUT_MS', default: '55000', doc: 'How long a client may take to send a whole request before the server gives up on it (Node `requestTimeout`); slow answers are bounded by the database statement timeout instead.' },
  headersTimeoutMs: { env: 'ROLLCALL_HEADERS_TIMEOUT_MS', default: '20000', doc: 'How long a client may take to send the request headers before the server answers 408 and closes the connection (Node `headersTimeout`); at most `ROLLCALL_REQUEST_TIMEOUT_MS`.' },
  keepAliveTimeoutMs: { env: 'ROLLCALL_KEEP_ALIVE_TIMEOUT_MS', default: '72000', doc: 'How long an idle keep-alive connection stays open, in milliseconds (Node `keepAliveTimeout`); keep it longer than the idle timeout of a load balancer in front (60 s on most).' },
  maxConnections: { env: 'ROLLCALL_MAX_CONNECTIONS', default: '1000', doc: 'Most open connections per instance; further ones are closed at once (Node `server.maxConnections`). Keep it below the process\'s file-descriptor limit. `0` means no cap.' },
  maxInFlight: { env: 'ROLLCALL_MAX_IN_FLIGHT', default: '256', doc: 'Most requests one instance works on at once; the next is answered `503` with `Retry-After: 1` instead of waiting. `/healthz`, `/readyz`, `/metrics` and event streams are not counted. `0` means no bound.' },
  scimRateLimitPerMinute: { env: 'ROLLCALL_SCIM_RATE_LIMIT_PER_MINUTE', default: '1200', doc: 'SCIM requests per minute one token (one team\'s IdP) may make, sustained; past it and the burst, `429` with `Retry-After`. Counted per instance: N instances allow N times as much. `0` turns the limit off.' },
  scimRateLimitBurst: { env: 'ROLLCALL_SCIM_RATE_LIMIT_BURST', default: '300', doc: 'SCIM requests one token may make at once after being idle (the token bucket\'s size), for IdPs that push in bursts.' },
  scimOAuthTokenTtlSeconds: { env: 'ROLLCALL_SCIM_OAUTH_TOKEN_TTL_SECONDS', default: '3600', doc: 'Lifetime in seconds of the access tokens the SCIM token endpoint (`/scim/v2/<teamId>/oauth/token`, OAuth client credentials) issues; from 60 to 86400.' },
  apiRateLimitPerMinute: { env: 'ROLLCALL_API_RATE_LIMIT_PER_MINUTE', default: '6000', doc: 'Host API (`/api/v1`) requests per minute one API key may make, sustained; past it and the burst, `429` with `Retry-After`. Counted per instance. `0` turns the limit off.' },
  apiRateLimitBurst: { env: 'ROLLCALL_API_RATE_LIMIT_BURST', default: '600', doc: 'Host API requests one API key may make at once after being idle (the token bucket\'s size).' },
  shutdownGraceMs: { env: 'ROLLCALL_SHUTDOWN_GRACE_MS', default: '10000', doc: 'On SIGTERM, how long in-flight requests may finish before the process exits.' },
  hostApiKeys: {
    env: 'ROLLCALL_HOST_API_KEYS',
    default: '',
    doc: 'Installation-wide host API keys (`/api/v1`, every team: create teams, portal links), comma-separated, for a host product that provisions its key with its other secrets instead of running `rollcall api-key create`. Each is `rck_` followed by at least 40 random URL-safe characters (`node -e "console.log(\'rck_\'+require(\'crypto\').randomBytes(32).toString(\'base64url\'))"`). Only hashes are kept in memory; to rotate, list old and new, switch the host product, then remove the old.',
    secret: true,
  },
  smtpUrl: {
    env: 'ROLLCALL_SMTP_URL',
    default: '',
    doc: 'Optional SMTP server for email (admin invitations, sign-in links, spend alerts): `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. Empty: nothing is emailed; the dashboard shows links to copy instead.',
    secret: true,
  },
  smtpFrom: { env: 'ROLLCALL_SMTP_FROM', default: 'Rollcall <rollcall@localhost>', doc: 'The `From` of every email Rollcall sends.' },
  ssoClockSkewMs: {
    env: 'ROLLCALL_SSO_CLOCK_SKEW_MS',
    default: '60000',
    doc: 'SSO: how far the IdP\'s clock may differ from Rollcall\'s, in milliseconds, when checking SAML assertion times (NotBefore, NotOnOrAfter) and OIDC ID token times (exp, iat).',
  },
  ssoAllowInsecureHttp: {
    env: 'ROLLCALL_SSO_ALLOW_INSECURE_HTTP',
    default: 'false',
    doc: 'SSO: `true` accepts `http://` OIDC issuers, SAML metadata URLs and IdP sign-on URLs (not only `https://`). For local development and tests only.',
  },
  outboundAllowCidrs: {
    env: 'ROLLCALL_OUTBOUND_ALLOW_CIDRS',
    default: '',
    doc: "Outbound requests made on an admin's say-so (webhook deliveries; SSO metadata, discovery, JWKS and token requests) reach public addresses only. A comma-separated list of IP ranges to allow as well, for on-premises receivers and IdPs, e.g. `10.20.0.0/16,fd00:1::/64` (IPv4 ranges in four-part form). Empty: none.",
  },
  webhookWorker: { env: 'ROLLCALL_WEBHOOK_WORKER', default: 'true', doc: 'Webhooks: `false` keeps this instance from delivering webhooks (others still do). Several instances may all deliver: they never make the same attempt twice.' },
  webhookTimeoutMs: { env: 'ROLLCALL_WEBHOOK_TIMEOUT_MS', default: '10000', doc: 'Webhooks: how long one delivery attempt may take, connection to last byte, in milliseconds; longer is a failed attempt.' },
  webhookRetryBaseMs: { env: 'ROLLCALL_WEBHOOK_RETRY_BASE_MS', default: '30000', doc: 'Webhooks: delay after the first failed attempt, in milliseconds; it doubles after each further failure (with jitter) up to `ROLLCALL_WEBHOOK_RETRY_MAX_MS`.' },
  webhookRetryMaxMs: { env: 'ROLLCALL_WEBHOOK_RETRY_MAX_MS', default: '14400000', doc: 'Webhooks: the longest delay between two attempts, in milliseconds (default 4 hours).' },
  webhookRetryWindowMs: { env: 'ROLLCALL_WEBHOOK_RETRY_WINDOW_MS', default: '259200000', doc: 'Webhooks: how long a delivery is retried before it is marked failed, in milliseconds (default 3 days; at least 1 day).' },
  webhookDisableAfterMs: { env: 'ROLLCALL_WEBHOOK_DISABLE_AFTER_MS', default: '259200000', doc: 'Webhooks: an endpoint that has failed for this long without one success is disabled, with a `webhook.endpoint_disabled` event (default 3 days; at least 1 day).' },
  webhookConcurrency: { env: 'ROLLCALL_WEBHOOK_CONCURRENCY', default: '8', doc: 'Webhooks: attempts one instance makes at the same time.' },
  activityRetentionDays: { env: 'ROLLCALL_ACTIVITY_RETENTION_DAYS', default: '30', doc: 'Activity log: days a SCIM request stays in the log; older entries are purged every hour.' },
  activityBufferMax: { env: 'ROLLCALL_ACTIVITY_BUFFER_MAX', default: '10000', doc: 'Activity log: entries held in memory while the database cannot take them; past this the oldest are dropped and counted in `rollcall_activity_dropped_total`.' },
  portalReturnOrigins: {
    env: 'ROLLCALL_PORTAL_RETURN_ORIGINS',
    default: '',
    doc: 'Admin portal links: comma-separated origins (e.g. `https://app.example.com`) a link\'s `returnUrl` may point to; the dashboard then shows "Back to …". Empty: no `returnUrl` is accepted.',
  },
  deletedTeamRetentionDays: {
    env: 'ROLLCALL_DELETED_TEAM_RETENTION_DAYS',
    default: '30',
    doc: 'Teams: days a deleted team\'s data (directory, spend ledger, events, activity) is kept, unreachable, before the hourly purge removes it.',
  },
  sseHeartbeatMs: { env: 'ROLLCALL_SSE_HEARTBEAT_MS', default: '15000', doc: 'Event streams (SSE): interval of the keep-alive comment line, in milliseconds, so proxies do not close an idle stream.' },
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
