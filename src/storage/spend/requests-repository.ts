// Limit-increase requests: at most one pending per member, enforced by the
// partial unique index spend_increase_requests_pending (an insert that would
// make a second one does nothing), and decisions that move a request out of
// `pending` with one conditional UPDATE, so two admins cannot both decide it.

import { sql } from 'kysely';
import type { IncreaseRequestRecord, IncreaseRequestStatus, Page, SpendMember } from '../../domain/spend/store.js';
import type { SpendIncreaseRequestsTable } from '../db-types.js';
import type { Executor } from '../executor.js';
import { toMember } from './members-repository.js';

const toRequest = (r: SpendIncreaseRequestsTable): IncreaseRequestRecord => ({
  id: r.id,
  teamId: r.team_id,
  userId: r.user_id,
  amount: Number(r.amount),
  reason: r.reason,
  status: r.status as IncreaseRequestStatus,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  decidedByEmail: r.decided_by_email,
  approvedAmount: r.approved_amount === null ? null : Number(r.approved_amount),
  until: r.until,
  note: r.note,
});

export function createSpendRequestsRepository() {
  return {
    async insertAlert(db: Executor, a: { teamId: string; subjectId: string; periodStart: string; threshold: string; firedAt: string }): Promise<boolean> {
      const rows = await db
        .insertInto('spend_alerts')
        .values({ team_id: a.teamId, subject_id: a.subjectId, period_start: a.periodStart, threshold: a.threshold, fired_at: a.firedAt })
        .onConflict((oc) => oc.doNothing())
        .returning('team_id')
        .execute();
      return rows.length > 0;
    },

    async alertRecipients(db: Executor, teamId: string, userId: string | null, who: { member: boolean; admins: boolean }): Promise<string[]> {
      const out: string[] = [];
      if (who.member && userId) {
        const email = await db
          .selectFrom('user_emails')
          .select('value')
          .where('user_id', '=', userId)
          .where('team_id', '=', teamId)
          .orderBy('primary', 'desc')
          .orderBy('position')
          .limit(1)
          .executeTakeFirst();
        if (email) out.push(email.value);
      }
      if (who.admins) {
        const admins = await db
          .selectFrom('team_roles')
          .innerJoin('admin_accounts', 'admin_accounts.id', 'team_roles.account_id')
          .select('admin_accounts.email as email')
          .where('team_roles.team_id', '=', teamId)
          .where('team_roles.role', 'in', ['admin', 'owner'])
          .orderBy('admin_accounts.email_ci')
          .execute();
        out.push(...admins.map((a) => a.email));
      }
      return out;
    },

    async insertIncreaseRequest(db: Executor, r: IncreaseRequestRecord): Promise<boolean> {
      const rows = await db
        .insertInto('spend_increase_requests')
        .values({
          id: r.id,
          team_id: r.teamId,
          user_id: r.userId,
          amount: r.amount,
          reason: r.reason,
          status: r.status,
          created_at: r.createdAt,
          decided_at: r.decidedAt,
          decided_by: r.decidedBy,
          decided_by_email: r.decidedByEmail,
          approved_amount: r.approvedAmount,
          until: r.until,
          note: r.note,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      return rows.length > 0;
    },

    async findIncreaseRequest(db: Executor, teamId: string, id: string): Promise<IncreaseRequestRecord | undefined> {
      const row = await db.selectFrom('spend_increase_requests').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : undefined;
    },

    async decideIncreaseRequest(db: Executor, id: string, d: Pick<IncreaseRequestRecord, 'status' | 'decidedAt' | 'decidedBy' | 'decidedByEmail' | 'approvedAmount' | 'until' | 'note'>): Promise<boolean> {
      const result = await db
        .updateTable('spend_increase_requests')
        .set({ status: d.status, decided_at: d.decidedAt, decided_by: d.decidedBy, decided_by_email: d.decidedByEmail, approved_amount: d.approvedAmount, until: d.until, note: d.note })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listIncreaseRequests(db: Executor, teamId: string, status: IncreaseRequestStatus | undefined, offset: number, count: number): Promise<Page<{ request: IncreaseRequestRecord; member: SpendMember | undefined }>> {
      let base = db.selectFrom('spend_increase_requests').where('spend_increase_requests.team_id', '=', teamId);
      if (status) base = base.where('spend_increase_requests.status', '=', status);
      const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows =
        count === 0
          ? []
          : await base
              .leftJoin('users', 'users.id', 'spend_increase_requests.user_id')
              .selectAll('spend_increase_requests')
              .select(['users.user_name as m_user_name', 'users.display_name as m_display_name', 'users.active as m_active'])
              .orderBy('spend_increase_requests.created_at', 'desc')
              .orderBy('spend_increase_requests.id')
              .limit(count)
              .offset(offset)
              .execute();
      return {
        total: Number(total.n),
        items: rows.map((r) => ({
          request: toRequest(r),
          member: r.m_user_name === null ? undefined : toMember({ id: r.user_id, user_name: r.m_user_name, display_name: r.m_display_name, active: Number(r.m_active) }),
        })),
      };
    },
  };
}
