// PostgreSQL for several instances on one database: a pg pool with a
// statement timeout, so a stuck query cannot hold a request forever.

import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '../db-types.js';
import type { Storage } from '../database.js';

export interface PostgresOptions {
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Schema to use (tests run each suite in its own). */
  schema?: string;
}

export async function openPostgres(url: string, options: PostgresOptions): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client that loses its connection must not crash the process;
  // the next query gets a fresh one and /readyz reports the outage.
  pool.on('error', () => undefined);
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
