import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { createEventFeed, decodeCursor, encodeCursor, envelope } from './event-feed.js';
import { createCommitSignal, ALL_TEAMS } from './event-feed-signal.js';
import { signalCommits } from './event-feed-commits.js';
import type { Store } from '../directory/store.js';

describe('event feed cursors', () => {
  it('round-trips a position and refuses anything else', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    for (const bad of ['42', 'c1.', 'c1.-1', 'c1.4.2', 'c2.1', 'c1.1234567890123456']) {
      expect(() => decodeCursor(bad), bad).toThrow(DomainError);
    }
  });

  it('pages from the start, clamps the limit and reports more', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ seq: i + 1, id: `e${i + 1}`, teamId: 't', type: 'user.created', occurredAt: 'x', data: {} }));
    const feed = createEventFeed({ store: { db: null, listAfter: async (_db, _t, after, limit) => all.filter((e) => e.seq > after).slice(0, limit), lastSeq: async () => 5, findByIds: async () => [] } });
    const first = await feed.page('t', { limit: 2 });
    expect(first).toMatchObject({ nextCursor: 'c1.2', hasMore: true });
    expect((await feed.page('t', { after: first.nextCursor, limit: 0 })).events.map((e) => e.seq)).toEqual([3]);
    expect(await feed.page('t', { after: 'c1.5', limit: 10 })).toEqual({ events: [], nextCursor: 'c1.5', hasMore: false });
    expect(Object.keys(envelope({ ...all[0], resourceType: 'User', resourceId: 'u' }))).toEqual(['seq', 'id', 'teamId', 'type', 'occurredAt', 'resourceType', 'resourceId', 'data']);
  });
});

describe('commit signal', () => {
  it('wakes the team\'s listeners and the all-teams listeners; a publish to all wakes everyone', () => {
    const signal = createCommitSignal();
    const heard: string[] = [];
    const off = signal.subscribe('events', 't1', (t) => heard.push(`t1:${t}`));
    signal.subscribe('events', ALL_TEAMS, (t) => heard.push(`all:${t}`));
    signal.subscribe('activity', 't1', (t) => heard.push(`act:${t}`));
    signal.publish('events', 't1');
    signal.publish('events', 't2');
    signal.publish('activity', ALL_TEAMS);
    off();
    signal.publish('events', 't1');
    expect(heard).toEqual(['t1:t1', 'all:t1', 'all:t2', 'act:*', 'all:t1']);
  });

  it('is published after the transaction commits, for the teams it wrote, and not on rollback', async () => {
    const signal = createCommitSignal();
    const log: string[] = [];
    signal.subscribe('events', ALL_TEAMS, (t) => log.push(`signal ${t}`));
    const inner = {
      db: {},
      async transaction<T>(fn: (tx: unknown) => Promise<T>) {
        const result = await fn({});
        log.push('commit');
        return result;
      },
      events: { append: async () => void log.push('append'), listAfter: async () => [] },
    } as unknown as Store;
    const store = signalCommits(inner, signal);
    const e = (teamId: string) => ({ id: 'x', teamId, type: 'user.created', occurredAt: 'x', data: {} });
    await store.transaction(async (tx) => store.events.append(tx, [e('a'), e('b'), e('a')]));
    await expect(store.transaction(async (tx) => {
      await store.events.append(tx, [e('c')]);
      throw new Error('rolled back');
    })).rejects.toThrow();
    expect(log).toEqual(['append', 'commit', 'signal a', 'signal b', 'append']);
  });
});
