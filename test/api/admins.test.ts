// A team's admins managed over the admin API: owners invite (a link to copy,
// emailed through a real SMTP server), the link signs the new admin in with
// the invited role, owners change roles and remove admins, the last owner
// stays, nobody else changes anything, and each change writes an event.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';

const secretOf = (link: string) => /#link=([^&\s]+)/.exec(link)?.[1] ?? '';

/** Opens a sign-in link as the dashboard does; returns a client with the session it gave. */
async function accept(t: TestApp, link: string): Promise<AdminClient> {
  const res = await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secretOf(link) } });
  if (res.statusCode !== 201) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = res.json().csrfToken as string;
  return {
    cookie,
    csrf,
    request: async (method, url, body, headers = {}) =>
      (await t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, payload: body === undefined ? undefined : JSON.stringify(body) })) as never,
  };
}

describe.each(DIALECTS)('team admins over the admin API (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let owner: AdminClient;
  let teamName: string;
  let path: string;

  const list = async () => (await owner.request('GET', path)).json().admins as Array<{ id: string; email: string; role: string; lastSignInAt: string | null }>;
  const events = async () => (await t.services.store.events.listAfter(t.services.store.db, t.teamId, 0, 1000)).filter((e) => e.type.startsWith('admin.'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createSmtpMailer({ url: smtp.url, from: 'Rollcall <rollcall@example.test>' });
    t = await createTestApp(dialect, { services: { mailer } });
    owner = await signInAdmin(t, 'owner@example.com', 'owner');
    teamName = (await t.services.teams.find(t.teamId)).name;
    path = `/api/admin/teams/${t.teamId}/admins`;
  });
  afterAll(async () => {
    mailer.close();
    await t.close();
    await smtp.close();
  });

  it('invites by email: the link is shown and emailed, works once, and signs in with the invited role', async () => {
    const res = await owner.request('POST', path, { email: 'New.Admin@example.com', role: 'admin' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ admin: { email: 'New.Admin@example.com', role: 'admin', lastSignInAt: null }, emailed: true });
    expect(body.link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8080/sign-in#link=rcl_[^&]+&team=${t.teamId}$`));
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['New.Admin@example.com']);
    expect(mail.subject).toContain(teamName);
    expect(mail.text).toContain('Rollcall');
    expect(mail.text).toContain(`"${teamName}"`);
    expect(mail.text).toContain('as admin');
    expect(mail.text).toContain('owner@example.com invited you');
    expect(mail.text).toContain(`until ${body.expiresAt.slice(0, 16).replace('T', ' ')} UTC`);
    // The link alone on its line, the same link the owner sees.
    expect(mail.text.split(/\r?\n/)).toContain(body.link);

    // The emailed link opens a session with the invited role in the team.
    const invited = await accept(t, mail.text.split(/\r?\n/).find((line) => line.includes('#link=')) as string);
    const me = (await invited.request('GET', '/api/admin/me')).json();
    expect(me.account.email).toBe('New.Admin@example.com');
    expect(me.teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'admin' })]);
    expect((await invited.request('GET', `/api/admin/teams/${t.teamId}/scim-tokens`)).statusCode).toBe(200);
    // Once.
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/sessions', payload: { link: secretOf(body.link) } })).statusCode).toBe(401);

    const listed = (await list()).find((a) => a.email === 'New.Admin@example.com');
    expect(listed).toMatchObject({ role: 'admin', lastSignInAt: expect.any(String) });
    const invitedEvent = (await events()).find((e) => e.type === 'admin.invited' && e.data.email === 'New.Admin@example.com');
    expect(invitedEvent).toMatchObject({ resourceType: 'Admin', resourceId: body.admin.id, data: { role: 'admin', resent: false, by: 'owner@example.com' } });
    // The secret is in the answer and the email, never in an event.
    expect(JSON.stringify(await events())).not.toContain(secretOf(body.link));
  });

  it('invites someone who is already an admin of another team without a second account', async () => {
    const other = await t.services.teams.create({ slug: `other-${dialect}` });
    const elsewhere = await t.services.adminAccess.grant(other.id, 'two-teams@example.com', 'owner');
    const res = await owner.request('POST', path, { email: 'TWO-TEAMS@example.com', role: 'member' });
    expect(res.statusCode).toBe(201);
    expect(res.json().admin).toMatchObject({ id: elsewhere.id, email: 'two-teams@example.com', role: 'member' });
    const teams = (await t.services.adminAccess.teamsOf(elsewhere.id)).map((r) => [r.teamId, r.role]);
    expect(teams).toEqual(expect.arrayContaining([[other.id, 'owner'], [t.teamId, 'member']]));
  });

  it('refuses a duplicate invitation with 409, sending nothing and changing nothing', async () => {
    await owner.request('POST', path, { email: 'dup@example.com', role: 'member' });
    const before = { admins: await list(), mails: smtp.received.length, events: (await events()).length };
    const again = await owner.request('POST', path, { email: 'DUP@example.com', role: 'owner' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('admin.already_admin');
    expect(await list()).toEqual(before.admins);
    expect((await events()).length).toBe(before.events);
    expect(smtp.received.length).toBe(before.mails);
  });

  it('answers bad input with 400 and changes nothing', async () => {
    const before = { admins: await list(), mails: smtp.received.length, events: (await events()).length };
    const cases: Array<[unknown, string]> = [
      [{ email: 'not-an-email', role: 'admin' }, 'admin.invalid_email'],
      [{ email: '', role: 'admin' }, 'admin.invalid_email'],
      [{ email: 42, role: 'admin' }, 'admin.invalid_email'],
      [{ email: 'ok@example.com', role: 'superuser' }, 'admin.invalid_role'],
      [{ email: 'ok@example.com' }, 'admin.invalid_role'],
      [{ email: 'ok@example.com', role: 'admin', teamId: 'x' }, 'request.invalid'],
      [['ok@example.com'], 'request.invalid'],
    ];
    for (const [payload, code] of cases) {
      const res = await owner.request('POST', path, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code, JSON.stringify(payload)).toBe(code);
    }
    const target = (await list()).find((a) => a.role === 'admin') as { id: string };
    for (const payload of [{ role: 'root' }, {}, { role: 'owner', email: 'x@example.com' }]) {
      const res = await owner.request('PATCH', `${path}/${target.id}`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await list()).toEqual(before.admins);
    expect((await events()).length).toBe(before.events);
    expect(smtp.received.length).toBe(before.mails);
    expect(await t.services.adminAccess.ensureAccount('ok@example.com').then((a) => t.services.adminAccess.teamsOf(a.id))).toEqual([]);
  });

  it('changes a role (the admin\'s session follows at once) and writes admin.role_changed', async () => {
    const invite = (await owner.request('POST', path, { email: 'demote-me@example.com', role: 'admin' })).json();
    const them = await accept(t, invite.link);
    expect((await them.request('GET', `/api/admin/teams/${t.teamId}/scim-tokens`)).statusCode).toBe(200);
    const res = await owner.request('PATCH', `${path}/${invite.admin.id}`, { role: 'member' });
    expect(res.statusCode).toBe(200);
    expect(res.json().admin).toMatchObject({ id: invite.admin.id, role: 'member' });
    expect((await them.request('GET', `/api/admin/teams/${t.teamId}/scim-tokens`)).statusCode).toBe(403);
    expect((await them.request('GET', '/api/admin/me')).json().teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'member' })]);
    const changed = (await events()).filter((e) => e.type === 'admin.role_changed' && e.resourceId === invite.admin.id);
    expect(changed.map((e) => e.data)).toEqual([expect.objectContaining({ role: 'member', previousRole: 'admin', by: 'owner@example.com' })]);
  });

  it('removes an admin: their team is gone for them, and admin.removed is written', async () => {
    const invite = (await owner.request('POST', path, { email: 'remove-me@example.com', role: 'admin' })).json();
    const them = await accept(t, invite.link);
    expect((await owner.request('DELETE', `${path}/${invite.admin.id}`)).statusCode).toBe(204);
    expect((await list()).map((a) => a.id)).not.toContain(invite.admin.id);
    expect((await them.request('GET', `/api/admin/teams/${t.teamId}`)).statusCode).toBe(404);
    expect((await them.request('GET', '/api/admin/me')).json().teams).toEqual([]);
    expect((await events()).find((e) => e.type === 'admin.removed' && e.resourceId === invite.admin.id)?.data).toMatchObject({ previousRole: 'admin', email: 'remove-me@example.com' });
    // Gone twice: 404.
    const again = await owner.request('DELETE', `${path}/${invite.admin.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('admin.not_found');
    expect((await owner.request('PATCH', `${path}/no-such-admin`, { role: 'admin' })).json().error.code).toBe('admin.not_found');
  });

  it('keeps the last owner: removing or demoting them is 409 admin.last_owner and changes nothing', async () => {
    const me = (await list()).find((a) => a.email === 'owner@example.com') as { id: string };
    const before = { admins: await list(), events: (await events()).length };
    for (const [method, body] of [['DELETE', undefined], ['PATCH', { role: 'admin' }], ['PATCH', { role: 'member' }]] as const) {
      const res = await owner.request(method, `${path}/${me.id}`, body);
      expect(res.statusCode, `${method} ${JSON.stringify(body)}`).toBe(409);
      expect(res.json().error.code).toBe('admin.last_owner');
      expect(res.json().error.message).toContain('last owner');
    }
    expect(await list()).toEqual(before.admins);
    expect((await events()).length).toBe(before.events);

    // With a second owner, the first may step down; then the second is the last.
    const second = (await owner.request('POST', path, { email: 'second-owner@example.com', role: 'owner' })).json();
    const secondClient = await accept(t, second.link);
    expect((await owner.request('PATCH', `${path}/${me.id}`, { role: 'admin' })).statusCode).toBe(200);
    const last = await secondClient.request('DELETE', `${path}/${second.admin.id}`);
    expect(last.statusCode).toBe(409);
    // Restore: the second owner makes the first an owner again.
    expect((await secondClient.request('PATCH', `${path}/${me.id}`, { role: 'owner' })).statusCode).toBe(200);
    expect((await secondClient.request('DELETE', `${path}/${second.admin.id}`)).statusCode).toBe(204);
  });

  it('keeps an owner when two owners demote each other at the same moment', async () => {
    const a = await owner.request('POST', path, { email: 'race-a@example.com', role: 'owner' }).then((r) => r.json());
    const b = await owner.request('POST', path, { email: 'race-b@example.com', role: 'owner' }).then((r) => r.json());
    const [clientA, clientB] = [await accept(t, a.link), await accept(t, b.link)];
    // The original owner steps aside to admin first, leaving a and b as the only owners.
    const me = (await list()).find((x) => x.email === 'owner@example.com') as { id: string };
    expect((await clientA.request('PATCH', `${path}/${me.id}`, { role: 'admin' })).statusCode).toBe(200);
    const results = await Promise.all([clientA.request('PATCH', `${path}/${b.admin.id}`, { role: 'admin' }), clientB.request('PATCH', `${path}/${a.admin.id}`, { role: 'admin' })]);
    // The second is refused: 409 when both passed the owner check (the team lock orders them), 403 once the first had committed.
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.map((r) => r.json()?.error?.code).filter(Boolean)[0]).toMatch(/^(admin\.last_owner|admin\.owner_required|auth\.forbidden)$/);
    const owners = (await list()).filter((x) => x.role === 'owner');
    expect(owners).toHaveLength(1);
    // Put things back: the remaining owner restores the original owner and removes a and b.
    const survivor = owners[0].id === a.admin.id ? clientA : clientB;
    expect((await survivor.request('PATCH', `${path}/${me.id}`, { role: 'owner' })).statusCode).toBe(200);
    expect((await owner.request('DELETE', `${path}/${a.admin.id}`)).statusCode).toBe(204);
    expect((await owner.request('DELETE', `${path}/${b.admin.id}`)).statusCode).toBe(204);
  });

  it('lets admins and members list, and refuses them every change with 403 (no raising their own role)', async () => {
    const admin = await signInAdmin(t, 'plain-admin@example.com', 'admin');
    const member = await signInAdmin(t, 'viewer@example.com', 'member');
    const adminId = (await list()).find((a) => a.email === 'plain-admin@example.com')?.id as string;
    const ownerId = (await list()).find((a) => a.email === 'owner@example.com')?.id as string;
    const before = { admins: await list(), mails: smtp.received.length, events: (await events()).length };
    for (const client of [admin, member]) {
      const listed = await client.request('GET', path);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().admins.length).toBe(before.admins.length);
      expect(listed.body).not.toContain('#link=');
      for (const [method, url, body] of [
        ['POST', path, { email: 'sneaky@example.com', role: 'owner' }],
        ['PATCH', `${path}/${adminId}`, { role: 'owner' }],
        ['PATCH', `${path}/${ownerId}`, { role: 'member' }],
        ['DELETE', `${path}/${ownerId}`, undefined],
        ['POST', `${path}/${adminId}/resend`, {}],
      ] as const) {
        const res = await client.request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('auth.forbidden');
      }
    }
    expect(await list()).toEqual(before.admins);
    expect((await events()).length).toBe(before.events);
    expect(smtp.received.length).toBe(before.mails);
    // Below the HTTP owner check, the service itself refuses a non-owner (raising their own role included).
    await expect(t.services.teamAdmins.changeRole(t.teamId, adminId, 'owner', { accountId: adminId, email: 'plain-admin@example.com' })).rejects.toMatchObject({ code: 'admin.owner_required' });
    expect(await list()).toEqual(before.admins);
    // Another team's admins are not even there.
    const other = await t.services.teams.create({ slug: `hidden-${dialect}` });
    expect((await owner.request('GET', `/api/admin/teams/${other.id}/admins`)).statusCode).toBe(404);
    // Without the CSRF header, no change either.
    const noCsrf = await t.app.inject({ method: 'POST', url: path, headers: { cookie: owner.cookie }, payload: { email: 'csrf@example.com', role: 'admin' } });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('resends a fresh link by email; it works', async () => {
    const invite = (await owner.request('POST', path, { email: 'resend@example.com', role: 'member' })).json();
    const count = smtp.received.length;
    const res = await owner.request('POST', `${path}/${invite.admin.id}/resend`, {});
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ emailed: true });
    expect(body.link).not.toBe(invite.link);
    const mails = await smtp.waitFor(count + 1);
    const mail = mails[count];
    expect(mail.to).toEqual(['resend@example.com']);
    expect(mail.text.split(/\r?\n/)).toContain(body.link);
    const them = await accept(t, body.link);
    expect((await them.request('GET', '/api/admin/me')).json().teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'member' })]);
    expect((await events()).filter((e) => e.resourceId === invite.admin.id).map((e) => [e.type, e.data.resent])).toEqual([
      ['admin.invited', false],
      ['admin.invited', true],
    ]);
  });

  it('writes admin.* events with the payload keys docs/events.md shows', async () => {
    const page = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => [prefix + k, ...keys(v, `${prefix + k}.`)]) : [];
    const written = await events();
    for (const type of ['admin.invited', 'admin.role_changed', 'admin.removed']) {
      const example = new RegExp(`^### \`${type.replace('.', '\\.')}\`\\n[\\s\\S]*?\`\`\`json\\n([\\s\\S]*?)\`\`\``, 'm').exec(page);
      expect(example, type).not.toBeNull();
      const documented = keys(JSON.parse((example as RegExpExecArray)[1])).sort();
      const real = [...new Set(written.filter((e) => e.type === type).flatMap((e) => keys(e)))].sort();
      expect(real.length, `no ${type} was written`).toBeGreaterThan(0);
      expect(documented, type).toEqual(real);
    }
  });
});

describe.each(DIALECTS)('team admin invitations without working email (%s)', (dialect) => {
  it('answers 201 with emailed: false and a reason when the SMTP server is down; the link still works', async () => {
    const down = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'rollcall@example.test', timeoutMs: 2000 });
    const t = await createTestApp(dialect, { services: { mailer: down } });
    try {
      const owner = await signInAdmin(t, 'owner@example.com');
      const res = await owner.request('POST', `/api/admin/teams/${t.teamId}/admins`, { email: 'unlucky@example.com', role: 'admin' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ emailed: false, emailReason: 'mail.failed', admin: { email: 'unlucky@example.com', role: 'admin' } });
      const them = await accept(t, res.json().link);
      expect((await them.request('GET', '/api/admin/me')).json().teams).toEqual([expect.objectContaining({ teamId: t.teamId, role: 'admin' })]);
      const resend = await owner.request('POST', `/api/admin/teams/${t.teamId}/admins/${res.json().admin.id}/resend`, {});
      expect(resend.statusCode).toBe(201);
      expect(resend.json()).toMatchObject({ emailed: false, emailReason: 'mail.failed' });
    } finally {
      down.close();
      await t.close();
    }
  });

  it('says mail.not_configured without an SMTP server, and the list says email is off', async () => {
    const t = await createTestApp(dialect);
    try {
      const owner = await signInAdmin(t, 'owner@example.com');
      expect((await owner.request('GET', `/api/admin/teams/${t.teamId}/admins`)).json().emailEnabled).toBe(false);
      const res = await owner.request('POST', `/api/admin/teams/${t.teamId}/admins`, { email: 'copy-me@example.com', role: 'member' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ emailed: false, emailReason: 'mail.not_configured' });
      expect((await accept(t, res.json().link).then((c) => c.request('GET', '/api/admin/me'))).json().account.email).toBe('copy-me@example.com');
    } finally {
      await t.close();
    }
  });
});
