// Teams and their SCIM tokens. Rows are snake_case (db-types.ts); the
// domain's records camelCase (domain/directory/store.ts), mapped here.

import type { Executor } from '../executor.js';
import { preparedQuery } from '../prepared-query.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { Selectable } from 'kysely';
import type { TeamsTable, ScimTokensTable } from '../db-types.js';
import type { TeamRecord, TokenLookup, TokenRecord } from '../../domain/directory/store.js';
import type { GateFacts } from '../../domain/sso/gate.js';

export const toTeam = (r: Selectable<TeamsTable>): TeamRecord => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  createdAt: r.created_at,
  userCount: r.user_count,
  groupCount: r.group_count,
  plan: r.plan,
  externalId: r.external_id,
  deletedAt: r.deleted_at,
  updatedAt: r.updated_at,
});

/** The team's row (storage/directory/team-lifecycle-store.ts writes changes with it too). */
export const teamRow = (team: TeamRecord) => ({
  id: team.id,
  slug: team.slug,
  name: team.name,
  created_at: team.createdAt,
  user_count: team.userCount,
  group_count: team.groupCount,
  plan: team.plan,
  external_id: team.externalId ?? null,
  deleted_at: team.deletedAt ?? null,
  updated_at: team.updatedAt ?? null,
});

const toToken = (r: Selectable<ScimTokensTable>): TokenRecord => ({
  id: r.id,
  teamId: r.team_id,
  tokenHash: r.token_hash,
  prefix: r.prefix,
  label: r.label,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  expiryWarnedAt: r.expiry_warned_at ?? null,
});

const tokenRow = (t: TokenRecord): ScimTokensTable => ({
  id: t.id,
  team_id: t.teamId,
  token_hash: t.tokenHash,
  prefix: t.prefix,
  label: t.label,
  created_at: t.createdAt,
  last_used_at: t.lastUsedAt,
  expires_at: t.expiresAt,
  revoked_at: t.revokedAt,
  ...(t.expiryWarnedAt !== undefined ? { expiry_warned_at: t.expiryWarnedAt } : {}),
});

type TokenLookupRow = Selectable<ScimTokensTable> & { team_plan: string; sso_status: string | null; sso_activated_at: string | null };

export function createTeamsRepository() {
  return {
    async insert(db: Executor, team: TeamRecord): Promise<void> {
      await db
        .insertInto('teams')
        .values(teamRow(team))
        .execute();
    },
    async findById(db: Executor, id: string): Promise<TeamRecord | undefined> {
      // A deleted team (migration 0011) is invisible until purged.
      const row = await db.selectFrom('teams').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toTeam(row);
    },
    async findBySlug(db: Executor, slug: string): Promise<TeamRecord | undefined> {
      const row = await db.selectFrom('teams').selectAll().where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toTeam(row);
    },
    async findByExternalId(db: Executor, externalId: string): Promise<TeamRecord | undefined> {
      const row = await db.selectFrom('teams').selectAll().where('external_id', '=', externalId).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toTeam(row);
    },
    async list(db: Executor): Promise<TeamRecord[]> {
      return (await db.selectFrom('teams').selectAll().where('deleted_at', 'is', null).orderBy('created_at').execute()).map(toTeam);
    },
  };
}

export function createTokensRepository(dialect: SqlDialect) {
  // Runs on every SCIM request: hand-written (see prepared-query.ts).
  const byHash = preparedQuery<TokenLookupRow>(
    dialect,
    'token_by_hash',
    (param) => `select t.*, teams.plan as team_plan, c.status as sso_status, c.activated_at as sso_activated_at
       from scim_tokens t
       join teams on teams.id = t.team_id
       left join sso_connections c on c.team_id = t.team_id
      where t.token_hash = ${param()} and teams.deleted_at is null`,
  );
  return {
    async insert(db: Executor, token: TokenRecord): Promise<void> {
      await db.insertInto('scim_tokens').values(tokenRow(token)).execute();
    },
    /** The token with its team's plan and SSO state in the same query: the SCIM gate costs no extra round trip. */
    async findByHash(db: Executor, hash: string): Promise<TokenLookup | undefined> {
      const row = (await byHash(db, [hash]))[0];
      return row && { ...toToken(row), teamPlan: row.team_plan, ssoStatus: row.sso_status, ssoActivatedAt: row.sso_activated_at };
    },
    async gateFacts(db: Executor, teamId: string): Promise<GateFacts | undefined> {
      const row = await db
        .selectFrom('teams')
        .leftJoin('sso_connections', 'sso_connections.team_id', 'teams.id')
        .select(['teams.plan as plan', 'sso_connections.status as ssoStatus', 'sso_connections.activated_at as ssoActivatedAt'])
        .where('teams.id', '=', teamId)
        .where('teams.deleted_at', 'is', null)
        .executeTakeFirst();
      return row && { plan: row.plan, ssoStatus: row.ssoStatus ?? null, ssoActivatedAt: row.ssoActivatedAt ?? null };
    },
    async listForTeam(db: Executor, teamId: string): Promise<TokenRecord[]> {
      return (await db.selectFrom('scim_tokens').selectAll().where('team_id', '=', teamId).orderBy('created_at').execute()).map(toToken);
    },
    async findById(db: Executor, id: string): Promise<TokenRecord | undefined> {
      const row = await db.selectFrom('scim_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
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
