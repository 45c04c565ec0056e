// Alert thresholds a team configures: e.g. 50, 80 and 100% of each member's
// effective limit, and of the team cap. Each fires exactly once per member
// (or team), period and threshold: the usage that crosses it inserts a row
// keyed by (team, subject, period, threshold) in its own transaction, and
// only the insert that wins writes the spend.threshold_reached event and
// queues the emails. Emails go out after the commit and never fail the
// usage call (a failure goes to the optional `log`; the event stays).

import type { Mailer } from '../mail.js';
import type { EffectiveLimit } from './effective-limit.js';
import type { Period } from './period.js';
import type { SpendEvents } from './spend-events.js';
import { bodyOf, invalidRequest, onlyFields } from './spend-input.js';
import type { AlertThreshold, SpendMember, SpendSettings, SpendStore } from './store.js';
import type { DomainEvent } from '../events.js';

export const MAX_THRESHOLDS = 20;
export const MAX_PERCENT = 1000;

/** `{ "thresholds": [{ "scope": "member" | "team", "percent": 80, "notify": ["member", "admins"] }] }`. */
export function thresholdsOf(input: unknown): AlertThreshold[] {
  const body = bodyOf(input);
  onlyFields(body, ['thresholds']);
  if (!Array.isArray(body.thresholds)) throw invalidRequest('thresholds must be an array (empty: no alerts)');
  if (body.thresholds.length > MAX_THRESHOLDS) throw invalidRequest(`at most ${MAX_THRESHOLDS} thresholds`);
  const seen = new Set<string>();
  const out: AlertThreshold[] = body.thresholds.map((raw: unknown, i: number) => {
    const t = bodyOf(raw);
    onlyFields(t, ['scope', 'percent', 'notify']);
    const scope = t.scope ?? 'member';
    if (scope !== 'member' && scope !== 'team') throw invalidRequest(`thresholds[${i}].scope must be "member" or "team"`);
    if (typeof t.percent !== 'number' || !Number.isInteger(t.percent) || t.percent < 1 || t.percent > MAX_PERCENT) {
      throw invalidRequest(`thresholds[${i}].percent must be a whole number from 1 to ${MAX_PERCENT}`);
    }
    const notify = t.notify ?? [];
    if (!Array.isArray(notify) || notify.some((n) => n !== 'member' && n !== 'admins') || new Set(notify).size !== notify.length) {
      throw invalidRequest(`thresholds[${i}].notify must list "member" and/or "admins" at most once each`);
    }
    if (scope === 'team' && notify.includes('member')) throw invalidRequest(`thresholds[${i}]: a team threshold can notify "admins" only`);
    const key = `${scope}:${t.percent}`;
    if (seen.has(key)) throw invalidRequest(`thresholds[${i}] repeats ${scope} ${t.percent}%`);
    seen.add(key);
    return { scope, percent: t.percent, notify: notify as AlertThreshold['notify'] };
  });
  return out.sort((a, b) => (a.scope === b.scope ? a.percent - b.percent : a.scope === 'member' ? -1 : 1));
}

/** An email to send once the transaction that fired the threshold commits. */
export interface AlertNotice {
  teamId: string;
  scope: 'member' | 'team';
  member: SpendMember | null;
  threshold: number;
  limit: number;
  spent: number;
  currency: string;
  period: Period;
  notify: AlertThreshold['notify'];
}

/** Whether `before → after` crossed `percent` of `limit` upwards (integer arithmetic). */
const crossed = (before: number, after: number, limit: number, percent: number) => before * 100 < limit * percent && after * 100 >= limit * percent;

export function createAlerts(deps: { store: SpendStore; events: SpendEvents; mailer?: Mailer; now: () => Date; log?: (message: string, error: unknown) => void }) {
  const { store, events } = deps;

  return {
    /**
     * In the transaction that recorded `amount` (> 0) for the member: the
     * thresholds it crossed, each claimed by inserting its row (a row that
     * exists means another usage fired it first). Returns the events to
     * append and the emails to send after commit.
     */
    async fire(
      tx: unknown,
      input: { settings: SpendSettings; member: SpendMember; period: Period; amount: number; memberSpent: number; teamSpent: number; limit: EffectiveLimit; cap: number | null },
    ): Promise<{ events: DomainEvent[]; notices: AlertNotice[] }> {
      const { settings, member, period, amount, limit, cap } = input;
      const out = { events: [] as DomainEvent[], notices: [] as AlertNotice[] };
      if (amount <= 0 || settings.alertThresholds.length === 0) return out;
      const memberLimit = limit.source.type === 'suspended' || limit.source.type === 'removed' ? null : limit.amount;
      const firedAt = deps.now().toISOString();
      for (const t of settings.alertThresholds) {
        const [bound, after, subjectId] = t.scope === 'member' ? [memberLimit, input.memberSpent, member.id] : [cap, input.teamSpent, ''];
        if (bound === null || !crossed(after - amount, after, bound, t.percent)) continue;
        if (!(await store.insertAlert(tx, { teamId: settings.teamId, subjectId, periodStart: period.start, threshold: `${t.scope}:${t.percent}`, firedAt }))) continue;
        const subject = t.scope === 'member' ? member : null;
        out.events.push(events.thresholdReached(settings.teamId, { scope: t.scope, member: subject, threshold: t.percent, limit: bound, spent: after, currency: settings.currency, period, notify: [...t.notify] }));
        if (t.notify.length) out.notices.push({ teamId: settings.teamId, scope: t.scope, member: subject, threshold: t.percent, limit: bound, spent: after, currency: settings.currency, period, notify: t.notify });
      }
      return out;
    },

    /** After commit: emails for the notices, when SMTP is configured. Never throws. */
    send(notices: AlertNotice[]): void {
      const mailer = deps.mailer;
      if (!mailer?.enabled || notices.length === 0) return;
      void (async () => {
        for (const n of notices) {
          try {
            const to = await store.alertRecipients(store.db, n.teamId, n.member?.id ?? null, { member: n.notify.includes('member'), admins: n.notify.includes('admins') });
            const money = (v: number) => `${(v / 100).toFixed(2)} ${n.currency}`;
            const what = n.scope === 'member' ? `${n.member?.userName}'s spend` : "The team's spend";
            const subject = n.scope === 'member' ? `Spend alert: ${n.member?.userName} reached ${n.threshold}% of their limit` : `Spend alert: the team reached ${n.threshold}% of its cap`;
            const text = `${what} reached ${n.threshold}% of ${n.scope === 'member' ? 'the limit' : 'the team cap'}: ${money(n.spent)} of ${money(n.limit)} in the period ${n.period.start.slice(0, 10)} to ${n.period.end.slice(0, 10)}.\n`;
            for (const address of new Set(to)) await mailer.send({ to: address, subject, text });
          } catch (error) {
            deps.log?.('spend alert email not sent', error);
          }
        }
      })();
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
