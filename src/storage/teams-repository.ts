// Teams and their SCIM tokens.

import type { Executor } from './executor.js';
import type { Insertable, Selectable } from 'kysely';
import type { TeamsTable, ScimTokensTable } from './db-types.js';

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

export function createTokensRepository() {
  return {
    async insert(db: Executor, token: TokenRow): Promise<void> {
      await db.insertInto('scim_tokens').values(token).execute();
    },
    async findByHash(db: Executor, hash: string): Promise<TokenRow | undefined> {
      return db.selectFrom('scim_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
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
  };
}
