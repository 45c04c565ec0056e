// RFC 9865 cursor pagination of the SCIM lists: a walk by nextCursor returns
// every row exactly once, in the same order as index pagination, for
// filtered, sorted (with ties and missing values) and default-order lists;
// rows inserted or deleted mid-walk do not make it repeat or skip the rows
// that existed throughout; a cursor works only for the list it came from.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/domain/directory/list-cursor.js';
import { parseAttrPath } from '../../src/scim/path.js';
import { createTestApp, DIALECTS, GROUP_SCHEMA, TEST_LIMITS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

const SIZE = 2_500;
const TITLES = ['Engineer', 'engineer', 'Manager', 'Zeta', 'alpha'];

type Row = { id: string; userName: string; title?: string; active: boolean };

describe.each(DIALECTS)('SCIM cursor pagination (%s)', (dialect) => {
  let t: TestApp;
  const users: Row[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let i = 0; i < SIZE; i++) {
      // Titles repeat (ties, some differing only in case) and 1 in 6 has none (NULL sort keys).
      const title = i % 6 === 5 ? undefined : TITLES[(i * 7) % TITLES.length];
      const active = i % 3 !== 0;
      const view = await t.services.users.create(t.teamId, { schemas: [USER_SCHEMA], userName: `u${String((i * 7919) % 10007).padStart(5, '0')}`, active, ...(title ? { title } : {}) });
      users.push({ id: view.user.id, userName: view.user.resource.userName as string, title, active });
    }
    for (let i = 0; i < 5; i++) await t.services.groups.create(t.teamId, { schemas: [GROUP_SCHEMA], displayName: `g${i}` });
  }, 300_000);
  afterAll(async () => t.close());

  const get = (query: string) => t.scim('GET', `/Users?${query}`);
  const walk = async (query: string, count: number, between?: (page: number) => Promise<void>) => {
    const ids: string[] = [];
    let cursor = '';
    for (let page = 0; page < 1000; page++) {
      const res = await get(`${query}&count=${count}&cursor=${encodeURIComponent(cursor)}&attributes=id`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.startIndex).toBeUndefined();
      ids.push(...body.Resources.map((r: { id: string }) => r.id));
      if (body.nextCursor === undefined) return { ids, total: body.totalResults as number };
      expect(body.Resources).toHaveLength(count);
      cursor = body.nextCursor;
      await between?.(page);
    }
    throw new Error('the walk did not end');
  };
  const byIndex = async (query: string) => {
    const ids: string[] = [];
    for (let start = 1; start <= SIZE + 1; start += TEST_LIMITS.maxResults) {
      const body = (await get(`${query}&startIndex=${start}&count=${TEST_LIMITS.maxResults}&attributes=id`)).json();
      ids.push(...body.Resources.map((r: { id: string }) => r.id));
    }
    return ids;
  };

  it('walks a filtered list sorted by a key with ties and missing values: every row once, in order', async () => {
    const query = `filter=${encodeURIComponent('active eq true')}&sortBy=title`;
    const { ids, total } = await walk(query, 150);
    // Expected: case-insensitive code-point order, no title last, ties in creation order.
    const expected = users
      .filter((u) => u.active)
      .map((u, i) => ({ u, i }))
      .sort((a, b) => {
        const x = a.u.title?.toLowerCase();
        const y = b.u.title?.toLowerCase();
        if (x !== y) return x === undefined ? 1 : y === undefined ? -1 : x < y ? -1 : 1;
        return a.i - b.i;
      })
      .map(({ u }) => u.id);
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected);
    expect(ids).toEqual(await byIndex(query));
  });

  it('walks descending (missing values first) and by userName, as index pagination orders them', async () => {
    for (const query of [`sortBy=title&sortOrder=descending&filter=${encodeURIComponent('active eq false')}`, 'sortBy=userName&sortOrder=descending', 'sortBy=userName',
      // A multi-valued key nobody has (all NULL: one long tie), and a dateTime column.
      `sortBy=emails&filter=${encodeURIComponent('active eq false')}`, 'sortBy=meta.lastModified&sortOrder=descending']) {
      const { ids, total } = await walk(query, 200);
      expect(new Set(ids).size, query).toBe(ids.length);
      expect(ids.length, query).toBe(total);
      expect(ids, query).toEqual(await byIndex(query));
    }
  });

  it('walks the default order, filtered and not, and answers totalResults on every page', async () => {
    const all = await walk('filter=', 200);
    expect(all.ids).toEqual(users.map((u) => u.id));
    expect(all.total).toBe(SIZE);
    const filtered = await walk(`filter=${encodeURIComponent('title eq "engineer" or title eq "alpha"')}`, 70);
    expect(filtered.ids).toEqual(users.filter((u) => u.title?.toLowerCase() === 'engineer' || u.title === 'alpha').map((u) => u.id));
  });

  it('neither repeats nor skips the rows that exist throughout when rows come and go mid-walk', async () => {
    const query = `filter=${encodeURIComponent('active eq true')}&sortBy=title`;
    const before = (await walk(query, 200)).ids;
    const gone = new Set<string>();
    const added: string[] = [];
    const { ids } = await walk(query, 200, async (page) => {
      // Delete one row already returned and one still ahead; add rows that sort before and after the position.
      for (const id of [before[page * 200 + 3], before[before.length - 1 - page]]) {
        if (gone.has(id)) continue;
        expect((await t.scim('DELETE', `/Users/${id}`)).statusCode).toBe(204);
        gone.add(id);
      }
      for (const title of ['aaa', 'zzz', undefined]) {
        const res = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: `mid-${page}-${title ?? 'none'}`, ...(title ? { title } : {}) });
        expect(res.statusCode).toBe(201);
        added.push(res.json().id);
      }
    });
    expect(new Set(ids).size).toBe(ids.length);
    const throughout = before.filter((id) => !gone.has(id));
    const seen = new Set(ids);
    expect(throughout.filter((id) => !seen.has(id))).toEqual([]);
    // And in the same relative order.
    expect(ids.filter((id) => throughout.includes(id))).toEqual(throughout);
    expect(ids.filter((id) => !before.includes(id) && !added.includes(id))).toEqual([]);
  });

  it('pages Groups and POST /Users/.search the same way', async () => {
    const groups = await t.scim('GET', '/Groups?cursor=&count=2&sortBy=displayName');
    expect(groups.json().Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['g0', 'g1']);
    const next = await t.scim('GET', `/Groups?cursor=${encodeURIComponent(groups.json().nextCursor)}&count=10&sortBy=displayName`);
    expect(next.json().Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['g2', 'g3', 'g4']);
    expect(next.json().nextCursor).toBeUndefined();
    expect(next.json().totalResults).toBe(5);

    const first = (await t.scim('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], cursor: '', count: 3, sortBy: 'userName' })).json();
    const second = (await t.scim('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], cursor: first.nextCursor, count: 3, sortBy: 'userName' })).json();
    const viaGet = (await get('cursor=&count=6&sortBy=userName')).json();
    expect([...first.Resources, ...second.Resources].map((r: { id: string }) => r.id)).toEqual(viaGet.Resources.map((r: { id: string }) => r.id));
  });

  it('walks the root /.search: the users, then the groups', async () => {
    const search = (body: Record<string, unknown>) => t.scim('POST', '/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], ...body });
    const filter = 'userName sw "u0000" or displayName sw "g"';
    const ids: string[] = [];
    let cursor = '';
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const body = (await search({ filter, cursor, count: 3 })).json();
      ids.push(...body.Resources.map((r: { id: string }) => r.id));
      total = body.totalResults;
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const byIndexBody = (await search({ filter, startIndex: 1, count: 100 })).json();
    expect(ids).toEqual(byIndexBody.Resources.map((r: { id: string }) => r.id));
    expect(total).toBe(byIndexBody.totalResults);
  });

  it('refuses a malformed, altered or foreign cursor, and cursor with startIndex or a count over the maximum, with 400 and never a 500', async () => {
    const first = (await get(`filter=${encodeURIComponent('active eq true')}&sortBy=title&cursor=&count=5`)).json();
    const cursor: string = first.nextCursor;
    expect(typeof cursor).toBe('string');
    const scimType = async (query: string) => {
      const res = await get(query);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      return res.json().scimType;
    };
    const same = `filter=${encodeURIComponent('active eq true')}&sortBy=title&count=5`;
    expect(await get(`${same}&cursor=${encodeURIComponent(cursor)}`).then((r) => r.statusCode)).toBe(200);
    for (const bad of ['abc', '.', 'a.b.c', '!!!', cursor.slice(0, -2), cursor.replace(/^./, (c) => (c === 'e' ? 'f' : 'e')), `${cursor}x`, 'x'.repeat(5000), `${'x'.repeat(600_000)}.${'y'.repeat(16)}`]) {
      expect(await scimType(`${same}&cursor=${encodeURIComponent(bad)}`), bad).toBe('invalidCursor');
    }
    // Another filter, another sort, another order: the cursor belongs to its list.
    expect(await scimType(`filter=${encodeURIComponent('active eq false')}&sortBy=title&count=5&cursor=${encodeURIComponent(cursor)}`)).toBe('invalidCursor');
    expect(await scimType(`filter=${encodeURIComponent('active eq true')}&sortBy=userName&count=5&cursor=${encodeURIComponent(cursor)}`)).toBe('invalidCursor');
    expect(await scimType(`${same}&sortOrder=descending&cursor=${encodeURIComponent(cursor)}`)).toBe('invalidCursor');
    expect((await t.scim('GET', `/Groups?count=5&cursor=${encodeURIComponent(cursor)}`)).json().scimType).toBe('invalidCursor');
    // Another team, with its own token.
    const other = await t.services.teams.create({ slug: `other-${Date.now()}` });
    const { secret } = await t.services.tokens.create(other.id, { allowWithoutSso: true });
    const foreign = await t.app.inject({ method: 'GET', url: `/scim/v2/${other.id}/Users?${same}&cursor=${encodeURIComponent(cursor)}`, headers: { authorization: `Bearer ${secret}` } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().scimType).toBe('invalidCursor');

    expect(await scimType(`${same}&startIndex=1&cursor=`)).toBe('invalidValue');
    expect(await scimType(`cursor=&count=${TEST_LIMITS.maxResults + 1}`)).toBe('invalidCount');
    expect(await scimType(`cursor=&count=-1`)).toBe('invalidCount');
    // Index pagination keeps lowering an excessive count, as RFC 7644 says.
    expect((await get(`count=${TEST_LIMITS.maxResults + 1}`)).json().itemsPerPage).toBe(TEST_LIMITS.maxResults);
    const search = await t.scim('POST', '/Users/.search', { cursor: 'nope', count: 2 });
    expect(search.statusCode).toBe(400);
    expect(search.json().scimType).toBe('invalidCursor');
  });

  it('refuses a cursor forged with a valid check but a value the database cannot take (NUL, lone surrogate, numeric overflow) with 400 invalidCursor', async () => {
    // The check is a plain hash of the list's scope, which a client can recompute: the value must be checked as input.
    const forged = (sortBy: string, key: string | number) => encodeCursor({ teamId: t.teamId, list: '/Users', sortBy: parseAttrPath(sortBy), sortOrder: 'ascending' }, { seq: 1, key });
    const honest = await get(`sortBy=userName&count=2&cursor=${encodeURIComponent(forged('userName', 'u0'))}`);
    expect(honest.statusCode, honest.body).toBe(200);
    for (const [sortBy, key] of [['userName', 'a\u0000b'], ['userName', 'x\uD800'], ['userName', '\uDC00x'], ['meta.created', 'a\u0000']] as const) {
      const res = await get(`sortBy=${sortBy}&count=2&cursor=${encodeURIComponent(forged(sortBy, key))}`);
      expect(res.statusCode, `${sortBy} ${JSON.stringify(key)}: ${res.body}`).toBe(400);
      expect(res.json().scimType).toBe('invalidCursor');
    }
  });

  it('answers count=0 with the total and no cursor, and a last page without nextCursor', async () => {
    const zero = (await get('cursor=&count=0')).json();
    expect(zero.totalResults).toBe((await get('count=0')).json().totalResults);
    expect(zero.nextCursor).toBeUndefined();
    const one = (await get(`cursor=&filter=${encodeURIComponent(`userName eq "${users[1].userName}"`)}`)).json();
    expect(one.Resources.map((r: { id: string }) => r.id)).toEqual([users[1].id]);
    expect(one.nextCursor).toBeUndefined();
  });

  it('advertises cursor pagination in /ServiceProviderConfig', async () => {
    const spc = (await t.scim('GET', '/ServiceProviderConfig')).json();
    expect(spc.pagination).toEqual({ cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: TEST_LIMITS.defaultCount, maxPageSize: TEST_LIMITS.maxResults });
  });
});
