// PostgreSQL for several instances on one database: a pg pool with a
// statement timeout, so a stuck query cannot hold a request forever.

import pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Database } from '../db-types.js';
import type { Storage } from '../database.js';
import { postgresDialect } from './postgres-dialect.js';
import { statementName } from './prepared-statements.js';
import { asUnavailable } from './unavailable.js';

export interface PostgresOptions {
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Schema to use (tests run each suite in its own). */
  schema?: string;
}

const CONNECT_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;

export async function openPostgres(url: string, options: PostgresOptions): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    // statement_timeout is enforced by the server; these hold when the
    // server or the network stops answering altogether.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: (options.statementTimeoutMs ?? 10_000) + 5_000,
    keepAlive: true,
  });
  // An idle client that loses its connection must not crash the process;
  // the next query gets a fresh one and /readyz reports the outage.
  pool.on('error', () => undefined);
  // pg-pool listens for errors only on idle clients: a connection lost while
  // checked out (between two queries of a transaction) would otherwise be an
  // unhandled 'error' event that ends the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  if (options.schema) {
    const client = await pool.connect();
    try {
      await client.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
    } catch (error) {
      // Two instances starting together may both try to create it.
      if ((error as { code?: string }).code !== '23505') throw error;
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: discardingBrokenClients(pool) }) });
  return {
    db,
    dialect: 'postgres',
    sqlDialect: postgresDialect,
    async ping() {
      const client = await pool.connect();
      try {
        await client.query({ text: 'select 1', query_timeout: PING_TIMEOUT_MS } as pg.QueryConfig);
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely releases clients without saying how their last query ended. A client
 * whose query timed out on our side or whose connection broke is discarded
 * instead of being handed to the next request.
 *
 * Statements registered as named (prepared-statements.ts) are sent as
 * `{ name, text, values }`: pg parses each once per connection. A database
 * that does not answer surfaces as `database.unavailable` (unavailable.ts).
 */
function discardingBrokenClients(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch((error: unknown) => {
        throw asUnavailable(error);
      });
      let broken: Error | undefined;
      const query = (text: unknown, parameters?: ReadonlyArray<unknown>) => {
        // Cursors (kysely's stream()) pass through untouched.
        if (typeof text !== 'string') return client.query(text as never);
        const name = statementName(text);
        const values = parameters as unknown[];
        return (name ? client.query({ name, text, values }) : client.query(text, values)).catch((error: Error & { code?: string }) => {
          // Errors from the server carry a SQLSTATE; any other leaves the connection suspect.
          if (!error.code) broken = error;
          throw asUnavailable(error);
        });
      };
      return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release(broken) };
    },
    end: () => pool.end(),
  };
}
