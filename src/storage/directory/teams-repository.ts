// Teams and their SCIM tokens.

import type { Executor } from '../executor.js';
import { preparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { Insertable, Selectable } from 'kysely';
import type { TeamsTable, ScimTokensTable } from '../db-types.js';
import type { TokenLookup } from '../../domain/directory/store.js';
import type { GateFacts } from '../../domain/sso/gate.js';

export type TeamRow = Selectable<TeamsTable>;
export type TokenRow = ScimTokensTable;

export function createTeamsRepository() {
  return {
    async insert(db: Executor, team: Insertable<TeamsTable>): Promise<void> {
      await db.insertInto('teams').values(team).execute();
    },
    async findById(db: Executor, id: string): Promise<TeamRow | undefined> {
      return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findBySlug(db: Executor, slug: string): Promise<TeamRow | undefined> {
      return db.selectFrom('teams').selectAll().where('slug', '=', slug).executeTakeFirst();
    },
    async list(db: Executor): Promise<TeamRow[]> {
      return db.selectFrom('teams').selectAll().orderBy('created_at').execute();
    },
  };
}

export function createTokensRepository(dialect: SqlDialect) {
  // Runs on every SCIM request: hand-written (see prepared-query.ts).
  const byHash = preparedQuery<TokenLookup>(
    dialect,
    'token_by_hash',
    (param) => `select t.*, teams.plan as team_plan, c.status as sso_status, c.activated_at as sso_activated_at
       from scim_tokens t
       join teams on teams.id = t.team_id
       left join sso_connections c on c.team_id = t.team_id
      where t.token_hash = ${param()}`,
  );
  return {
    async insert(db: Executor, token: TokenRow): Promise<void> {
      await db.insertInto('scim_tokens').values(token).execute();
    },
    /** The token with its team's plan and SSO state in the same query: the SCIM gate costs no extra round trip. */
    async findByHash(db: Executor, hash: string): Promise<TokenLookup | undefined> {
      return (await byHash(db, [hash]))[0];
    },
    async gateFacts(db: Executor, teamId: string): Promise<GateFacts | undefined> {
      const row = await db
        .selectFrom('teams')
        .leftJoin('sso_connections', 'sso_connections.team_id', 'teams.id')
        .select(['teams.plan as plan', 'sso_connections.status as ssoStatus', 'sso_connections.activated_at as ssoActivatedAt'])
        .where('teams.id', '=', teamId)
        .executeTakeFirst();
      return row && { plan: row.plan, ssoStatus: row.ssoStatus ?? null, ssoActivatedAt: row.ssoActivatedAt ?? null };
    },
    async listForTeam(db: Executor, teamId: string): Promise<TokenRow[]> {
      return db.selectFrom('scim_tokens').selectAll().where('team_id', '=', teamId).orderBy('created_at').execute();
    },
    async findById(db: Executor, id: string): Promise<TokenRow | undefined> {
      return db.selectFrom('scim_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async revoke(db: Executor, id: string, at: string): Promise<boolean> {
      const r = await db.updateTable('scim_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async touch(db: Executor, id: string, at: string): Promise<void> {
      await db.updateTable('scim_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async teamsWithTokensExpiring(db: Executor, now: string, until: string): Promise<string[]> {
      const rows = await db
        .selectFrom('scim_tokens')
        .select('team_id')
        .distinct()
        .where('revoked_at', 'is', null)
        .where('expiry_warned_at', 'is', null)
        .where('expires_at', '>', now)
        .where('expires_at', '<=', until)
        .execute();
      return rows.map((r) => r.team_id);
    },
    async markExpiryWarned(db: Executor, id: string, at: string): Promise<boolean> {
      const r = await db.updateTable('scim_tokens').set({ expiry_warned_at: at }).where('id', '=', id).where('expiry_warned_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
