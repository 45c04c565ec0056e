import { describe, expect, it } from 'vitest';
import { checkEventTypes, checkUrl, matchesTypes } from './webhooks.js';

describe('webhook endpoint input', () => {
  it('takes http(s) URLs without credentials or fragment', () => {
    expect(checkUrl('https://hooks.example.com/rollcall?x=1#top')).toBe('https://hooks.example.com/rollcall?x=1');
    expect(checkUrl('http://127.0.0.1:9000/h')).toBe('http://127.0.0.1:9000/h');
    for (const bad of [undefined, '', 'hooks.example.com', 'ftp://x/y', 'https://u:p@x.example/', 'x'.repeat(3000), 42]) {
      expect(() => checkUrl(bad), String(bad).slice(0, 20)).toThrow(/url|URL/);
    }
  });

  it('takes event types, noun patterns and *; defaults to all', () => {
    expect(checkEventTypes(undefined)).toEqual(['*']);
    expect(checkEventTypes(['user.created', 'group.*', 'user.created'])).toEqual(['user.created', 'group.*']);
    for (const bad of [[], ['user.exploded'], ['nope.*'], ['user*'], 'user.created', [1]]) expect(() => checkEventTypes(bad), JSON.stringify(bad)).toThrow();
  });

  it('matches types against patterns', () => {
    expect(matchesTypes(['*'], 'token.revoked')).toBe(true);
    expect(matchesTypes(['user.*'], 'user.suspended')).toBe(true);
    expect(matchesTypes(['user.*'], 'group.created')).toBe(false);
    expect(matchesTypes(['group.created'], 'group.created')).toBe(true);
  });
});
