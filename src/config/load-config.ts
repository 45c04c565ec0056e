// Reads the options from flags, then environment, then defaults, and checks
// them once at start-up so a typo fails loudly instead of at first use.

import { OPTIONS, type OptionName } from './options.js';
import type { EdgeLimits } from '../http/load-shedding.js';
import { parseCidr } from '../net/address-policy.js';

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  logLevel: string;
  sqliteSynchronous: 'FULL' | 'NORMAL' | 'OFF';
  /** SQLite page cache per connection (`cache_size`), MiB. */
  sqliteCacheMib: number;
  /** SQLite memory-mapped I/O (`mmap_size`), MiB; 0 is off. */
  sqliteMmapMib: number;
  pgPoolSize: number;
  pgSchema: string;
  pgStatementTimeoutMs: number;
  scim: { maxResults: number; defaultCount: number; bulkMaxOperations: number; bulkMaxPayloadBytes: number; maxBodyBytes: number };
  requestTimeoutMs: number;
  /** Access tokens of the SCIM OAuth token endpoint live this long (docs/scim.md). */
  scimOAuthTokenTtlSeconds: number;
  /** Load shedding, rate limits, timeouts and the connection cap (http/load-shedding.ts). */
  edge: EdgeLimits;
  shutdownGraceMs: number;
  sso: { clockSkewMs: number; allowInsecureHttp: boolean };
  /** IP ranges outbound requests may reach besides public addresses. */
  outboundAllowCidrs: string[];
  /** The host API's team lifecycle and admin portal links (issue 11). */
  teams: { portalReturnOrigins: string[]; deletedTeamRetentionDays: number };
  /** Installation-wide host API keys from configuration (secrets). */
  hostApiKeys: string[];
  /** Outgoing mail; `url` empty means none. */
  smtp: { url: string; from: string };
  realtime: {
    webhookWorker: boolean;
    webhookTimeoutMs: number;
    webhookRetryBaseMs: number;
    webhookRetryMaxMs: number;
    webhookRetryWindowMs: number;
    webhookDisableAfterMs: number;
    webhookConcurrency: number;
    activityRetentionDays: number;
    activityBufferMax: number;
    sseHeartbeatMs: number;
  };
}

export class ConfigError extends Error {}

function raw(name: OptionName, env: NodeJS.ProcessEnv, argv: string[]): string {
  const spec = OPTIONS[name] as { env: string; flag?: string; default: string };
  if (spec.flag) {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === spec.flag && argv[i + 1] !== undefined) return argv[i + 1];
      if (argv[i].startsWith(`${spec.flag}=`)) return argv[i].slice(spec.flag.length + 1);
    }
  }
  const value = env[spec.env];
  return value !== undefined && value !== '' ? value : spec.default;
}

function integer(name: OptionName, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${OPTIONS[name].env} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function boolean(name: OptionName, value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${OPTIONS[name].env} must be true or false (got "${value}")`);
}

function cidrList(name: OptionName, value: string): string[] {
  const list = value.split(',').map((c) => c.trim()).filter((c) => c !== '');
  for (const cidr of list) {
    try {
      parseCidr(cidr);
    } catch (error) {
      throw new ConfigError(`${OPTIONS[name].env}: ${(error as Error).message}`);
    }
  }
  return list;
}

function schemaName(value: string): string {
  if (value !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new ConfigError(`ROLLCALL_PG_SCHEMA must be a lowercase SQL identifier (got "${value}")`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const get = (name: OptionName) => raw(name, env, argv);
  const port = integer('port', get('port'), 0, 65535);
  const host = get('host');
  const sync = get('sqliteSynchronous').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL' && sync !== 'OFF') throw new ConfigError(`ROLLCALL_SQLITE_SYNCHRONOUS must be FULL, NORMAL or OFF (got "${sync}")`);
  const databaseUrl = get('databaseUrl');
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('ROLLCALL_DATABASE_URL must start with sqlite: or postgres://');
  }
  const publicUrl = (get('publicUrl') || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`ROLLCALL_PUBLIC_URL is not a URL: "${publicUrl}"`);
  }
  const requestTimeoutMs = integer('requestTimeoutMs', get('requestTimeoutMs'), 1000, 3_600_000);
  const headersTimeoutMs = integer('headersTimeoutMs', get('headersTimeoutMs'), 500, 3_600_000);
  // Node refuses a header timeout longer than the whole request's.
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError(`ROLLCALL_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed ROLLCALL_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  return {
    databaseUrl,
    port,
    host,
    publicUrl,
    logLevel: get('logLevel'),
    sqliteSynchronous: sync,
    sqliteCacheMib: integer('sqliteCacheMib', get('sqliteCacheMib'), 1, 65_536),
    sqliteMmapMib: integer('sqliteMmapMib', get('sqliteMmapMib'), 0, 1_048_576),
    pgPoolSize: integer('pgPoolSize', get('pgPoolSize'), 1, 1000),
    pgSchema: schemaName(get('pgSchema')),
    pgStatementTimeoutMs: integer('pgStatementTimeoutMs', get('pgStatementTimeoutMs'), 100, 3_600_000),
    scim: {
      maxResults: integer('scimMaxResults', get('scimMaxResults'), 1, 100_000),
      defaultCount: integer('scimDefaultCount', get('scimDefaultCount'), 1, 100_000),
      bulkMaxOperations: integer('bulkMaxOperations', get('bulkMaxOperations'), 1, 100_000),
      bulkMaxPayloadBytes: integer('bulkMaxPayloadBytes', get('bulkMaxPayloadBytes'), 1024, 1024 ** 3),
      maxBodyBytes: integer('maxBodyBytes', get('maxBodyBytes'), 1024, 1024 ** 3),
    },
    requestTimeoutMs,
    scimOAuthTokenTtlSeconds: integer('scimOAuthTokenTtlSeconds', get('scimOAuthTokenTtlSeconds'), 60, 86_400),
    edge: {
      scimRate: { perMinute: integer('scimRateLimitPerMinute', get('scimRateLimitPerMinute'), 0, 10_000_000), burst: integer('scimRateLimitBurst', get('scimRateLimitBurst'), 1, 10_000_000) },
      apiRate: { perMinute: integer('apiRateLimitPerMinute', get('apiRateLimitPerMinute'), 0, 10_000_000), burst: integer('apiRateLimitBurst', get('apiRateLimitBurst'), 1, 10_000_000) },
      maxInFlight: integer('maxInFlight', get('maxInFlight'), 0, 1_000_000),
      maxConnections: integer('maxConnections', get('maxConnections'), 0, 1_000_000),
      headersTimeoutMs,
      keepAliveTimeoutMs: integer('keepAliveTimeoutMs', get('keepAliveTimeoutMs'), 1000, 3_600_000),
    },
    shutdownGraceMs: integer('shutdownGraceMs', get('shutdownGraceMs'), 0, 600_000),
    sso: { clockSkewMs: integer('ssoClockSkewMs', get('ssoClockSkewMs'), 0, 600_000), allowInsecureHttp: boolean('ssoAllowInsecureHttp', get('ssoAllowInsecureHttp')) },
    outboundAllowCidrs: cidrList('outboundAllowCidrs', get('outboundAllowCidrs')),
    hostApiKeys: hostApiKeys(get('hostApiKeys')),
    smtp: { url: smtpUrl(get('smtpUrl')), from: get('smtpFrom') },
    teams: {
      portalReturnOrigins: originList(get('portalReturnOrigins')),
      deletedTeamRetentionDays: integer('deletedTeamRetentionDays', get('deletedTeamRetentionDays'), 1, 3650),
    },
    realtime: {
      webhookWorker: boolean('webhookWorker', get('webhookWorker')),
      webhookTimeoutMs: integer('webhookTimeoutMs', get('webhookTimeoutMs'), 100, 120_000),
      webhookRetryBaseMs: integer('webhookRetryBaseMs', get('webhookRetryBaseMs'), 1000, 86_400_000),
      webhookRetryMaxMs: integer('webhookRetryMaxMs', get('webhookRetryMaxMs'), 1000, 86_400_000),
      // "Retried for at least a day" is a promise of the product (docs/webhooks.md).
      webhookRetryWindowMs: integer('webhookRetryWindowMs', get('webhookRetryWindowMs'), 86_400_000, 30 * 86_400_000),
      webhookDisableAfterMs: integer('webhookDisableAfterMs', get('webhookDisableAfterMs'), 86_400_000, 365 * 86_400_000),
      webhookConcurrency: integer('webhookConcurrency', get('webhookConcurrency'), 1, 256),
      activityRetentionDays: integer('activityRetentionDays', get('activityRetentionDays'), 1, 3650),
      activityBufferMax: integer('activityBufferMax', get('activityBufferMax'), 100, 10_000_000),
      sseHeartbeatMs: integer('sseHeartbeatMs', get('sseHeartbeatMs'), 1000, 600_000),
    },
  };
}

/** The config with secrets redacted, for `rollcall config check` and logs. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const hidePassword = (url: string) => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
  return {
    ...config,
    databaseUrl: hidePassword(config.databaseUrl),
    smtp: { ...config.smtp, url: hidePassword(config.smtp.url) },
    hostApiKeys: config.hostApiKeys.map((key) => `${key.slice(0, 10)}***`),
  };
}

/** ROLLCALL_PORTAL_RETURN_ORIGINS: each entry an http(s) origin, nothing after the host and port. */
function originList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        throw new ConfigError(`ROLLCALL_PORTAL_RETURN_ORIGINS: "${v}" is not a URL`);
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== v.replace(/\/$/, '')) {
        throw new ConfigError(`ROLLCALL_PORTAL_RETURN_ORIGINS: "${v}" is not an origin (scheme://host[:port], no path)`);
      }
      return url.origin;
    });
}

function smtpUrl(value: string): string {
  if (value === '') return '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('ROLLCALL_SMTP_URL is not a URL (expected smtp://host:587 or smtps://host:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`ROLLCALL_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  return value;
}

/** The team lifecycle's service options from the loaded configuration (src/services.ts). */
export function teamsFromConfig(c: Config['teams']): { deletedRetentionMs: number; portalReturnOrigins: string[] } {
  return { deletedRetentionMs: c.deletedTeamRetentionDays * 86_400_000, portalReturnOrigins: c.portalReturnOrigins };
}

function hostApiKeys(value: string): string[] {
  const keys = value.split(',').map((key) => key.trim()).filter((key) => key !== '');
  for (const key of keys) {
    // A guessable key would open every team: demand the shape of a generated one.
    if (!/^rck_[A-Za-z0-9_-]{40,200}$/.test(key)) throw new ConfigError('ROLLCALL_HOST_API_KEYS: each key must be rck_ followed by at least 40 random URL-safe characters (see docs/configuration.md)');
  }
  return keys;
}
