// The CLI's sign-in links are emailed too when ROLLCALL_SMTP_URL names an
// SMTP server (a real one, in-process), and still printed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';

describe('rollcall CLI sign-in links by email', () => {
  let dir: string;
  let smtp: TestSmtpServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    smtp = await startSmtpServer();
    dir = mkdtempSync(join(tmpdir(), 'rollcall-cli-mail-'));
    process.env.ROLLCALL_DATABASE_URL = `sqlite:${join(dir, 'rollcall.db')}`;
    process.env.ROLLCALL_PUBLIC_URL = 'https://rc.example.com';
    process.env.ROLLCALL_SMTP_URL = smtp.url;
    process.env.ROLLCALL_SMTP_FROM = 'Rollcall <rollcall@example.test>';
  });
  afterAll(async () => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
    await smtp.close();
  });

  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await run(args, (s) => (out += s));
    return { code, out };
  }

  it('emails the owner of a new team and an admin given a link, with the printed link on its own line', async () => {
    const team = JSON.parse((await cli('team', 'create', 'hooli', '--name', 'Hooli', '--admin-email', 'gavin@hooli.example', '--json')).out);
    expect(team).toMatchObject({ owner: 'gavin@hooli.example', emailed: true });
    const [first] = await smtp.waitFor(1);
    expect(first.to).toEqual(['gavin@hooli.example']);
    expect(first.from).toBe('rollcall@example.test');
    expect(first.subject).toContain('Hooli');
    expect(first.text).toContain('owner');
    expect(first.text.split(/\r?\n/)).toContain(team.signInLink);

    const { code, out } = await cli('admin', 'link', '--team', 'hooli', '--email', 'dinesh@hooli.example', '--role', 'member');
    expect(code).toBe(0);
    expect(out).toContain('emailed to dinesh@hooli.example');
    const link = /(https:\/\/rc\.example\.com\/sign-in#\S+)/.exec(out)?.[1];
    const mails = await smtp.waitFor(2);
    expect(mails[1].to).toEqual(['dinesh@hooli.example']);
    expect(mails[1].text).toContain('member');
    expect(mails[1].text.split(/\r?\n/)).toContain(link);
  });

  it('prints the link and why it was not emailed when the SMTP server is down', async () => {
    process.env.ROLLCALL_SMTP_URL = 'smtp://127.0.0.1:1';
    try {
      const res = JSON.parse((await cli('admin', 'link', '--team', 'hooli', '--email', 'jared@hooli.example', '--json')).out);
      expect(res).toMatchObject({ emailed: false, emailReason: 'mail.failed' });
      expect(res.signInLink).toContain('#link=rcl_');
    } finally {
      process.env.ROLLCALL_SMTP_URL = smtp.url;
    }
  });
});
