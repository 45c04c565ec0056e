// Issue 12, deep pages: in a team of 200,000 users (quick: 20,000), a page of
// 100 at the middle of a filtered (`active eq true`) and of a sorted
// (`sortBy=userName`) list, reached by an RFC 9865 cursor, against the first
// page of the same list. A cursor page is one index range scan from its
// position, so it should cost what the first page costs. The same pages by
// startIndex are measured for information: they skip every row before them.

import type { PhaseGroup } from './phase-groups.js';
import { createPhase, interleave, type PhaseResult } from './measure.js';

const ROUNDS = 4;
const PAGE = 100;

const FILTERED = `filter=${encodeURIComponent('active eq true')}`;
const SORTED = 'sortBy=userName';

export const deepPages: PhaseGroup = {
  id: 'deep-pages',
  description: 'first vs middle page of a filtered and a sorted list, by cursor (RFC 9865) and by startIndex (bench/deep-pages-phase.ts)',
  rules: [
    { criterion: 'filtered list: middle page by cursor ≤ 1.5× first page', numerator: 'deep-filtered-cursor', denominator: 'deep-filtered-first', limit: 1.5, kind: 'max' },
    { criterion: 'sorted list: middle page by cursor ≤ 1.5× first page', numerator: 'deep-sorted-cursor', denominator: 'deep-sorted-first', limit: 1.5, kind: 'max' },
  ],
  async run(ctx): Promise<PhaseResult[]> {
    const size = ctx.options.quick ? 20_000 : 200_000;
    const team = await ctx.newTeam('deep-pages');
    ctx.log(`seeding ${size.toLocaleString('en-US')} users set by set`);
    await ctx.rollcall.call({ cmd: 'run', name: 'seedDeepPageUsers', args: { team: 'deep-pages', count: size } });
    await ctx.rollcall.call({ cmd: 'settle' });
    const { client, base } = team;
    const spc = await client.expect<{ pagination: { maxPageSize: number } }>(200, 'GET', `${base}/ServiceProviderConfig`);
    const stride = Math.min(1000, spc.pagination.maxPageSize);

    /** The cursor of the page that starts at the middle of the list, found by walking it in large pages. */
    const middle = async (query: string): Promise<{ cursor: string; startIndex: number; total: number }> => {
      let cursor = '';
      let seen = 0;
      for (let step = 0; step < 10_000; step++) {
        const body = await client.expect<{ totalResults: number; nextCursor?: string; itemsPerPage: number }>(200, 'GET', `${base}/Users?${query}&attributes=id&count=${stride}&cursor=${encodeURIComponent(cursor)}`);
        if (!body.nextCursor) throw new Error(`the list ${query} ended before its middle`);
        cursor = body.nextCursor;
        seen += body.itemsPerPage;
        if (seen >= body.totalResults / 2) return { cursor, startIndex: seen + 1, total: body.totalResults };
      }
      throw new Error('the walk to the middle did not end');
    };
    const filtered = await middle(FILTERED);
    const sorted = await middle(SORTED);
    ctx.log(`middle of the filtered list: row ${filtered.startIndex.toLocaleString('en-US')} of ${filtered.total.toLocaleString('en-US')}; sorted: row ${sorted.startIndex.toLocaleString('en-US')} of ${sorted.total.toLocaleString('en-US')}`);

    const requests = ctx.options.quick ? 40 : 200;
    const indexRequests = ctx.options.quick ? 10 : 40;
    const at = (list: { startIndex: number; total: number }) => `row ${list.startIndex.toLocaleString('en-US')} of ${list.total.toLocaleString('en-US')}`;
    const first = `of ${size.toLocaleString('en-US')} users`;
    const page = (query: string) => () => client.expect(200, 'GET', `${base}/Users?${query}&count=${PAGE}`);
    const phases = [
      createPhase(ctx.rollcall, 'rollcall', { id: 'deep-filtered-first', label: 'active eq true, first page (cursor)', at: first, requests, warmup: 5 }, page(`${FILTERED}&cursor=`), ctx.dbCpu),
      createPhase(ctx.rollcall, 'rollcall', { id: 'deep-filtered-cursor', label: 'active eq true, middle page by cursor', at: at(filtered), requests, warmup: 5 }, page(`${FILTERED}&cursor=${encodeURIComponent(filtered.cursor)}`), ctx.dbCpu),
      createPhase(ctx.rollcall, 'rollcall', { id: 'deep-sorted-first', label: 'sortBy=userName, first page (cursor)', at: first, requests, warmup: 5 }, page(`${SORTED}&cursor=`), ctx.dbCpu),
      createPhase(ctx.rollcall, 'rollcall', { id: 'deep-sorted-cursor', label: 'sortBy=userName, middle page by cursor', at: at(sorted), requests, warmup: 5 }, page(`${SORTED}&cursor=${encodeURIComponent(sorted.cursor)}`), ctx.dbCpu),
      // For information: the same depth by index.
      createPhase(ctx.rollcall, 'rollcall', { id: 'deep-filtered-index', label: 'active eq true, middle page by startIndex', at: at(filtered), requests: indexRequests, warmup: 1, timeLimitMs: 60_000 }, page(`${FILTERED}&startIndex=${filtered.startIndex}`), ctx.dbCpu),
      createPhase(ctx.rollcall, 'rollcall', { id: 'deep-sorted-index', label: 'sortBy=userName, middle page by startIndex', at: at(sorted), requests: indexRequests, warmup: 1, timeLimitMs: 60_000 }, page(`${SORTED}&startIndex=${sorted.startIndex}`), ctx.dbCpu),
    ];
    return ctx.record(await interleave(phases, ROUNDS, (i) => (i < 4 ? requests : indexRequests)));
  },
};
