// The server-rendered SSO pages (refusals, errors) look like Rollcall and
// always offer a way back: to sign-in and to the dashboard, plus "Try again"
// when there is one. Everything from the request is escaped.

import { describe, expect, it } from 'vitest';
import { renderPage } from '../../src/http/sso/sso-page.js';

describe('SSO pages', () => {
  it('are styled and link back to sign-in and the dashboard', () => {
    const html = renderPage({ title: 'Not a team admin', message: 'Your email has no role in this team.', code: 'sign_in.not_a_team_admin' });
    expect(html).toMatch(/<style>[^<]*main\{[^<]*<\/style>/);
    expect(html).toContain('<a class="primary" href="/sign-in">Back to sign-in</a>');
    expect(html).toContain('<a href="/">Open the dashboard</a>');
    expect(html).not.toContain('Try again');
    expect(html).toContain('<code id="reason">sign_in.not_a_team_admin</code>');
  });

  it('offer "Try again" first when there is a retry, and escape what they show', () => {
    const html = renderPage({ title: 'Sign-in refused', message: '<script>x</script>', detail: '"quoted" & more', retryUrl: '/sso/t/start?purpose=admin&x="y"' });
    expect(html).toContain('<a class="primary" href="/sso/t/start?purpose=admin&amp;x=&quot;y&quot;">Try again</a><a href="/sign-in">Back to sign-in</a>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; more');
    expect(html).not.toContain('<script>');
  });
});
