import { describe, expect, it } from 'vitest';
import { findHostileJson, MAX_IDENTIFIER_LENGTH, MAX_JSON_DEPTH, textProblem } from './limits.js';
import { checkResourceLimits } from './resource-limits.js';

describe('hostile text and nesting (limits.ts)', () => {
  it('finds U+0000 and lone surrogates, and lets surrogate pairs and other oddities through', () => {
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\ud800')).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem('\udc00x')).toMatch(/surrogate/);
    expect(textProblem('x\ud83d\ude00\u202e\u200b\ufeff\uffff')).toBeUndefined();
  });

  it('names where the problem is, in values and in keys', () => {
    expect(findHostileJson({ Operations: [{ data: { userName: 'a\u0000' } }] })).toEqual({ where: 'body.Operations[0].data.userName', problem: 'contains the NUL character (U+0000)' });
    expect(findHostileJson({ a: { 'b\ud800': 1 } })?.problem).toMatch(/has a key that contains a lone/);
    expect(findHostileJson({ a: [1, true, null, 'ok'] })).toBeUndefined();
  });

  it('bounds nesting without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findHostileJson(deep)?.problem).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(findHostileJson(ok)).toBeUndefined();
  });
});

describe('resource limits (resource-limits.ts)', () => {
  const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  it('applies the identifier limit to indexed attributes and sub-attributes only', () => {
    const long = 'x'.repeat(MAX_IDENTIFIER_LENGTH + 1);
    expect(() => checkResourceLimits({ userName: long })).toThrow(/userName is longer than 512/);
    expect(() => checkResourceLimits({ emails: [{ value: long }] })).toThrow(/emails\[0\]\.value is longer/);
    expect(() => checkResourceLimits({ title: long, emails: [{ display: long }], [ext]: { department: long } })).not.toThrow();
  });

  it('bounds other strings, value counts and the whole resource; Group members count only toward the body size', () => {
    expect(() => checkResourceLimits({ [ext]: { department: 'd'.repeat(65537) } })).toThrow(/department is longer than 65536/);
    expect(() => checkResourceLimits({ phoneNumbers: Array.from({ length: 1001 }, () => ({ value: '1' })) })).toThrow(/1001 values/);
    expect(() => checkResourceLimits({ members: Array.from({ length: 5000 }, (_, i) => ({ value: `m${i}` })) })).not.toThrow();
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`urn:x:${i}`, { v: 'v'.repeat(60_000) }]));
    expect(() => checkResourceLimits(big)).toThrow(/at most 262144 are accepted/);
  });
});
