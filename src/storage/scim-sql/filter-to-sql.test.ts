import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CompiledQuery, sql, type SqlBool } from 'kysely';
import { parseFilter } from '../../scim/filter/parse-filter.js';
import { evaluate } from '../../scim/filter/evaluate.js';
import { createRegistry } from '../../scim/schema/registry.js';
import { ScimError } from '../../scim/errors.js';
import { compileFilter } from './filter-to-sql.js';
import { sqlDialect, type DialectName } from '../sql-dialect.js';
import { openFixture, userSchema, userId, G, TEAM, USERS, GROUPS, TEST_URN, type Fixture } from './filter-to-sql.fixture.js';

const E = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const groupSchema = createRegistry().group;
const idKey = new Map<string, string>([
  ...USERS.filter((u) => !u.team).map((u) => [u.id, u.key] as const),
  ...Object.entries(G).map(([key, id]) => [id, key] as const),
]);
const keys = (ids: string[]) => ids.map((id) => idKey.get(id) ?? id).sort();
const ALL_USERS = USERS.filter((u) => !u.team).map((u) => u.key).sort();
const except = (...names: string[]) => ALL_USERS.filter((k) => !names.includes(k));

/** [filter, expected user keys]: the expectation guards the oracle as much as the compiler. */
const USER_CASES: [string, string[]][] = [
  // RFC 7644 §3.4.2.2 operators on a case-insensitive string with an indexed *_ci column
  ['userName eq "bjensen"', ['bjensen']],
  ['USERNAME Eq "BJENSEN"', ['bjensen']],
  ['userName ne "bjensen"', except('bjensen')],
  ['userName co "JEN"', ['bjensen']],
  ['userName sw "e"', ['early', 'emptyemail', 'emptyext']],
  ['userName sw "É"', ['emile']],
  ['userName ew "SEN"', ['bjensen']],
  ['userName gt "p"', ['emile', 'profile', 'underscore', 'valueless']],
  ['userName ge "profile"', ['emile', 'profile', 'underscore', 'valueless']],
  ['userName lt "bjensen"', ['percent']],
  ['userName le "bjensen"', ['bjensen', 'percent']],
  ['userName co ""', ALL_USERS],
  // case-exact strings (RFC 7643 §3.1 externalId, id)
  ['externalId eq "bjensen-ext"', ['bjensen']],
  ['externalId eq "BJENSEN-EXT"', ['jsmith']],
  ['externalId co "ext"', ['bjensen']],
  ['externalId ne "bjensen-ext"', except('bjensen')],
  ['externalId pr', ['bjensen', 'jsmith']],
  ['not (externalId pr)', except('bjensen', 'jsmith')],
  ['externalId eq null', except('bjensen', 'jsmith')],
  ['externalId gt "a"', ['bjensen']],
  [`id eq "${userId('omalley')}"`, ['omalley']],
  [`id eq "${userId('omalley').toUpperCase()}"`, []],
  // displayName: a nullable column without *_ci, folded by the dialect
  ['displayName eq "BABS JENSEN"', ['bjensen']],
  ['displayName pr', ['bjensen', 'emile', 'member', 'omalley', 'percent', 'underscore']],
  ['displayName ne "babs jensen"', except('bjensen')],
  ['displayName lt "b"', ['early', 'percent', 'underscore']],
  // JSON-stored single values; "" is not present
  ['title pr', ['bjensen', 'percent', 'underscore']],
  ['title eq ""', ['jsmith']],
  ['title eq "tour guide"', ['bjensen']],
  ['name.givenName sw "BAR"', ['bjensen']],
  ['name.familyName eq "o\'malley"', ['omalley']],
  ['name pr', ['bjensen', 'emile', 'jsmith', 'omalley']],
  ['name.givenName pr', ['bjensen', 'emile', 'jsmith', 'omalley']],
  ['name[givenName eq "jo" or familyName eq "jensen"]', ['bjensen', 'omalley']],
  ['name[not (givenName eq "jo")]', ['bjensen', 'emile', 'emptyemail', 'jsmith']],
  ['userType eq "employee"', ['bjensen']],
  ['userType ne "employee"', except('bjensen')],
  // non-ASCII case folding (Unicode, not ASCII-only lower())
  ['userName eq "émile"', ['emile']],
  ['userName co "MIL"', ['emile']],
  ['displayName sw "ÉMILE"', ['emile']],
  ['name.givenName eq "émile"', ['emile']],
  // LIKE metacharacters are plain characters
  ['userName co "%"', ['percent']],
  ['userName co "_"', ['percent', 'underscore']],
  ['displayName co "a_b"', ['percent']],
  ['userName sw "100%"', ['percent']],
  ['displayName ew "%C"', ['percent']],
  ['title co "\\\\"', ['percent']],
  ['title ew "K\\\\SLASH"', ['percent']],
  // quotes are bound values
  ['userName eq "O\'Malley"', ['omalley']],
  ['displayName co "\'"', ['omalley']],
  // dateTime as instants (RFC 7643 §2.3.5)
  ['meta.created eq "2010-01-23T04:56:22Z"', ['bjensen']],
  ['meta.created eq "2010-01-23T05:56:22+01:00"', ['bjensen']],
  ['meta.created gt "2010-01-23T05:56:22+01:00"', ['late']],
  ['meta.created lt "2010-01-23T05:56:22+01:00"', except('bjensen', 'late')],
  ['meta.created lt "2005-01-01"', ['early']],
  ['meta.created ge "2030-12-31T23:59:59.999Z"', ['late']],
  ['meta.lastModified le "2001-06-01T12:00:00.5Z"', ['early']],
  ['meta.lastModified lt "2001-06-01T12:00:00.5Z"', []],
  ['meta.lastModified ne "2011-05-13T04:42:34Z"', except('bjensen')],
  ['meta.created pr', ALL_USERS],
  // booleans
  ['active eq true', except('jsmith', 'valueless')],
  ['active eq false', ['jsmith', 'valueless']],
  ['active ne true', ['jsmith', 'valueless']],
  ['emails.primary eq true', ['bjensen']],
  ['emails.primary eq false', ['valueless']],
  ['not (emails.primary eq true)', except('bjensen')],
  [`${TEST_URN}:badge eq false`, ['member']],
  [`${TEST_URN}:badge ne true`, except('profile')],
  // numbers (RFC 7643 §2.3.4/§2.3.3); a number stored as a string never matches
  [`${TEST_URN}:level gt 3`, ['profile']],
  [`${TEST_URN}:level ge 3`, ['numbers', 'profile']],
  [`${TEST_URN}:level eq 7`, []],
  [`${TEST_URN}:level ne 5`, except('profile')],
  [`${TEST_URN}:score le 2.5`, ['numbers', 'profile']],
  [`${TEST_URN}:score lt -1`, ['numbers']],
  [`${TEST_URN}:level pr`, ['member', 'numbers', 'profile']],
  [`${TEST_URN}:tags eq "blue"`, ['profile']],
  [`${TEST_URN}:tags pr`, ['profile']],
  // emails: the side table for string values, the JSON for the rest
  ['emails.value eq "bjensen@example.com"', ['bjensen']],
  ['emails eq "BJENSEN@EXAMPLE.COM"', ['bjensen']],
  ['emails.value co "example"', ['bjensen', 'jsmith', 'omalley']],
  ['emails.value ew ".ORG"', ['bjensen', 'omalley']],
  ['emails.value eq "émile@exämple.fr"', ['emile']],
  ['emails.value ne "bjensen@example.com"', except('bjensen')],
  ['emails.value gt "j"', ['emile', 'jsmith', 'omalley']],
  ['emails.type eq "work"', ['bjensen', 'emptyemail', 'jsmith', 'valueless']],
  ['emails[type eq "work" and value co "@example.com"]', ['bjensen', 'jsmith']],
  ['emails[type eq "home" and value co "example.com"]', []],
  ['emails[type eq "work"].value eq "jsmith@example.com"', ['jsmith']],
  ['emails[type eq "work"]', ['bjensen', 'emptyemail', 'jsmith', 'valueless']],
  ['emails[not (value pr)]', ['emptyemail', 'valueless']],
  ['emails[value eq "" or type eq "home"]', ['bjensen', 'emptyemail', 'omalley']],
  ['emails[type pr and not (type eq "work")]', ['bjensen', 'omalley']],
  ['emails pr', except('percent', 'underscore', 'mgr', 'early', 'late', 'emptyext', 'profile', 'member', 'numbers')],
  ['emails.value pr', ['bjensen', 'emile', 'jsmith', 'omalley']],
  ['emails eq null', ['early', 'emptyext', 'late', 'member', 'mgr', 'numbers', 'percent', 'profile', 'underscore']],
  ['emails.type pr', ['bjensen', 'emptyemail', 'jsmith', 'omalley', 'valueless']],
  // other multi-valued attributes live in the JSON
  ['phoneNumbers.value co "555"', ['bjensen', 'jsmith']],
  ['phoneNumbers eq "555-0101"', ['jsmith']],
  ['phoneNumbers[type eq "mobile" and primary eq true]', ['jsmith']],
  ['phoneNumbers[type eq "work" and primary eq true]', []],
  ['phoneNumbers pr', ['bjensen', 'jsmith']],
  ['not (phoneNumbers.type eq "work")', except('bjensen', 'jsmith')],
  ['addresses[locality eq "springfield" and primary eq true]', ['profile']],
  ['addresses.locality sw "shelby"', ['profile']],
  ['roles eq "admin"', ['profile']],
  ['entitlements[primary eq true].value eq "ENT1"', ['profile']],
  ['entitlements[primary eq true].value eq "ent2"', []],
  ['ims.value co "_"', ['profile']],
  ['ims[not (type eq "x")]', ['profile']],
  ['ims pr', ['numbers', 'profile']],
  [`schemas eq "${E.toUpperCase()}"`, ['bjensen', 'emptyext', 'mgr']],
  // RFC 7643 §4.3 enterprise extension
  [`${E}:employeeNumber eq "701984"`, ['bjensen']],
  [`${E}:employeeNumber pr`, ['bjensen', 'mgr']],
  [`${E}:manager.value eq "mgr-1"`, ['bjensen', 'mgr']],
  [`${E}:manager eq "MGR-1"`, ['bjensen', 'mgr']],
  [`${E}:manager pr`, ['bjensen', 'mgr']],
  [`${E}:manager[value sw "mgr" and displayName pr]`, ['mgr']],
  [`${E}:department co "TOUR"`, ['bjensen']],
  [`${E.toLowerCase()}:employeeNumber ne "42"`, except('mgr')],
  // RFC 7643 §4.1.2 groups: memberships
  [`groups.value eq "${G.eng}"`, ['bjensen', 'jsmith']],
  [`groups eq "${G.sales.toUpperCase()}"`, ['member', 'omalley']],
  ['groups[display eq "engineering"]', ['bjensen', 'jsmith']],
  ['groups.display sw "ÉMI"', ['emile']],
  ['groups.display co "\'"', ['member']],
  ['groups.type eq "DIRECT"', ['bjensen', 'emile', 'jsmith', 'member', 'omalley']],
  ['groups pr', ['bjensen', 'emile', 'jsmith', 'member', 'omalley']],
  ['groups.$ref pr', ['bjensen', 'emile', 'jsmith', 'member', 'omalley']],
  [`not (groups.value eq "${G.eng}")`, except('bjensen', 'jsmith')],
  // value eq on memberships is driven from the membership index (filter-targets valueEq)
  [`groups[value eq "${G.eng.toUpperCase()}"]`, ['bjensen', 'jsmith']],
  [`groups.value eq "${G.eng}" and userName sw "b"`, ['bjensen']],
  [`groups.value eq "${G.eng}" or groups.value eq "${G.sales}"`, ['bjensen', 'jsmith', 'member', 'omalley']],
  ['groups.value eq "no-such-group"', []],
  [`groups.value ne "${G.eng}"`, except('bjensen', 'jsmith')],
  // meta
  ['meta.resourceType eq "User"', ALL_USERS],
  ['meta.version eq "W/\\"3\\""', ['omalley']],
  ['meta.location pr', ALL_USERS],
  // and / or / not with absent attributes
  ['not (externalId eq "bjensen-ext") and active eq true', except('bjensen', 'jsmith', 'valueless')],
  ['title pr or displayName pr', ['bjensen', 'emile', 'member', 'omalley', 'percent', 'underscore']],
  ['not (title eq "tour guide" or userType eq "intern")', except('bjensen', 'omalley')],
  ['not (not (displayName pr))', ['bjensen', 'emile', 'member', 'omalley', 'percent', 'underscore']],
  ['(userName sw "b" or userName sw "j") and not (emails.type eq "home")', ['jsmith']],
  ['not (userType ne "employee")', ['bjensen']],
  ['not (title gt "a")', except('bjensen', 'percent', 'underscore')],
];

const GROUP_CASES: [string, string[]][] = [
  ['displayName eq "ENGINEERING"', ['eng']],
  ['displayName sw "émi"', ['emigres']],
  ['displayName eq "o\'brien\'s"', ['obrien']],
  ['displayName gt "f"', ['obrien', 'sales', 'emigres']],
  ['externalId eq "eng"', ['eng']],
  ['externalId eq "emi"', []],
  ['externalId pr', ['emigres', 'eng']],
  [`members.value eq "${userId('bjensen')}"`, ['eng']],
  [`members eq "${userId('member')}"`, ['obrien', 'sales']],
  [`members.value eq "${G.emigres}"`, ['eng']],
  ['members[type eq "group"]', ['eng']],
  [`members[value eq "${userId('emile')}" and type eq "User"]`, ['emigres']],
  ['members.display co "jensen"', ['eng']],
  ['members.display eq "JSMITH"', ['eng']],
  ['members.display eq "émigrés"', ['eng']],
  ['members pr', ['emigres', 'eng', 'obrien', 'sales']],
  ['not (members pr)', ['empty']],
  [`not (members.value eq "${userId('member')}")`, ['emigres', 'empty', 'eng']],
  [`members[value eq "${G.emigres.toUpperCase()}"]`, ['eng']],
  [`members.value eq "${userId('member')}" and displayName sw "s"`, ['sales']],
  ['members.value eq "no-such-member"', []],
  ['meta.resourceType eq "group"', []],
  ['meta.lastModified gt "2010-01-01T00:00:00Z"', ['emigres', 'empty', 'eng', 'obrien', 'sales']],
  [`id eq "${G.sales}" or displayName co "MPT"`, ['empty', 'sales']],
];

describe.each<DialectName>(['sqlite', 'postgres'])('compileFilter on %s (RFC 7644 §3.4.2.2)', (name) => {
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

  async function userIds(filter: string, membershipIn = false): Promise<string[]> {
    const rows = await fx.storage.db
      .selectFrom('users')
      .select('id')
      .where('team_id', '=', TEAM)
      .where(compileFilter(parseFilter(filter), { ...userCtx, membershipIn }))
      .execute();
    return keys(rows.map((r) => r.id));
  }

  async function groupIds(filter: string, membershipIn = false): Promise<string[]> {
    const rows = await fx.storage.db
      .selectFrom('groups')
      .select('id')
      .where('team_id', '=', TEAM)
      .where(compileFilter(parseFilter(filter), { ...groupCtx, membershipIn }))
      .execute();
    return keys(rows.map((r) => r.id));
  }

  const oracle = (filter: string, resources: Record<string, unknown>[], schema: typeof userSchema) =>
    keys(resources.filter((r) => evaluate(parseFilter(filter), r, schema)).map((r) => String(r.id)));

  it.each(USER_CASES)('Users: %s', async (filter, expected) => {
    const got = await userIds(filter);
    expect(got).toEqual(oracle(filter, fx.users, userSchema));
    expect(got).toEqual([...expected].sort());
    // Driven from the membership index (list-page.ts), the same users.
    expect(await userIds(filter, true)).toEqual(got);
  });

  it.each(GROUP_CASES)('Groups: %s', async (filter, expected) => {
    const got = await groupIds(filter);
    expect(got).toEqual(oracle(filter, fx.groups, groupSchema));
    expect(got).toEqual([...expected].sort());
    expect(await groupIds(filter, true)).toEqual(got);
  });

  it('scopes nothing by itself: the caller’s team_id keeps other teams out', async () => {
    const rows = await fx.storage.db
      .selectFrom('users')
      .select('team_id')
      .where(compileFilter(parseFilter('userName eq "bjensen"'), userCtx))
      .execute();
    expect(rows.map((r) => r.team_id).sort()).toEqual(['team-1', 'team-2']);
  });

  it('binds every filter value as a parameter', () => {
    const compiled = fx.storage.db
      .selectFrom('users')
      .select('id')
      .where(compileFilter(parseFilter(`userName eq "O'Malley" or emails[value co "x%'y"] or ${E}:employeeNumber sw "'; drop table users; --"`), userCtx))
      .compile();
    expect(compiled.sql).not.toContain("O'Malley");
    expect(compiled.sql.toLowerCase()).not.toContain("o'malley");
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.parameters).toEqual(expect.arrayContaining(["o'malley", "x%'y", "'; drop table users; --"]));
  });

  it.each([
    ['unknown attribute', 'nickname2 eq "x"'],
    ['unknown sub-attribute in a value filter', 'emails[kind eq "work"]'],
    ['value filter on a simple attribute', 'userName[value eq "x"]'],
    ['a dateTime that is not one', 'meta.created gt "yesterday"'],
    ['gt on a boolean', 'active gt true'],
    ['co on a dateTime', 'meta.created co "2010"'],
    ['a URL the server builds per request', 'meta.location co "Users"'],
    ['a member $ref', 'groups.$ref eq "https://x/Groups/1"'],
    ['a dateTime kept only in the JSON', `${TEST_URN}:since gt "2019-01-01T00:00:00Z"`],
  ])('refuses %s with 400 invalidFilter', (_what, filter) => {
    let error: unknown;
    try {
      compileFilter(parseFilter(filter), userCtx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
  });

  it('compiles a group filter on members without loading the group', async () => {
    expect(await groupIds(`members[value eq "${userId('omalley')}"] and displayName eq "sales"`)).toEqual(['sales']);
    expect(GROUPS).toHaveLength(5);
  });

  if (name === 'sqlite') {
    it.each([
      ['userName eq "BJensen"', 'users_team_user_name'],
      ['emails[type eq "work"].value eq "JSmith@example.com"', 'user_emails_team_value'],
    ])('runs %s through the %s index', async (filter, index) => {
      const query = fx.storage.db
        .selectFrom('users')
        .select('id')
        .where('team_id', '=', TEAM)
        .where(compileFilter(parseFilter(filter), userCtx))
        .compile();
      const plan = await fx.storage.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      expect(plan.rows.map((r) => r.detail).join('\n')).toContain(index);
    });

    it('reads groups.value eq from the membership key when list-page drives from it, not the team', async () => {
      const query = fx.storage.db
        .selectFrom('users')
        .select('id')
        .where(sql<SqlBool>`(${sql.ref('team_id')} || '') = ${TEAM}`)
        .where(compileFilter(parseFilter(`groups.value eq "${G.eng}"`), { ...userCtx, membershipIn: true }))
        .orderBy('seq')
        .compile();
      const plan = await fx.storage.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      const text = plan.rows.map((r) => r.detail).join('\n');
      expect(text).not.toContain('users_team_seq');
      expect(text).toMatch(/SEARCH gm USING COVERING INDEX \S+ \(group_id=\?\)/);
      expect(text).toMatch(/SEARCH users USING INDEX \S+ \(id=\?\)/);
    });
  }
});
