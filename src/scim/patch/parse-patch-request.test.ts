import { describe, it, expect } from 'vitest';
import { MAX_PATCH_OPERATIONS, PATCH_OP_SCHEMA, parsePatchRequest } from './parse-patch-request.js';
import { ScimError } from '../errors.js';

function errorOf(body: unknown): ScimError {
  try {
    parsePatchRequest(body);
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error('expected a ScimError');
}

const ops = (...operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations });

describe('RFC 7644 §3.5.2 PatchOp envelope', () => {
  it('parses the RFC example body', () => {
    expect(parsePatchRequest(ops({ op: 'add', path: 'members', value: [{ value: '2819c223' }] }))).toEqual([
      { op: 'add', path: { path: { attr: 'members' } }, value: [{ value: '2819c223' }] },
    ]);
  });

  it('tolerates a missing or empty schemas (some clients omit it)', () => {
    expect(parsePatchRequest({ Operations: [{ op: 'replace', value: { active: false } }] })).toHaveLength(1);
    expect(parsePatchRequest({ schemas: [], Operations: [{ op: 'replace', value: { active: false } }] })).toHaveLength(1);
    expect(parsePatchRequest({ schemas: null, Operations: [{ op: 'replace', value: { active: false } }] })).toHaveLength(1);
  });

  it('matches the PatchOp URN case-insensitively and among other URNs', () => {
    const body = { schemas: ['urn:x:other', PATCH_OP_SCHEMA.toUpperCase()], Operations: [{ op: 'remove', path: 'title' }] };
    expect(parsePatchRequest(body)).toHaveLength(1);
  });

  it('rejects schemas that list other message URNs only (invalidSyntax)', () => {
    const err = errorOf({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [{ op: 'remove', path: 'title' }] });
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('invalidSyntax');
    expect(err.message).toContain(PATCH_OP_SCHEMA);
  });

  it('rejects a schemas that is neither an array nor a string', () => {
    expect(errorOf({ schemas: { a: 1 }, Operations: [{ op: 'remove', path: 'title' }] }).scimType).toBe('invalidSyntax');
  });

  it('finds Operations in any case', () => {
    expect(parsePatchRequest({ operations: [{ op: 'remove', path: 'title' }] })).toHaveLength(1);
    expect(parsePatchRequest({ OPERATIONS: [{ op: 'remove', path: 'title' }] })).toHaveLength(1);
  });

  it.each([
    ['a non-object body', [1, 2], 'invalidSyntax'],
    ['a null body', null, 'invalidSyntax'],
    ['a string body', 'replace', 'invalidSyntax'],
    ['missing Operations', { schemas: [PATCH_OP_SCHEMA] }, 'invalidSyntax'],
    ['Operations not an array', { schemas: [PATCH_OP_SCHEMA], Operations: { op: 'add' } }, 'invalidSyntax'],
    ['empty Operations', { schemas: [PATCH_OP_SCHEMA], Operations: [] }, 'invalidValue'],
  ])('rejects %s', (_name, body, scimType) => {
    const err = errorOf(body);
    expect(err.status).toBe(400);
    expect(err.scimType).toBe(scimType);
  });

  it(`caps a request at ${MAX_PATCH_OPERATIONS} operations (400 invalidValue naming the limit)`, () => {
    const many = Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => ({ op: 'remove', path: 'title' }));
    const err = errorOf(ops(...many));
    expect(err.scimType).toBe('invalidValue');
    expect(err.message).toContain(String(MAX_PATCH_OPERATIONS));
    expect(parsePatchRequest(ops(...many.slice(1)))).toHaveLength(MAX_PATCH_OPERATIONS);
  });
});

describe('RFC 7644 §3.5.2 operation objects', () => {
  it('CHECKLIST 1: op in any case (add/Add, replace/Replace, remove/Remove)', () => {
    const parsed = parsePatchRequest(
      ops(
        { op: 'Add', path: 'nickName', value: 'Babs' },
        { op: 'REPLACE', path: 'title', value: 'x' },
        { op: 'Remove', path: 'title' },
        { op: 'add', path: 'nickName', value: 'B' },
      ),
    );
    expect(parsed.map((o) => o.op)).toEqual(['add', 'replace', 'remove', 'add']);
  });

  it('reads op, path and value keys in any case', () => {
    expect(parsePatchRequest(ops({ OP: 'replace', Path: 'title', VALUE: 'x' }))).toEqual([
      { op: 'replace', path: { path: { attr: 'title' } }, value: 'x' },
    ]);
  });

  it('rejects an unknown op (invalidSyntax, naming it)', () => {
    const err = errorOf(ops({ op: 'move', path: 'title', value: 'x' }));
    expect(err.scimType).toBe('invalidSyntax');
    expect(err.message).toContain('"move"');
  });

  it.each([
    ['an operation that is not an object', 'add'],
    ['a missing op', { path: 'title', value: 'x' }],
    ['a non-string op', { op: 1, path: 'title', value: 'x' }],
  ])('rejects %s (invalidSyntax)', (_name, op) => {
    expect(errorOf(ops(op)).scimType).toBe('invalidSyntax');
  });

  it('RFC 7644 §3.5.2.2: remove without path is 400 noTarget', () => {
    const err = errorOf(ops({ op: 'remove' }));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('noTarget');
  });

  it('treats path null or "" as no path', () => {
    expect(parsePatchRequest(ops({ op: 'replace', path: null, value: { active: false } }))).toEqual([{ op: 'replace', value: { active: false } }]);
    expect(parsePatchRequest(ops({ op: 'replace', path: '', value: { active: false } }))).toEqual([{ op: 'replace', value: { active: false } }]);
    expect(errorOf(ops({ op: 'remove', path: '  ' })).scimType).toBe('noTarget');
  });

  it('add or replace without a value is invalidValue', () => {
    expect(errorOf(ops({ op: 'add', path: 'title' })).scimType).toBe('invalidValue');
    expect(errorOf(ops({ op: 'replace', path: 'title' })).scimType).toBe('invalidValue');
  });

  it('keeps an explicit null value (RFC 7643 §2.5: unassigned)', () => {
    expect(parsePatchRequest(ops({ op: 'replace', path: 'title', value: null }))).toEqual([
      { op: 'replace', path: { path: { attr: 'title' } }, value: null },
    ]);
  });

  it('add or replace without a path needs a value object (Okta: {active:false})', () => {
    expect(parsePatchRequest(ops({ op: 'replace', value: { active: false } }))).toEqual([{ op: 'replace', value: { active: false } }]);
    for (const value of ['x', [{ active: false }], null, 3]) {
      const err = errorOf(ops({ op: 'replace', value }));
      expect(err.scimType).toBe('invalidValue');
    }
  });

  it('keeps a value on remove (Entra removes members with a value array)', () => {
    const [op] = parsePatchRequest(ops({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u1' }] }));
    expect(op).toEqual({ op: 'remove', path: { path: { attr: 'members' } }, value: [{ $ref: null, value: 'u1' }] });
  });

  it('parses value filter paths', () => {
    const [op] = parsePatchRequest(ops({ op: 'replace', path: 'emails[type eq "work"].value', value: 'a@b' }));
    expect(op.path).toEqual({
      path: { attr: 'emails' },
      filter: { kind: 'Compare', path: { attr: 'type' }, op: 'eq', value: 'work' },
      subAttr: 'value',
    });
  });

  it.each([
    ['a malformed path', 'name..givenName'],
    ['a bad filter inside brackets', 'members[value zz "x"]'],
    ['an unclosed bracket', 'members[value eq "x"'],
    ['garbage after the brackets', 'emails[type eq "work"]value'],
  ])('rejects %s with invalidPath', (_name, path) => {
    const err = errorOf(ops({ op: 'remove', path }));
    expect(err.status).toBe(400);
    expect(err.scimType).toBe('invalidPath');
    expect(err.message).toContain('Operations[0]');
  });

  it('rejects a path that is not a string', () => {
    expect(errorOf(ops({ op: 'remove', path: 42 })).scimType).toBe('invalidPath');
  });

  it('names the failing operation by index', () => {
    const err = errorOf(ops({ op: 'remove', path: 'title' }, { op: 'add', path: 'title' }));
    expect(err.message).toContain('Operations[1]');
  });
});
