import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { parseAttrPath } from '../../scim/path.js';
import { createRegistry } from '../../scim/schema/registry.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import { compileSortKey } from './sort-to-sql.js';
import { sqlDialect, type DialectName } from '../sql-dialect.js';
import { openFixture, userSchema, TEAM, TEST_URN, type Fixture } from './filter-to-sql.fixture.js';

const E = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const groupSchema = createRegistry().group;
type Resource = Record<string, unknown>;
type Order = 'ascending' | 'descending';

const isObject = (v: unknown): v is Resource => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7644 §3.4.2.3 read directly: the value a resource sorts by (primary or
 * first element of a multi-valued attribute), typed by the schema, folded when
 * case-insensitive; undefined when there is none.
 */
function sortValue(resource: Resource, path: string, schema: ResourceSchema): string | number | undefined {
  const resolved = schema.resolve(parseAttrPath(path));
  if (!resolved) throw new Error(path);
  const { attr } = resolved;
  const container = resolved.extension ? resource[resolved.schema.id] : resource;
  let raw: unknown = isObject(container) ? container[attr.name] : undefined;
  let def = resolved.sub ?? attr;
  if (attr.multiValued) {
    const list = Array.isArray(raw) ? raw : [];
    const element = list.find((e) => isObject(e) && e.primary === true) ?? list[0];
    if (attr.type === 'complex') def = resolved.sub ?? schema.resolveSub(attr, 'value')!;
    raw = attr.type === 'complex' ? (isObject(element) ? element[def.name] : undefined) : element;
  } else if (resolved.sub) {
    raw = isObject(raw) ? raw[resolved.sub.name] : undefined;
  }
  if (def.type === 'boolean') return typeof raw === 'boolean' ? Number(raw) : undefined;
  if (def.type === 'integer' || def.type === 'decimal') return typeof raw === 'number' ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  return def.caseExact ? raw : raw.toLowerCase();
}

function expectedOrder(resources: Resource[], path: string, order: Order, schema: ResourceSchema): string[] {
  const keyed = resources.map((r) => ({ id: String(r.id), v: sortValue(r, path, schema) }));
  const sign = order === 'ascending' ? 1 : -1;
  return keyed
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) {
        if (a.v === b.v) return a.id < b.id ? -1 : 1;
        return a.v === undefined ? sign : -sign;
      }
      if (a.v !== b.v) return (a.v < b.v ? -1 : 1) * sign;
      return a.id < b.id ? -1 : 1;
    })
    .map((k) => k.id);
}

const USER_SORTS = [
  'userName', 'displayName', 'externalId', 'id', 'active', 'title', 'name.givenName', 'name.familyName',
  'emails', 'emails.value', 'emails.type', 'phoneNumbers.value', 'phoneNumbers.type', 'addresses.locality',
  'meta.created', 'meta.lastModified', 'meta.version', 'schemas',
  `${E}:employeeNumber`, `${E}:manager.value`, `${TEST_URN}:level`, `${TEST_URN}:score`, `${TEST_URN}:badge`, `${TEST_URN}:tags`,
];

describe.each<DialectName>(['sqlite', 'postgres'])('compileSortKey on %s (RFC 7644 §3.4.2.3)', (name) => {
  let fx: Fixture;
  const dialect = sqlDialect(name);
  const userCtx = { resourceType: 'User' as const, schema: userSchema, dialect };
  const groupCtx = { resourceType: 'Group' as const, schema: groupSchema, dialect };

  beforeAll(async () => {
    fx = await openFixture(name);
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function sorted(table: 'users' | 'groups', path: string, order: Order): Promise<string[]> {
    const ctx = table === 'users' ? userCtx : groupCtx;
    const key = compileSortKey(parseAttrPath(path), ctx);
    const direction = order === 'descending' ? sql`desc` : sql`asc`;
    const rows = await fx.storage.db
      .selectFrom(table)
      .select('id')
      .where('team_id', '=', TEAM)
      .orderBy(sql`${key} ${direction}`)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  for (const order of ['ascending', 'descending'] as const) {
    it.each(USER_SORTS)(`Users sortBy=%s ${order}`, async (path) => {
      expect(await sorted('users', path, order)).toEqual(expectedOrder(fx.users, path, order, userSchema));
    });

    it.each(['displayName', 'externalId', 'meta.created', 'id'])(`Groups sortBy=%s ${order}`, async (path) => {
      expect(await sorted('groups', path, order)).toEqual(expectedOrder(fx.groups, path, order, groupSchema));
    });
  }

  it('puts resources without a value last ascending and first descending', async () => {
    const withName = new Set(fx.users.filter((u) => typeof u.displayName === 'string').map((u) => String(u.id)));
    const asc = await sorted('users', 'displayName', 'ascending');
    const desc = await sorted('users', 'displayName', 'descending');
    expect(asc.slice(0, withName.size).every((id) => withName.has(id))).toBe(true);
    expect(desc.slice(-withName.size).every((id) => withName.has(id))).toBe(true);
  });

  it('sorts case-insensitive strings by their lower-cased form, case-exact ones as written', async () => {
    const byUserName = await sorted('users', 'userName', 'ascending');
    const names = byUserName.map((id) => String(fx.users.find((u) => u.id === id)?.userName).toLowerCase());
    expect(names).toEqual([...names].sort());
    const byExternal = (await sorted('users', 'externalId', 'ascending')).map(
      (id) => fx.users.find((u) => u.id === id)?.externalId,
    );
    expect(byExternal.slice(0, 3)).toEqual(['', 'BJENSEN-EXT', 'bjensen-ext']);
  });

  it.each([
    ['an unknown attribute', 'users', 'nickname2'],
    ['a complex attribute without sub-attribute', 'users', 'name'],
    ['meta itself', 'users', 'meta'],
    ['memberships, which have no first value', 'users', 'groups'],
    ['memberships, which have no first value', 'groups', 'members.value'],
    ['a URL built per request', 'users', 'meta.location'],
  ] as const)('refuses %s (%s) with 400 invalidValue', (_what, table, path) => {
    const ctx = table === 'users' ? userCtx : groupCtx;
    expect(() => compileSortKey(parseAttrPath(path), ctx)).toThrow(
      expect.objectContaining({ status: 400, scimType: 'invalidValue' }),
    );
  });
});
