import { describe, it, expect } from 'vitest';
import { memberChange, memberRefs } from './member-changes.js';
import { parsePatchPath } from '../path.js';
import { createRegistry } from '../schema/registry.js';
import type { AttributeDef } from '../schema/types.js';
import { ScimError } from '../errors.js';

const { group: groupSchema } = createRegistry();
const members = groupSchema.resolve({ attr: 'members' })?.attr as AttributeDef;

const removeBy = (path: string) => memberChange('remove', { filter: parsePatchPath(path).filter }, undefined, members, groupSchema);

function errorOf(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error('expected a ScimError');
}

describe('memberRefs: member objects as IdPs send them', () => {
  it('keeps value, display and type; ignores $ref and unknown keys', () => {
    expect(memberRefs([{ value: 'u1', display: 'Ann', $ref: null, type: 'user', extra: 1 }])).toEqual([{ value: 'u1', display: 'Ann', type: 'User' }]);
    expect(memberRefs([{ Value: 'g1', TYPE: 'GROUP', $ref: 'https://x/Groups/g1' }])).toEqual([{ value: 'g1', type: 'Group' }]);
  });

  it('accepts one object instead of an array, and bare id strings', () => {
    expect(memberRefs({ value: 'u1' })).toEqual([{ value: 'u1' }]);
    expect(memberRefs(['u1', 'u2'])).toEqual([{ value: 'u1' }, { value: 'u2' }]);
  });

  it('collapses duplicates to the first', () => {
    expect(memberRefs([{ value: 'u1', display: 'a' }, { value: 'u2' }, { value: 'u1', display: 'b' }])).toEqual([{ value: 'u1', display: 'a' }, { value: 'u2' }]);
  });

  it('ignores a non-string display and a null type', () => {
    expect(memberRefs([{ value: 'u1', display: 5, type: null }])).toEqual([{ value: 'u1' }]);
  });

  it('names the bad element by index', () => {
    const err = errorOf(() => memberRefs([{ value: 'u1' }, { value: '  ' }]));
    expect(err.scimType).toBe('invalidValue');
    expect(err.message).toContain('members[1]');
  });
});

describe('remove on members (RFC 7644 §3.5.2.2, CHECKLIST 5, 6, 9)', () => {
  it('value eq "id" → remove that id; or-ed equalities → all of them', () => {
    expect(removeBy('members[value eq "a"]')).toEqual({ kind: 'remove', ids: ['a'] });
    expect(removeBy('members[value eq "a" or value eq "b" or VALUE Eq "c"]')).toEqual({ kind: 'remove', ids: ['a', 'b', 'c'] });
    expect(removeBy('members[value eq "a" or value eq "a"]')).toEqual({ kind: 'remove', ids: ['a'] });
  });

  it('any other filter → removeWhere with canonical sub-attribute names', () => {
    expect(removeBy('members[TYPE eq "Group"]')).toEqual({
      kind: 'removeWhere',
      filter: { kind: 'Compare', path: { attr: 'type' }, op: 'eq', value: 'Group' },
    });
    expect(removeBy('members[value eq "a" or type eq "Group"]')?.kind).toBe('removeWhere');
    expect(removeBy('members[value eq "a" and type eq "User"]')?.kind).toBe('removeWhere');
    expect(removeBy('members[not (value eq "a")]')?.kind).toBe('removeWhere');
    expect(removeBy('members[value sw "a"]')?.kind).toBe('removeWhere');
    expect(removeBy('members[value pr]')).toEqual({ kind: 'removeWhere', filter: { kind: 'Present', path: { attr: 'value' } } });
  });

  it('the value array form removes only the listed ids; an empty array removes nothing', () => {
    expect(memberChange('remove', {}, [{ value: 'a' }, { $ref: null, value: 'b' }], members, groupSchema)).toEqual({ kind: 'remove', ids: ['a', 'b'] });
    expect(memberChange('remove', {}, [], members, groupSchema)).toBeUndefined();
  });

  it('no filter and no value (or null) removes every member', () => {
    expect(memberChange('remove', {}, undefined, members, groupSchema)).toEqual({ kind: 'removeAll' });
    expect(memberChange('remove', {}, null, members, groupSchema)).toEqual({ kind: 'removeAll' });
  });
});

describe('add and replace on members', () => {
  it('add of nothing is no change; add null is no change', () => {
    expect(memberChange('add', {}, [], members, groupSchema)).toBeUndefined();
    expect(memberChange('add', {}, null, members, groupSchema)).toBeUndefined();
  });

  it('replace with [] or null empties the group (CHECKLIST 7)', () => {
    expect(memberChange('replace', {}, [], members, groupSchema)).toEqual({ kind: 'replace', members: [] });
    expect(memberChange('replace', {}, null, members, groupSchema)).toEqual({ kind: 'replace', members: [] });
  });
});
