// Deep pages of an unfiltered list start from rank anchors (every 1,000th
// row); they must give exactly what OFFSET would, and stay right after rows
// are added or removed anywhere.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

const SIZE = 2_300;

describe.each(DIALECTS)('deep paging across rank anchors (%s)', (dialect) => {
  let t: TestApp;
  let all: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (let i = 0; i < SIZE; i++) {
      await t.services.users.create(t.teamId, { schemas: [USER_SCHEMA], userName: `u${String(i).padStart(5, '0')}` });
    }
  }, 120_000);
  afterAll(async () => t.close());

  const page = async (startIndex: number, count: number) => {
    const body = (await t.scim('GET', `/Users?startIndex=${startIndex}&count=${count}&attributes=userName`)).json();
    return { total: body.totalResults as number, names: body.Resources.map((r: { userName: string }) => r.userName) as string[] };
  };
  const expected = (startIndex: number, count: number) => all.slice(startIndex - 1, startIndex - 1 + count);

  it('pages anywhere, across and past anchors, in the stable order', async () => {
    all = [];
    for (let start = 1; start <= SIZE; start += 200) all.push(...(await page(start, 200)).names);
    expect(all).toHaveLength(SIZE);
    expect(new Set(all).size).toBe(SIZE);
    for (const start of [2, 999, 1000, 1001, 1002, 1950, 2001, 2250, 2300]) {
      const p = await page(start, 100);
      expect(p.total).toBe(SIZE);
      expect(p.names, `startIndex ${start}`).toEqual(expected(start, 100));
    }
    expect((await page(SIZE + 1, 10)).names).toEqual([]);
    expect((await page(SIZE + 5000, 10)).total).toBe(SIZE);
  });

  it('stays right after a delete before an anchor and an insert at the end', async () => {
    await page(1500, 50); // anchors in the cache
    const victim = (await t.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "u00010"')}`)).json().Resources[0].id;
    expect((await t.scim('DELETE', `/Users/${victim}`)).statusCode).toBe(204);
    all = all.filter((n) => n !== 'u00010');
    let p = await page(1500, 50);
    expect(p.total).toBe(SIZE - 1);
    expect(p.names).toEqual(expected(1500, 50));
    await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'zz-last' });
    all.push('zz-last');
    p = await page(SIZE - 10, 50);
    expect(p.names).toEqual(expected(SIZE - 10, 50));
    expect(p.names.at(-1)).toBe('zz-last');
  });
});
