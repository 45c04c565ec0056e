// Alert thresholds: configured per team (percent of a member's effective
// limit, or of the team cap), each fires exactly once per member (or team)
// and period — also when concurrent usage crosses it, also across two
// instances — as a spend.threshold_reached event and, with SMTP configured,
// as emails to the member (primary email) and/or the team's admins, sent
// after the usage commits. A failing SMTP server never fails the usage.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services.js';
import { openStorage } from '../../src/storage/database.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { DIALECTS, POSTGRES_URL, TEST_LIMITS } from '../helpers/test-app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createSpendTestApp, type SpendTestApp } from './spend-test-app.js';

describe.each(DIALECTS)('spend alerts (%s)', (dialect) => {
  let t: SpendTestApp;
  let smtp: TestSmtpServer;
  let mailer: ReturnType<typeof createSmtpMailer>;
  const ids: Record<string, string> = {};
  let n = 0;
  const use = (member: string, amount: number, extra: Record<string, unknown> = {}) => t.host('POST', '/usage', { eventId: `u${++n}`, member: { id: member }, amount, currency: 'USD', ...extra });
  const reached = async (member?: string) => (await t.events('spend.threshold_reached')).filter((e) => member === undefined || e.resourceId === member);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createSmtpMailer({ url: smtp.url, from: 'rollcall@example.test' });
    t = await createSpendTestApp(dialect, { mailer });
    ids.ann = await t.user('ann', { emails: [{ value: 'ann-work@example.com' }, { value: 'ann@example.com', primary: true }] });
    ids.bob = await t.user('bob', { emails: [{ value: 'bob@example.com' }] });
    await t.adminApi('PUT', '/default', { amount: 1_000 });
    await t.adminApi('PUT', '/team-cap', { amount: 10_000 });
  });
  afterAll(async () => {
    await t.close();
    mailer.close();
    await smtp.close();
  });

  it('refuses malformed thresholds with 400 and saves nothing', async () => {
    for (const body of [{}, { thresholds: 'x' }, { thresholds: [{ percent: 0 }] }, { thresholds: [{ percent: 50.5 }] }, { thresholds: [{ percent: 50, notify: ['boss'] }] }, { thresholds: [{ percent: 50 }, { percent: 50 }] }, { thresholds: [{ scope: 'team', percent: 50, notify: ['member'] }] }, { thresholds: [{ percent: 50, color: 'red' }] }]) {
      const res = await t.adminApi('PUT', '/alerts', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('spend.invalid_request');
    }
    expect((await t.adminApi('GET', '/policy')).json().alertThresholds).toEqual([]);
  });

  it('fires each threshold once per period, with an event and emails to the member and the admins', async () => {
    const res = await t.adminApi('PUT', '/alerts', {
      thresholds: [{ percent: 100, notify: ['member', 'admins'] }, { percent: 50, notify: ['member'] }, { percent: 80 }, { scope: 'team', percent: 90, notify: ['admins'] }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().alertThresholds.map((x: { scope: string; percent: number }) => `${x.scope}:${x.percent}`)).toEqual(['member:50', 'member:80', 'member:100', 'team:90']);
    expect((await t.adminApi('GET', '/audit')).json().items[0].action).toBe('alerts.changed');

    await use(ids.ann, 400);
    expect(await reached(ids.ann)).toEqual([]);
    await use(ids.ann, 200); // 60%: crosses 50
    expect((await reached(ids.ann)).map((e) => e.data.threshold)).toEqual([50]);
    const [first] = await smtp.waitFor(1);
    expect(first.to).toEqual(['ann@example.com']);
    expect(first.subject).toContain('ann reached 50%');
    expect(first.text).toContain('6.00 USD of 10.00 USD');

    await use(ids.ann, 500); // 110%: crosses 80 and 100
    expect((await reached(ids.ann)).map((e) => e.data.threshold)).toEqual([50, 80, 100]);
    expect((await reached(ids.ann))[2].data).toMatchObject({ scope: 'member', limit: 1_000, spent: 1_100, notify: ['member', 'admins'], member: { userName: 'ann' } });
    const mails = await smtp.waitFor(3);
    expect(mails.slice(1).map((m) => m.to[0]).sort()).toEqual(['ann@example.com', expect.stringMatching(/^admin-.*@example.com$/)].sort());

    // A refund back under and a new crossing do not fire again this period.
    await t.host('POST', '/usage', { eventId: 'refund-1', reverses: `u${n}`, currency: 'USD' });
    await use(ids.ann, 500);
    expect((await reached(ids.ann)).map((e) => e.data.threshold)).toEqual([50, 80, 100]);
    expect(smtp.received).toHaveLength(3);
  });

  it('fires again in the next period', async () => {
    t.clock.set('2026-12-02T12:00:00.000Z');
    await use(ids.ann, 600);
    const again = (await reached(ids.ann)).filter((e) => (e.data.period as { start: string }).start === '2026-12-01T00:00:00.000Z');
    expect(again.map((e) => e.data.threshold)).toEqual([50]);
    await smtp.waitFor(4);
  });

  it('fires a team threshold once when concurrent usage crosses it', async () => {
    // Spent this period: 600 (ann). 30 concurrent usages of 300 take the team past 90% (9000).
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.host('POST', '/usage', { eventId: `c${i}`, member: { id: i % 2 ? ids.ann : ids.bob }, amount: 300, currency: 'USD' })));
    const team = (await reached()).filter((e) => e.data.scope === 'team');
    expect(team).toHaveLength(1);
    expect(team[0]).toMatchObject({ resourceId: t.teamId, data: { threshold: 90, limit: 10_000, member: null } });
    // bob crossed his own 50/80/100 once each.
    expect((await reached(ids.bob)).map((e) => e.data.threshold)).toEqual([50, 80, 100]);
  });

  it.runIf(dialect === 'postgres')('fires once when two instances on one database cross it together', async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.storage.db)).rows[0].s;
    const second = await openStorage(POSTGRES_URL, { postgres: { schema, poolSize: 10 }, migrate: false });
    const other = await buildApp({ services: createServices(second, { clock: t.clock }), storage: second, publicUrl: 'http://127.0.0.1:8081', limits: TEST_LIMITS, logLevel: 'silent' });
    try {
      const carl = await t.user('carl');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? t.app : other).inject({
            method: 'POST',
            url: `/api/v1/teams/${t.teamId}/spend/usage`,
            headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
            payload: JSON.stringify({ eventId: `two-${i}`, member: { id: carl }, amount: 100, currency: 'USD' }),
          }),
        ),
      );
      expect(answers.every((a) => a.statusCode === 201)).toBe(true);
      expect((await reached(carl)).map((e) => e.data.threshold).sort((a, b) => Number(a) - Number(b))).toEqual([50, 80, 100]);
    } finally {
      await other.close();
      await second.close();
    }
  });

  it('records usage even when the SMTP server is gone', async () => {
    await smtp.close();
    const dan = await t.user('dan', { emails: [{ value: 'dan@example.com' }] });
    const res = await use(dan, 700);
    expect(res.statusCode).toBe(201);
    expect((await reached(dan)).map((e) => e.data.threshold)).toEqual([50]);
    smtp = await startSmtpServer();
  });
});
