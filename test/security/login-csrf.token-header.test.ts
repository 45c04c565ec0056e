// The admin API's CSRF check (issue 10): an X-CSRF-Token header as long as
// the real token in characters but not in bytes (multi-byte characters)
// once made timingSafeEqual throw, answering 500. Any wrong token is a 403
// and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app.js';
import { signInAdmin, type AdminClient } from '../helpers/admin-session.js';

describe.each(DIALECTS)('X-CSRF-Token checking (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signInAdmin(t, `csrf-${dialect}@example.com`, 'admin');
  });
  afterAll(() => t.close());

  const create = (csrf: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/admin/teams/${t.teamId}/webhooks`,
      headers: { cookie: admin.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ url: 'https://hooks.example.com/csrf' }),
    });

  it('answers 403, not 500, to a token of the right length in multi-byte characters, and creates nothing', async () => {
    const length = admin.csrf.length;
    const wrong = ['é'.repeat(length), 'ÿ'.repeat(length), `${admin.csrf.slice(0, -1)}é`, admin.csrf.slice(1), `${admin.csrf}x`, 'x'.repeat(length)];
    for (const csrf of wrong) {
      const res = await create(csrf);
      expect(res.statusCode, csrf).toBe(403);
      expect(res.json().error.message).toBe('missing or wrong X-CSRF-Token header');
    }
    expect((await admin.request('GET', `/api/admin/teams/${t.teamId}/webhooks`)).json().items).toEqual([]);
    expect((await create(admin.csrf)).statusCode).toBe(201);
  });
});
