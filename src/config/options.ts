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
  pgPoolSize: { env: 'ROLLCALL_PG_POOL_SIZE', default: '10', doc: 'PostgreSQL connections per instance.' },
  pgSchema: { env: 'ROLLCALL_PG_SCHEMA', default: '', doc: 'PostgreSQL schema for Rollcall\'s tables (created if missing); empty uses the connection\'s default search_path.' },
  pgStatementTimeoutMs: { env: 'ROLLCALL_PG_STATEMENT_TIMEOUT_MS', default: '10000', doc: 'PostgreSQL statement timeout in milliseconds.' },
  scimMaxResults: { env: 'ROLLCALL_SCIM_MAX_RESULTS', default: '1000', doc: 'Largest page a SCIM list returns (`filter.maxResults`); a larger `count` is lowered to it.' },
  scimDefaultCount: { env: 'ROLLCALL_SCIM_DEFAULT_COUNT', default: '100', doc: 'Page size when a SCIM list request gives no `count`.' },
  bulkMaxOperations: { env: 'ROLLCALL_BULK_MAX_OPERATIONS', default: '1000', doc: 'Most operations in one SCIM `/Bulk` request (`bulk.maxOperations`).' },
  bulkMaxPayloadBytes: { env: 'ROLLCALL_BULK_MAX_PAYLOAD_BYTES', default: '4194304', doc: 'Largest `/Bulk` request body in bytes (`bulk.maxPayloadSize`).' },
  maxBodyBytes: { env: 'ROLLCALL_MAX_BODY_BYTES', default: '1048576', doc: 'Largest body of any other SCIM request, in bytes; larger gets 413.' },
  requestTimeoutMs: { env: 'ROLLCALL_REQUEST_TIMEOUT_MS', default: '55000', doc: 'How long a client may take to send a whole request before the server gives up on it (Node `requestTimeout`); slow answers are bounded by the database statement timeout instead.' },
  shutdownGraceMs: { env: 'ROLLCALL_SHUTDOWN_GRACE_MS', default: '10000', doc: 'On SIGTERM, how long in-flight requests may finish before the process exits.' },
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
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
