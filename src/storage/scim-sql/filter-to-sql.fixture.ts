// Test fixture for the filter and sort compilers: users and groups stored in
// the row shapes the repositories write (db-types), and the same resources
// rendered as SCIM JSON for evaluate(), the oracle. Both dialects get it.

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../database.js';
import { createResourceSchema, USER_RESOURCE_TYPE } from '../../scim/schema/registry.js';
import { coreUserSchema, CORE_USER_URN } from '../../scim/schema/core-user.js';
import { enterpriseUserSchema, ENTERPRISE_USER_URN } from '../../scim/schema/enterprise-user.js';
import type { AttributeDef, ResourceSchema, SchemaDef } from '../../scim/schema/types.js';
import type { DialectName } from '../sql-dialect.js';
import { departmentOf } from '../directory/user-columns.js';

export const TEAM = 'team-1';
export const OTHER_TEAM = 'team-2';
export const TEST_URN = 'urn:example:params:scim:schemas:extension:test:2.0:User';
const E = ENTERPRISE_USER_URN;
const T = TEST_URN;

const attr = (name: string, type: AttributeDef['type'], multiValued = false): AttributeDef => ({
  name, type, multiValued, description: name, required: false, caseExact: false,
  mutability: 'readWrite', returned: 'default', uniqueness: 'none',
});

/** RFC 7643 §3.3: an extension with the types the core schemas lack (integer, decimal, JSON-stored dateTime). */
const testExtension: SchemaDef = {
  id: TEST_URN,
  name: 'Test',
  description: 'numbers, flags and a JSON dateTime',
  attributes: [attr('level', 'integer'), attr('score', 'decimal'), attr('badge', 'boolean'), attr('since', 'dateTime'), attr('tags', 'string', true)],
};

/** The registry's User schema plus the test extension. */
export const userSchema: ResourceSchema = createResourceSchema(
  { ...USER_RESOURCE_TYPE, schemaExtensions: [...USER_RESOURCE_TYPE.schemaExtensions, { schema: TEST_URN, required: false }] },
  coreUserSchema,
  [enterpriseUserSchema, testExtension],
);

const id = (n: number) => `aaaaaaaa-bbbb-4ccc-8ddd-${String(n).padStart(12, '0')}`;
export const G = { eng: id(101), sales: id(102), emigres: id(103), empty: id(104), obrien: id(105) };

interface UserFixture {
  key: string;
  id: string;
  created: string;
  modified: string;
  version: number;
  team?: string;
  resource: Record<string, unknown>;
}

const core = [CORE_USER_URN];
const at = (day: number) => new Date(Date.UTC(2010, 0, day, 4, 56, 22)).toISOString();
const user = (n: number, key: string, resource: Record<string, unknown>, extra: Partial<UserFixture> = {}): UserFixture => ({
  key, id: id(n), created: at(n), modified: at(n + 100), version: n, resource: { schemas: core, active: true, ...resource }, ...extra,
});

export const USERS: UserFixture[] = [
  user(1, 'bjensen', {
    schemas: [CORE_USER_URN, E],
    userName: 'BJensen', externalId: 'bjensen-ext', displayName: 'Babs Jensen',
    name: { givenName: 'Barbara', familyName: 'Jensen' }, title: 'Tour Guide', userType: 'Employee',
    emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }, { value: 'babs@jensen.org', type: 'home' }],
    phoneNumbers: [{ value: '555-555-8377', type: 'work' }],
    [E]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: 'mgr-1' } },
  }, { created: '2010-01-23T04:56:22.000Z', modified: '2011-05-13T04:42:34.000Z' }),
  user(2, 'jsmith', {
    userName: 'jsmith', externalId: 'BJENSEN-EXT', title: '', active: false,
    emails: [{ value: 'JSmith@Example.COM', type: 'Work' }],
    phoneNumbers: [{ value: '+1 555 0100', type: 'work' }, { value: '555-0101', type: 'mobile', primary: true }],
    name: { givenName: 'john' },
  }),
  user(3, 'omalley', {
    userName: "O'Malley", displayName: "Jo O'Malley", name: { givenName: 'Jo', familyName: "O'Malley" }, userType: 'Intern',
    emails: [{ value: "jo.o'malley@example.org", type: 'home' }],
  }),
  user(4, 'emile', { userName: 'ÉMILE', displayName: 'Émile Zola', name: { givenName: 'Émile' }, emails: [{ value: 'Émile@exämple.fr' }] }),
  user(5, 'percent', { userName: '100%_sure', displayName: 'a_b%c', title: 'back\\slash' }),
  user(6, 'underscore', { userName: 'under_score', displayName: 'aXbYc', title: 'backXslash', emails: [] }),
  user(7, 'emptyemail', { userName: 'emptyemail', emails: [{ value: '', type: 'work' }], name: {} }),
  user(8, 'valueless', { userName: 'valueless', emails: [{ type: 'work', primary: false }], active: false }),
  user(9, 'mgr', {
    schemas: [CORE_USER_URN, E], userName: 'mgr', userType: 'Contractor',
    [E]: { employeeNumber: '42', manager: { value: 'MGR-1', displayName: 'Boss' } },
  }),
  user(10, 'early', { userName: 'early', displayName: '' }, { created: '2001-01-01T00:00:00.000Z', modified: '2001-06-01T12:00:00.500Z' }),
  user(11, 'late', { userName: 'late', externalId: '' }, { created: '2030-12-31T23:59:59.999Z', modified: '2031-01-01T00:00:00.000Z' }),
  user(12, 'emptyext', { schemas: [CORE_USER_URN, E], userName: 'emptyext', [E]: { employeeNumber: '', manager: {} } }),
  user(13, 'profile', {
    userName: 'profile',
    addresses: [{ streetAddress: '1 Main St', locality: 'Springfield', type: 'work', primary: true }, { locality: 'Shelbyville', type: 'home' }],
    roles: [{ value: 'Admin' }],
    entitlements: [{ value: 'Ent1', primary: true }, { value: 'ent2' }],
    ims: [{ value: 'bj_aim', type: 'aim' }],
    [T]: { level: 5, score: 2.5, badge: true, since: '2020-01-01T00:00:00Z', tags: ['red', 'Blue'] },
  }),
  user(14, 'member', { userName: 'member', displayName: 'Member Zed', [T]: { level: '7', score: 10, badge: false, tags: [] } }),
  // A bare string where the schema wants objects: value filters skip it.
  user(15, 'numbers', { userName: 'numbers', ims: ['loose'], [T]: { level: 3, score: -1.25 } }),
  user(16, 'stranger', { userName: 'bjensen', externalId: 'bjensen-ext' }, { team: OTHER_TEAM }),
];

export const GROUPS = [
  { id: G.eng, displayName: 'Engineering', externalId: 'eng', members: ['bjensen', 'jsmith', 'group:emigres'] },
  { id: G.sales, displayName: 'Sales', externalId: null, members: ['member', 'omalley'] },
  { id: G.emigres, displayName: 'Émigrés', externalId: 'EMI', members: ['emile'] },
  { id: G.empty, displayName: 'Empty', externalId: null, members: [] },
  { id: G.obrien, displayName: "O'Brien's", externalId: null, members: ['member'] },
];

export const userId = (key: string): string => {
  const found = USERS.find((u) => u.key === key);
  if (!found) throw new Error(`no fixture user ${key}`);
  return found.id;
};

export interface Fixture {
  storage: Storage;
  /** Team users and groups as clients see them (SCIM JSON), for evaluate(). */
  users: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  close(): Promise<void>;
}

/** How each dialect's test database is opened, made harder to pass, and dropped. */
interface FixtureDatabase {
  open(schema: string): Promise<Storage>;
  /** Changes to the migrated schema that the compilers must withstand. */
  harden?(storage: Storage): Promise<void>;
  drop?(storage: Storage, schema: string): Promise<void>;
}

const DATABASES: Record<DialectName, FixtureDatabase> = {
  sqlite: { open: () => openStorage('sqlite::memory:') },
  postgres: {
    open: (schema) => openStorage('postgres://postgres@127.0.0.1:5432/test', { postgres: { schema } }),
    async harden(storage) {
      // A linguistic collation on the compared columns: code point order must
      // not depend on how the database was created (ICU puts "b" before "B").
      for (const [table, column] of [['users', 'external_id'], ['users', 'display_name'], ['users', 'user_name_ci'], ['groups', 'display_name_ci']]) {
        await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "und-x-icu"`.execute(storage.db);
      }
    },
    async drop(storage, schema) {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(storage.db);
    },
  },
};

export async function openFixture(dialect: DialectName): Promise<Fixture> {
  const schema = `filter_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const database = DATABASES[dialect];
  const storage = await database.open(schema);
  await database.harden?.(storage);
  await insertAll(storage);
  return {
    storage,
    users: USERS.filter((u) => !u.team).map(renderUser),
    groups: GROUPS.map(renderGroup),
    async close() {
      await database.drop?.(storage, schema);
      await storage.close();
    },
  };
}

const memberId = (ref: string) => (ref.startsWith('group:') ? G[ref.slice(6) as keyof typeof G] : userId(ref));

async function insertAll(storage: Storage): Promise<void> {
  const db = storage.db;
  const now = '2020-01-01T00:00:00.000Z';
  for (const team of [TEAM, OTHER_TEAM]) {
    await db.insertInto('teams').values({ id: team, slug: team, name: team, created_at: now, user_count: 0, group_count: 0 }).execute();
  }
  for (const u of USERS) {
    const r = u.resource;
    const team = u.team ?? TEAM;
    await db.insertInto('users').values({
      id: u.id, team_id: team, user_name: String(r.userName), user_name_ci: String(r.userName).toLowerCase(),
      external_id: typeof r.externalId === 'string' ? r.externalId : null,
      display_name: typeof r.displayName === 'string' ? r.displayName : null,
      active: r.active === false ? 0 : 1, created_at: u.created, updated_at: u.modified, version: u.version,
      resource: JSON.stringify(r), department_ci: departmentOf(r),
    }).execute();
    const emails = Array.isArray(r.emails) ? (r.emails as Record<string, unknown>[]) : [];
    for (const [position, e] of emails.entries()) {
      if (typeof e.value !== 'string') continue;
      await db.insertInto('user_emails').values({
        team_id: team, user_id: u.id, position, value: e.value, value_ci: e.value.toLowerCase(),
        type: typeof e.type === 'string' ? e.type : null, primary: e.primary === true ? 1 : 0,
      }).execute();
    }
  }
  for (const [n, g] of GROUPS.entries()) {
    await db.insertInto('groups').values({
      id: g.id, team_id: TEAM, display_name: g.displayName, display_name_ci: g.displayName.toLowerCase(),
      external_id: g.externalId, member_count: g.members.length, created_at: at(200 + n), updated_at: at(300 + n),
      version: 1, resource: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: g.displayName, ...(g.externalId ? { externalId: g.externalId } : {}) }),
    }).execute();
  }
  for (const g of GROUPS) {
    for (const m of g.members) {
      await db.insertInto('group_members').values({
        team_id: TEAM, group_id: g.id, member_id: memberId(m), member_type: m.startsWith('group:') ? 'Group' : 'User', added_at: now,
        member_user_id: m.startsWith('group:') ? null : memberId(m), member_group_id: m.startsWith('group:') ? memberId(m) : null,
        member_seq: (eb) => eb.selectFrom(m.startsWith('group:') ? 'groups' : 'users').select('seq').where('id', '=', memberId(m)),
      }).execute();
    }
  }
}

const BASE = 'https://rollcall.test/scim/v2';

/** As src/http/scim/render.ts renders a user: id, stored resource, direct groups, meta. */
function renderUser(u: UserFixture): Record<string, unknown> {
  const groups = GROUPS.filter((g) => g.members.includes(u.key));
  return {
    id: u.id,
    ...u.resource,
    ...(groups.length > 0
      ? { groups: groups.map((g) => ({ value: g.id, $ref: `${BASE}/Groups/${g.id}`, display: g.displayName, type: 'direct' })) }
      : {}),
    meta: { resourceType: 'User', created: u.created, lastModified: u.modified, location: `${BASE}/Users/${u.id}`, version: `W/"${u.version}"` },
  };
}

/** As render.ts with group-members-repository's display: the member's displayName, else userName, else group name. */
function renderGroup(g: (typeof GROUPS)[number], n: number): Record<string, unknown> {
  const members = g.members.map((m) => {
    const group = m.startsWith('group:') ? GROUPS.find((x) => x.id === memberId(m)) : undefined;
    const u = group ? undefined : USERS.find((x) => x.key === m);
    const display = group ? group.displayName : ((u?.resource.displayName as string | undefined) ?? String(u?.resource.userName));
    return { value: memberId(m), $ref: `${BASE}/x/${memberId(m)}`, display, type: group ? 'Group' : 'User' };
  });
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    ...(members.length > 0 ? { members } : {}),
    meta: { resourceType: 'Group', created: at(200 + n), lastModified: at(300 + n), location: `${BASE}/Groups/${g.id}`, version: 'W/"1"' },
  };
}
