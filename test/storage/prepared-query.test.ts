// The hot-path statements (storage/prepared-query.ts): written with the
// dialect's placeholders, answering the same on both dialects, and on
// PostgreSQL run as named prepared statements, parsed once per connection
// under a name that says what they do.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/domain/secrets.js';
import { createStore } from '../../src/storage/directory/directory-store.js';
import { createSpendStore } from '../../src/storage/spend/spend-store.js';
import { preparedQuery } from '../../src/storage/prepared-query.js';
import { createTestApp, DIALECTS, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('prepared hot-path statements (%s)', (dialect) => {
  let t: TestApp;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await t.scim('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'Prepared.Person@example.com' });
    expect(user.statusCode).toBe(201);
    userId = user.json().id;
    const group = await t.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'prepared', members: [{ value: userId }] });
    expect(group.statusCode).toBe(201);
    groupId = group.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('numbers bound parameters in the order the statement is written', async () => {
    const pair = preparedQuery<{ a: string; b: string }>(t.storage.sqlDialect, 'test_pair', (param) => `select ${param()} as a, ${param()} as b`);
    await t.storage.db.transaction().execute(async (tx) => {
      expect(await pair(tx, ['first', 'second'])).toEqual([{ a: 'first', b: 'second' }]);
      expect(await pair(tx, ['again', 'twice'])).toEqual([{ a: 'again', b: 'twice' }]);
    });
  });

  it('answers the token lookup, user by id, userName lookup, a user\'s groups and the spend authorization reads', async () => {
    const store = createStore(t.storage, t.services.registry);
    await t.storage.db.transaction().execute(async (tx) => {
      expect(await store.tokens.findByHash(tx, hashSecret(t.token))).toMatchObject({ teamId: t.teamId });
      expect(await store.users.findById(tx, t.teamId, userId)).toMatchObject({ id: userId });
      expect(await store.users.findForWrite(tx, t.teamId, userId, 'write')).toMatchObject({ id: userId });
      const byName = await store.users.list(tx, t.teamId, {
        filter: { kind: 'Compare', op: 'eq', path: { attr: 'userName' }, value: 'prepared.person@EXAMPLE.com' },
        startIndex: 1,
        count: 10,
      } as Parameters<typeof store.users.list>[2]);
      expect(byName.rows.map((r) => r.id)).toEqual([userId]);
      // The lookup reads the user's groups in the same statement.
      expect(byName.groups?.get(userId)).toEqual([{ id: groupId, displayName: 'prepared' }]);
      expect(await store.users.findWithGroups(tx, t.teamId, userId)).toMatchObject({ user: { id: userId }, groups: [{ id: groupId, displayName: 'prepared' }] });
      expect(await store.users.findWithGroups(tx, t.teamId, 'no-such-user')).toBeUndefined();
      const spend = createSpendStore(t.storage);
      expect((await spend.memberPolicy(tx, t.teamId, { by: 'id', value: userId })).map((p) => p.member.id)).toEqual([userId]);
      expect(await spend.memberState(tx, t.teamId, userId, '2026-11-01T00:00:00.000Z')).toMatchObject({ groups: [] });
      expect((await store.users.groupsOf(tx, t.teamId, [userId])).get(userId)).toEqual([{ id: groupId, displayName: 'prepared' }]);

      if (dialect === 'postgres') {
        // Named statements live on the connection: the transaction's own.
        const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(tx);
        const names = prepared.rows.map((r) => r.name.replace(/_[0-9a-f]{12}$/, ''));
        expect(names).toEqual(expect.arrayContaining(['token_by_hash', 'user_by_id', 'user_by_id_to_write', 'user_by_user_name_with_groups', 'user_by_id_with_groups', 'groups_of_1_users', 'spend_member_policy_by_id', 'spend_member_state']));
        expect(prepared.rows.find((r) => r.name.startsWith('user_by_id_to_write_'))?.statement).toMatch(/ where id = \$1 and team_id = \$2 for no key update$/);
      }
    });
  });
});
