// Spend policy rows: team settings, group limits, per-user overrides, the
// limited-group counts behind the multi-group view, and the audit trail.
// On PostgreSQL `bigint` columns come back as strings: every amount read
// here goes through Number().

import { sql } from 'kysely';
import type { PeriodKind } from '../../domain/spend/period.js';
import type { AlertThreshold, AuditRecord, GroupLimit, LimitMode, OverrideRecord, Page, SpendMember, SpendSettings } from '../../domain/spend/store.js';
import { type Executor, chunks } from '../executor.js';
import { toMember } from './members-repository.js';

const amountOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
export const modeOf = (v: unknown): LimitMode => (v === 'soft' ? 'soft' : 'hard');

/** The columns of spend_settings as both the settings read and the authorization read select them. */
export interface SettingsRow {
  currency: string;
  default_limit: unknown;
  default_mode: string | null;
  team_cap: unknown;
  team_cap_mode: string | null;
  cap_per_member: unknown;
  alert_thresholds: string | null;
  period_kind: string | null;
  period_anchor: unknown;
  updated_at: string | null;
}

export function settingsFromRow(teamId: string, row: SettingsRow): SpendSettings {
  return {
    teamId,
    currency: row.currency,
    defaultLimit: amountOrNull(row.default_limit),
    defaultMode: modeOf(row.default_mode),
    teamCap: amountOrNull(row.team_cap),
    teamCapMode: modeOf(row.team_cap_mode),
    capPerMember: amountOrNull(row.cap_per_member),
    alertThresholds: row.alert_thresholds ? (JSON.parse(row.alert_thresholds) as AlertThreshold[]) : [],
    period: { kind: row.period_kind as PeriodKind, anchor: Number(row.period_anchor) },
    updatedAt: row.updated_at,
  };
}

export const overrideFromRow = (r: { amount: unknown; mode: string | null; expires_at: string | null; request_id: string | null }): OverrideRecord => ({
  amount: amountOrNull(r.amount),
  mode: modeOf(r.mode),
  expiresAt: r.expires_at,
  requestId: r.request_id,
});

export function createSpendPolicyRepository() {
  return {
    async settings(db: Executor, teamId: string): Promise<SpendSettings | undefined> {
      const row = await db.selectFrom('spend_settings').selectAll().where('team_id', '=', teamId).executeTakeFirst();
      if (!row) return undefined;
      return settingsFromRow(teamId, row);
    },

    async saveSettings(db: Executor, s: SpendSettings): Promise<void> {
      const values = {
        currency: s.currency,
        default_limit: s.defaultLimit,
        team_cap: s.teamCap,
        default_mode: s.defaultMode === 'soft' ? 'soft' : null,
        team_cap_mode: s.teamCapMode === 'soft' ? 'soft' : null,
        cap_per_member: s.capPerMember,
        alert_thresholds: s.alertThresholds.length ? JSON.stringify(s.alertThresholds) : null,
        period_kind: s.period.kind,
        period_anchor: s.period.anchor,
        updated_at: s.updatedAt ?? new Date(0).toISOString(),
      };
      await db
        .insertInto('spend_settings')
        .values({ team_id: s.teamId, ...values })
        .onConflict((oc) => oc.column('team_id').doUpdateSet(values))
        .execute();
    },

    async activeMembers(db: Executor, teamId: string): Promise<number> {
      const row = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).where('team_id', '=', teamId).where('active', '=', 1).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async hasLedger(db: Executor, teamId: string): Promise<boolean> {
      return (await db.selectFrom('spend_ledger').select('id').where('team_id', '=', teamId).limit(1).executeTakeFirst()) !== undefined;
    },

    async groupLimit(db: Executor, teamId: string, groupId: string): Promise<GroupLimit | undefined> {
      const row = await db
        .selectFrom('spend_group_limits')
        .innerJoin('groups', 'groups.id', 'spend_group_limits.group_id')
        .select(['groups.id as group_id', 'groups.display_name as name', 'spend_group_limits.amount as amount', 'spend_group_limits.mode as mode'])
        .where('spend_group_limits.group_id', '=', groupId)
        .where('spend_group_limits.team_id', '=', teamId)
        .executeTakeFirst();
      return row ? { groupId: row.group_id, groupName: row.name, amount: amountOrNull(row.amount), mode: modeOf(row.mode) } : undefined;
    },

    async setGroupLimit(db: Executor, teamId: string, groupId: string, limit: { amount: number | null; mode: LimitMode }, at: string): Promise<void> {
      const { amount } = limit;
      const mode = limit.mode === 'soft' ? 'soft' : null;
      await db
        .insertInto('spend_group_limits')
        .values({ group_id: groupId, team_id: teamId, amount, mode, updated_at: at })
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ amount, mode, updated_at: at }))
        .execute();
    },

    async clearGroupLimit(db: Executor, groupId: string): Promise<void> {
      await db.deleteFrom('spend_group_limits').where('group_id', '=', groupId).execute();
    },

    async listGroupLimits(db: Executor, teamId: string, offset: number, count: number): Promise<Page<GroupLimit & { memberCount: number; updatedAt: string }>> {
      const total = await db.selectFrom('spend_group_limits').select(sql<number>`count(*)`.as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('spend_group_limits')
        .innerJoin('groups', 'groups.id', 'spend_group_limits.group_id')
        .select(['groups.id as group_id', 'groups.display_name as name', 'groups.member_count as member_count', 'spend_group_limits.amount as amount', 'spend_group_limits.mode as mode', 'spend_group_limits.updated_at as updated_at'])
        .where('spend_group_limits.team_id', '=', teamId)
        .orderBy('groups.display_name_ci')
        .orderBy('groups.id')
        .limit(count)
        .offset(offset)
        .execute();
      return {
        total: Number(total.n),
        items: rows.map((r) => ({ groupId: r.group_id, groupName: r.name, amount: amountOrNull(r.amount), mode: modeOf(r.mode), memberCount: Number(r.member_count), updatedAt: r.updated_at })),
      };
    },

    async overridesOf(db: Executor, teamId: string, userIds: string[]): Promise<Map<string, OverrideRecord>> {
      const out = new Map<string, OverrideRecord>();
      for (const part of chunks([...new Set(userIds)])) {
        const rows = await db.selectFrom('spend_overrides').select(['user_id', 'amount', 'mode', 'expires_at', 'request_id']).where('team_id', '=', teamId).where('user_id', 'in', part).execute();
        for (const r of rows) out.set(r.user_id, overrideFromRow(r));
      }
      return out;
    },

    async setOverride(db: Executor, teamId: string, userId: string, o: OverrideRecord, at: string): Promise<void> {
      const values = { amount: o.amount, mode: o.mode === 'soft' ? 'soft' : null, expires_at: o.expiresAt, request_id: o.requestId, updated_at: at };
      await db
        .insertInto('spend_overrides')
        .values({ user_id: userId, team_id: teamId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },

    async clearOverride(db: Executor, userId: string): Promise<void> {
      await db.deleteFrom('spend_overrides').where('user_id', '=', userId).execute();
    },

    async listOverrides(db: Executor, teamId: string, offset: number, count: number): Promise<Page<{ member: SpendMember; override: OverrideRecord; updatedAt: string }>> {
      const total = await db.selectFrom('spend_overrides').select(sql<number>`count(*)`.as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('spend_overrides')
        .innerJoin('users', 'users.id', 'spend_overrides.user_id')
        .select(['users.id as id', 'users.user_name as user_name', 'users.display_name as display_name', 'users.active as active', 'spend_overrides.amount as amount', 'spend_overrides.mode as mode', 'spend_overrides.expires_at as expires_at', 'spend_overrides.request_id as request_id', 'spend_overrides.updated_at as updated_at'])
        .where('spend_overrides.team_id', '=', teamId)
        .orderBy('users.user_name_ci')
        .limit(count)
        .offset(offset)
        .execute();
      return { total: Number(total.n), items: rows.map((r) => ({ member: toMember(r), override: overrideFromRow(r), updatedAt: r.updated_at })) };
    },

    async adjustLimitedGroups(db: Executor, teamId: string, userIds: string[], delta: 1 | -1): Promise<void> {
      for (const part of chunks([...new Set(userIds)], 200)) {
        await db
          .insertInto('spend_members')
          .values(part.map((userId) => ({ user_id: userId, team_id: teamId, limited_groups: Math.max(delta, 0), multi: 0 })))
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({
              limited_groups: sql`spend_members.limited_groups + ${delta}`,
              multi: sql`case when spend_members.limited_groups + ${delta} >= 2 then 1 else 0 end`,
            }),
          )
          .execute();
      }
    },

    async adjustLimitedGroupsOfGroup(db: Executor, teamId: string, groupId: string, delta: 1 | -1): Promise<void> {
      const members = db.selectFrom('group_members').select('member_id').where('group_id', '=', groupId).where('member_type', '=', 'User');
      if (delta > 0) {
        // One upsert over the group's members: a new row counts this group, an existing one one more.
        await db
          .insertInto('spend_members')
          .columns(['user_id', 'team_id', 'limited_groups', 'multi'])
          .expression(members.select([sql`${teamId}`.as('team_id'), sql`1`.as('limited_groups'), sql`0`.as('multi')]))
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({
              limited_groups: sql`spend_members.limited_groups + 1`,
              multi: sql`case when spend_members.limited_groups + 1 >= 2 then 1 else 0 end`,
            }),
          )
          .execute();
        return;
      }
      await db
        .updateTable('spend_members')
        .set({ limited_groups: sql`limited_groups + ${delta}`, multi: sql`case when limited_groups + ${delta} >= 2 then 1 else 0 end` })
        .where('user_id', 'in', members)
        .execute();
    },

    async forgetMember(db: Executor, userId: string): Promise<void> {
      await db.deleteFrom('spend_members').where('user_id', '=', userId).execute();
    },

    async multiGroupPage(db: Executor, teamId: string, offset: number, count: number): Promise<Page<string>> {
      const total = await db.selectFrom('spend_members').select(sql<number>`count(*)`.as('n')).where('team_id', '=', teamId).where('multi', '=', 1).executeTakeFirstOrThrow();
      const rows = count === 0 ? [] : await db.selectFrom('spend_members').select('user_id').where('team_id', '=', teamId).where('multi', '=', 1).orderBy('user_id').limit(count).offset(offset).execute();
      return { total: Number(total.n), items: rows.map((r) => r.user_id) };
    },

    async insertAudit(db: Executor, r: AuditRecord): Promise<void> {
      await db
        .insertInto('spend_audit')
        .values({
          id: r.id,
          team_id: r.teamId,
          at: r.at,
          actor_id: r.actorId,
          actor_email: r.actorEmail,
          action: r.action,
          target_type: r.targetType,
          target_id: r.targetId,
          target_name: r.targetName,
          old_value: json(r.oldValue),
          new_value: json(r.newValue),
          affected: r.affected,
          actor_kind: r.actorKind ?? null,
        })
        .execute();
    },

    async listAudit(db: Executor, teamId: string, offset: number, count: number, beforeSeq?: number): Promise<Page<AuditRecord> & { lastSeq?: number }> {
      const total = await db.selectFrom('spend_audit').select(sql<number>`count(*)`.as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
      let page = db.selectFrom('spend_audit').selectAll().where('team_id', '=', teamId).orderBy('seq', 'desc');
      // By cursor: from the position, one more row to know whether a next page exists.
      page = beforeSeq === undefined ? page.limit(count).offset(offset) : page.where('seq', '<', beforeSeq).limit(count + 1);
      const fetched = await page.execute();
      // count=0 asks for the total alone: no rows, no next page.
      const more = beforeSeq !== undefined && count > 0 && fetched.length > count;
      const rows = fetched.slice(0, count);
      return {
        ...(more ? { lastSeq: Number(rows[rows.length - 1].seq) } : {}),
        total: Number(total.n),
        items: rows.map((r) => ({
          id: r.id,
          teamId: r.team_id,
          at: r.at,
          actorId: r.actor_id,
          actorEmail: r.actor_email,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          targetName: r.target_name,
          oldValue: r.old_value === null ? null : JSON.parse(r.old_value),
          newValue: r.new_value === null ? null : JSON.parse(r.new_value),
          affected: Number(r.affected),
          actorKind: (r.actor_kind ?? undefined) as AuditRecord['actorKind'],
        })),
      };
    },
  };
}
