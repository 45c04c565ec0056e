import { describe, expect, it } from 'vitest';
import { ScimError } from './errors.js';
import { coerceBoolean, normalizeResource } from './normalize.js';
import { coreUserSchema } from './schema/core-user.js';
import { enterpriseUserSchema } from './schema/enterprise-user.js';
import { createRegistry, createResourceSchema, USER_RESOURCE_TYPE } from './schema/registry.js';
import type { AttributeDef, ResourceSchema } from './schema/types.js';

const { user, group } = createRegistry();
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function failure(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error('expected a ScimError');
}

function expectError(run: () => unknown, scimType: string, detail: RegExp) {
  const error = failure(run);
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(scimType);
  expect(error.message).toMatch(detail);
}

const createUser = (body: Record<string, unknown>) => normalizeResource({ userName: 'bjensen', ...body }, user, { mode: 'create' });

describe('the body (RFC 7644 §3.12 invalidSyntax)', () => {
  it.each([null, 'text', 42, [], [{ userName: 'x' }], undefined])('rejects %j', (body) => {
    expectError(() => normalizeResource(body, user, { mode: 'create' }), 'invalidSyntax', /JSON object/);
  });
});

describe('required attributes (RFC 7643 §2.2, §4.1, §4.2)', () => {
  it.each([{}, { userName: '' }, { userName: '   ' }, { userName: null }, { USERNAME: [] }])('User %j → userName is required', (body) => {
    expectError(() => normalizeResource(body, user, { mode: 'create' }), 'invalidValue', /userName is required/);
  });

  it('Group without displayName → displayName is required', () => {
    expectError(() => normalizeResource({ members: [] }, group, { mode: 'create' }), 'invalidValue', /displayName is required/);
    expectError(() => normalizeResource({ displayName: '' }, group, { mode: 'replace' }), 'invalidValue', /displayName is required/);
  });
});

describe('wrong types (RFC 7643 §2.3 invalidValue naming the attribute)', () => {
  it.each([
    [{ active: 'yes' }, /active must be a boolean/],
    [{ active: 1 }, /active must be a boolean/],
    [{ emails: [{ value: 'a', primary: 'maybe' }] }, /emails\.primary must be a boolean/],
    [{ title: { text: 'x' } }, /title must be a string/],
    [{ title: ['x'] }, /title must be a string/],
    [{ userName: { value: 'x' } }, /userName must be a string/],
    [{ name: 'Barbara Jensen' }, /name must be an object/],
    [{ name: ['x'] }, /name must be an object/],
    [{ emails: [true] }, /Each value of emails must be an object/],
    [{ emails: [['a']] }, /Each value of emails must be an object/],
    [{ name: { givenName: { first: 'B' } } }, /name\.givenName must be a string/],
    [{ [ENTERPRISE]: 'Sales' }, /enterprise:2\.0:User must be an object/],
    [{ [ENTERPRISE]: { manager: 42 } }, /enterprise:2\.0:User:manager must be an object/],
    [{ 'emails.value': 'a@x.com' }, /emails is multi-valued/],
  ])('%j', (body, detail) => {
    expectError(() => createUser(body), 'invalidValue', detail);
  });

  it('Group members need a value and a known type', () => {
    const create = (members: unknown) => normalizeResource({ displayName: 'G', members }, group, { mode: 'create' });
    expectError(() => create([{ display: 'no id' }]), 'invalidValue', /needs a value/);
    expectError(() => create([{ value: '' }]), 'invalidValue', /needs a value/);
    expectError(() => create([{ value: 'u1', type: 'Device' }]), 'invalidValue', /members\.type must be "User" or "Group"/);
    expectError(() => create(['u1', 42, true]), 'invalidValue', /Each value of members must be an object/);
  });
});

describe('integer, decimal and dateTime attributes (RFC 7643 §2.3.4–2.3.5)', () => {
  const extra: AttributeDef[] = [
    { ...coreUserSchema.attributes[2], name: 'level', type: 'integer' },
    { ...coreUserSchema.attributes[2], name: 'score', type: 'decimal' },
    { ...coreUserSchema.attributes[2], name: 'hired', type: 'dateTime' },
  ];
  const schema: ResourceSchema = createResourceSchema(
    USER_RESOURCE_TYPE,
    { ...coreUserSchema, attributes: [...coreUserSchema.attributes, ...extra] },
    [enterpriseUserSchema],
  );
  const create = (body: Record<string, unknown>) => normalizeResource({ userName: 'u', ...body }, schema, { mode: 'create' });

  it('accepts numbers and numeric strings, dates as sent', () => {
    expect(create({ level: '7', score: '2.5', hired: '2011-05-13T04:42:34Z' })).toMatchObject({ level: 7, score: 2.5, hired: '2011-05-13T04:42:34Z' });
    expect(create({ level: 3, score: 1e3, hired: '2011-05-13T04:42:34.123+02:00' })).toMatchObject({ level: 3, score: 1000 });
  });

  it.each([
    [{ level: 1.5 }, /level must be an integer/],
    [{ level: 'seven' }, /level must be an integer/],
    [{ score: 'lots' }, /score must be a number/],
    [{ score: '' }, /score must be a number/],
    [{ hired: 'yesterday' }, /hired must be a date-time/],
    [{ hired: '2011-13-45T99:00:00Z' }, /hired must be a date-time/],
    [{ hired: 1305261754 }, /hired must be a date-time/],
  ])('%j', (body, detail) => {
    expectError(() => create(body), 'invalidValue', detail);
  });
});

describe('immutable attributes (RFC 7643 §7, RFC 7644 §3.5.1 mutability)', () => {
  const badge: AttributeDef = { ...coreUserSchema.attributes[2], name: 'badge', mutability: 'immutable' };
  const costCode: AttributeDef = { ...enterpriseUserSchema.attributes[1], name: 'costCode', mutability: 'immutable', caseExact: true };
  const schema = createResourceSchema(
    USER_RESOURCE_TYPE,
    { ...coreUserSchema, attributes: [...coreUserSchema.attributes, badge] },
    [{ ...enterpriseUserSchema, attributes: [...enterpriseUserSchema.attributes, costCode] }],
  );
  const existing = { schemas: [], userName: 'u', badge: 'B-1', [ENTERPRISE]: { costCode: 'CC' } };
  const replace = (body: Record<string, unknown>) => normalizeResource({ userName: 'u', ...body }, schema, { mode: 'replace', existing });

  it('refuses a change to a value already set', () => {
    expectError(() => replace({ badge: 'B-2' }), 'mutability', /badge is immutable/);
    expectError(() => replace({ [ENTERPRISE]: { costCode: 'cc' } }), 'mutability', /costCode is immutable/);
  });

  it('accepts the same value again (case-insensitively when caseExact is false)', () => {
    expect(replace({ badge: 'b-1', [ENTERPRISE]: { costCode: 'CC' } })).toMatchObject({ badge: 'b-1', [ENTERPRISE]: { costCode: 'CC' } });
  });

  it('keeps the stored value when the replacement omits it', () => {
    expect(replace({})).toMatchObject({ badge: 'B-1', [ENTERPRISE]: { costCode: 'CC' }, schemas: expect.arrayContaining([ENTERPRISE]) });
  });

  it('allows setting it when it had no value, and on create', () => {
    expect(normalizeResource({ userName: 'u', badge: 'X' }, schema, { mode: 'replace', existing: { userName: 'u' } }).badge).toBe('X');
    expect(normalizeResource({ userName: 'u', badge: 'X' }, schema, { mode: 'create', existing }).badge).toBe('X');
  });

  it('Group members.value is immutable per member, so a new member list is not a change', () => {
    const existingGroup = { displayName: 'G', members: [{ value: 'u1' }] };
    const out = normalizeResource({ displayName: 'G', members: [{ value: 'u2' }] }, group, { mode: 'replace', existing: existingGroup });
    expect(out.members).toEqual([{ value: 'u2' }]);
  });
});

describe('coerceBoolean', () => {
  it('converts booleans and the words true/false in any case', () => {
    expect([coerceBoolean(true, 'a'), coerceBoolean(' False ', 'a'), coerceBoolean('TRUE', 'a')]).toEqual([true, false, true]);
  });

  it.each([null, 0, 'yes', '', {}, []])('rejects %j naming the attribute', (value) => {
    expectError(() => coerceBoolean(value, 'active'), 'invalidValue', /^active must be a boolean/);
  });
});
