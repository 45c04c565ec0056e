import { describe, it, expect } from 'vitest';
import { applyPatch } from './apply-patch.js';
import { parsePatchRequest } from './parse-patch-request.js';
import { createRegistry } from '../schema/registry.js';
import { normalizeResource } from '../normalize.js';
import { IDS, entra, entraGroup, entraUser, okta, oktaUser } from './fixtures/idp-patch-bodies.js';

const { user: userSchema, group: groupSchema } = createRegistry();
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];

type Resource = Record<string, unknown>;

const patchUser = (resource: Resource, body: unknown) => applyPatch(resource, parsePatchRequest(body), userSchema);
const patchGroup = (resource: Resource, body: unknown) => applyPatch(resource, parsePatchRequest(body), groupSchema, { externalMembers: true });
const body = (...operations: unknown[]) => ({ schemas: PATCH_OP, Operations: operations });

const oktaGroup: Resource = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Test SCIMv2' };

describe('okta.json PATCH bodies (okta-scim20)', () => {
  it('push-group-name: no-path replace {id, displayName} ignores id and changes nothing', () => {
    const result = patchGroup(oktaGroup, okta.pushGroupName);
    expect(result).toEqual({ resource: oktaGroup, memberChanges: [], changed: false });
  });

  it('add-user1-to-group / add-user2-to-group: one add change each, resource untouched', () => {
    expect(patchGroup(oktaGroup, okta.addUser1ToGroup)).toEqual({
      resource: oktaGroup,
      memberChanges: [{ kind: 'add', members: [{ value: IDS.user1, display: 'test.user@okta.local' }] }],
      changed: true,
    });
    expect(patchGroup(oktaGroup, okta.addUser2ToGroup).memberChanges).toEqual([
      { kind: 'add', members: [{ value: IDS.user2, display: 'test.user2@okta.local' }] },
    ]);
  });

  it('remove-user1-from-group: members[value eq "id"] without value removes that id', () => {
    expect(patchGroup(oktaGroup, okta.removeUser1FromGroup).memberChanges).toEqual([{ kind: 'remove', ids: [IDS.user1] }]);
  });

  it('full-push-replace-members: replace members replaces the whole list', () => {
    expect(patchGroup(oktaGroup, okta.fullPushReplaceMembers).memberChanges).toEqual([
      { kind: 'replace', members: [{ value: IDS.user2, display: 'test.user2@okta.local' }] },
    ]);
  });

  it('rename-group: no-path replace renames', () => {
    const result = patchGroup(oktaGroup, okta.renameGroup);
    expect(result.resource).toEqual({ ...oktaGroup, displayName: 'Test SCIMv20' });
    expect(result.changed).toBe(true);
  });

  it('deactivate-user1 / reactivate-user1: no-path replace of active', () => {
    const off = patchUser(oktaUser, okta.deactivateUser);
    expect(off.resource).toEqual({ ...oktaUser, active: false });
    expect(patchUser(off.resource, okta.reactivateUser).resource).toEqual(oktaUser);
    expect(patchUser(oktaUser, okta.reactivateUser).changed).toBe(false);
  });
});

describe('entra.json PATCH bodies (ms-tutorial, default job)', () => {
  it('update-multivalued: replaces the work email value and the family name', () => {
    const { resource } = patchUser(entraUser, entra.updateMultivalued);
    expect(resource.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
    expect(resource.name).toEqual({ ...entraUser.name, familyName: 'updatedFamilyName' });
  });

  it('update-multiple-attributes: six Replace operations, one of them an enterprise URN path', () => {
    const { resource } = patchUser(entraUser, entra.updateMultipleAttributes);
    expect(resource).toMatchObject({
      displayName: 'Pvlo',
      externalId: 'Eqpj',
      name: { givenName: 'Gtfd', familyName: 'Pkqf' },
      emails: [{ type: 'work', value: 'TestBcwqnm@test.microsoft.com' }],
      [ENTERPRISE]: { employeeNumber: 'Eqpj' },
    });
  });

  it('add-single-value-attribute: Add nickName', () => {
    expect(patchUser(entraUser, entra.addSingleValueAttribute).resource.nickName).toBe('Babs');
  });

  it('add-user1/2-to-group: Add members with "$ref": null', () => {
    expect(patchGroup(entraGroup, entra.addUser1ToGroup).memberChanges).toEqual([{ kind: 'add', members: [{ value: IDS.user1 }] }]);
    expect(patchGroup(entraGroup, entra.addUser2ToGroup).memberChanges).toEqual([{ kind: 'add', members: [{ value: IDS.user2 }] }]);
  });

  it('remove-user1-from-group: Remove members + value array removes only the listed member', () => {
    expect(patchGroup(entraGroup, entra.removeUser1FromGroup)).toEqual({
      resource: entraGroup,
      memberChanges: [{ kind: 'remove', ids: [IDS.user1] }],
      changed: true,
    });
  });

  it('rename-group: Replace displayName', () => {
    expect(patchGroup(entraGroup, entra.renameGroup).resource.displayName).toBe('2f0e6a1c-updatedDisplayName');
  });

  it('disable-user1 / reenable-user1: "False"/"True" strings reach normalization unchanged', () => {
    const off = patchUser(entraUser, entra.disableUser);
    expect(off.resource.active).toBe('False');
    expect(off.changed).toBe(true);
    expect(patchUser(off.resource, entra.reenableUser).resource.active).toBe('True');
  });

  it('disable-user1 then normalization (what the caller runs) stores a boolean', () => {
    const off = patchUser(entraUser, entra.disableUser).resource;
    expect(normalizeResource(off, userSchema, { mode: 'replace', existing: entraUser }).active).toBe(false);
    const on = patchUser(off, entra.reenableUser).resource;
    expect(normalizeResource(on, userSchema, { mode: 'replace', existing: entraUser }).active).toBe(true);
  });
});

describe('CHECKLIST.md items', () => {
  it('1: op in any case', () => {
    const result = patchUser(
      entraUser,
      body({ op: 'Add', path: 'nickName', value: 'B' }, { op: 'REPLACE', path: 'title', value: 'T' }, { op: 'Remove', path: 'nickName' }),
    );
    expect(result.resource).toEqual({ ...entraUser, title: 'T' });
  });

  it('3: no-path replace of {active:false}, of {id, displayName}, and of a whole group with schemas/id/meta', () => {
    expect(patchUser(oktaUser, body({ op: 'replace', value: { active: false } })).resource.active).toBe(false);
    expect(patchGroup(oktaGroup, body({ op: 'replace', value: { id: 'g1', displayName: 'New' } })).resource.displayName).toBe('New');
    const authentik = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: 'g1',
      displayName: 'Renamed',
      externalId: 'ak-1',
      meta: { resourceType: 'Group', created: '2024-01-01T00:00:00Z' },
      members: [{ value: IDS.user1 }],
    };
    const result = patchGroup(oktaGroup, body({ op: 'replace', value: authentik }));
    expect(result.resource).toEqual({ ...oktaGroup, displayName: 'Renamed', externalId: 'ak-1' });
    expect(result.memberChanges).toEqual([{ kind: 'replace', members: [{ value: IDS.user1 }] }]);
  });

  it('4: no-path value whose keys are paths is applied path by path, not stored literally', () => {
    const { resource } = patchUser(
      entraUser,
      body({
        op: 'replace',
        value: {
          'name.givenName': 'Ada',
          [`${ENTERPRISE}:employeeNumber`]: '42',
          [`${ENTERPRISE}:manager.value`]: 'boss-id',
          'emails[type eq "work"].value': 'ada@work.example',
          'urn:ietf:params:scim:schemas:core:2.0:User:title': 'Engineer',
          displayName: 'Ada L',
        },
      }),
    );
    expect(resource).toEqual({
      ...entraUser,
      name: { ...entraUser.name, givenName: 'Ada' },
      emails: [{ primary: true, type: 'work', value: 'ada@work.example' }],
      title: 'Engineer',
      displayName: 'Ada L',
      [ENTERPRISE]: { employeeNumber: '42', manager: { value: 'boss-id' } },
    });
    expect(Object.keys(resource).some((k) => k.includes('.') && !k.startsWith('urn:'))).toBe(false);
  });

  it('5: emails[type eq "work"].value creates the work email when there is none', () => {
    const noEmail = { ...entraUser, emails: [{ type: 'home', value: 'h@home.example' }] };
    const { resource } = patchUser(noEmail, body({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'w@work.example' }));
    expect(resource.emails).toEqual([
      { type: 'home', value: 'h@home.example' },
      { type: 'work', value: 'w@work.example' },
    ]);
    const { emails: _drop, ...bare } = entraUser;
    expect(patchUser(bare, body({ op: 'Add', path: 'emails[type eq "work"].value', value: 'w@work.example' })).resource.emails).toEqual([
      { type: 'work', value: 'w@work.example' },
    ]);
  });

  it('5: the type filter matches case-insensitively (type is not caseExact)', () => {
    const { resource } = patchUser(entraUser, body({ op: 'Replace', path: 'emails[type eq "WORK"].value', value: 'new@x.example' }));
    expect(resource.emails).toEqual([{ primary: true, type: 'work', value: 'new@x.example' }]);
  });

  it('5: members[value eq "<id>"] with no value (Okta, Entra flag, newer authentik)', () => {
    expect(patchGroup(oktaGroup, body({ op: 'remove', path: `members[value eq "${IDS.user2}"]` })).memberChanges).toEqual([
      { kind: 'remove', ids: [IDS.user2] },
    ]);
  });

  it('6: remove "members" + value array removes only those; with neither filter nor value empties the group', () => {
    const listed = patchGroup(oktaGroup, body({ op: 'remove', path: 'members', value: [{ value: IDS.user1 }, { value: IDS.user2, display: 'x' }] }));
    expect(listed.memberChanges).toEqual([{ kind: 'remove', ids: [IDS.user1, IDS.user2] }]);
    expect(patchGroup(oktaGroup, body({ op: 'remove', path: 'members' })).memberChanges).toEqual([{ kind: 'removeAll' }]);
  });

  it('6: the same form on an in-resource list removes only the listed values', () => {
    const group = { ...oktaGroup, members: [{ value: IDS.user1 }, { value: IDS.user2 }] };
    const { resource } = applyPatch(group, parsePatchRequest(body({ op: 'Remove', path: 'members', value: [{ $ref: null, value: IDS.user1 }] })), groupSchema);
    expect(resource.members).toEqual([{ value: IDS.user2 }]);
  });

  it('7: replace members with [] (Okta "Push now" of an empty group) is a replace with no members', () => {
    expect(patchGroup(oktaGroup, body({ op: 'replace', path: 'members', value: [] })).memberChanges).toEqual([{ kind: 'replace', members: [] }]);
  });

  it('8: several operations mixing remove and add keep their order', () => {
    const result = patchGroup(
      oktaGroup,
      body(
        { op: 'replace', value: { id: 'g', displayName: 'Test SCIMv2' } },
        { op: 'remove', path: `members[value eq "${IDS.user1}"]` },
        { op: 'add', path: 'members', value: [{ value: IDS.user2, display: 'u2' }] },
        { op: 'remove', path: 'members', value: [{ value: 'u3' }] },
      ),
    );
    expect(result.memberChanges.map((c) => c.kind)).toEqual(['remove', 'add', 'remove']);
  });

  it('8: 256 members added in one op give one add change of 256 refs; resource.members untouched', () => {
    const refs = Array.from({ length: 256 }, (_, i) => ({ value: `user-${i}`, display: `user ${i}` }));
    const stored = { ...oktaGroup, members: [{ value: 'legacy' }] };
    const result = patchGroup(stored, body({ op: 'add', path: 'members', value: refs }));
    expect(result.memberChanges).toHaveLength(1);
    expect(result.memberChanges[0]).toEqual({ kind: 'add', members: refs });
    expect(result.resource.members).toEqual([{ value: 'legacy' }]);
  });

  it('9: adding a member already there, or removing one that is not, succeeds', () => {
    const group = { ...oktaGroup, members: [{ value: IDS.user1 }] };
    const add = applyPatch(group, parsePatchRequest(body({ op: 'add', path: 'members', value: [{ value: IDS.user1 }] })), groupSchema);
    expect(add).toEqual({ resource: group, memberChanges: [], changed: false });
    const remove = applyPatch(group, parsePatchRequest(body({ op: 'remove', path: 'members[value eq "nobody"]' })), groupSchema);
    expect(remove.changed).toBe(false);
    expect(() => patchGroup(oktaGroup, body({ op: 'remove', path: 'members[value eq "nobody"]' }))).not.toThrow();
  });

  it('17: "changed" tells the caller whether to write (and answer with the unchanged resource)', () => {
    expect(patchUser(oktaUser, body({ op: 'replace', path: 'displayName', value: 'Test User' })).changed).toBe(false);
    expect(patchUser(oktaUser, body({ op: 'replace', path: 'displayName', value: 'Other' })).changed).toBe(true);
    expect(patchGroup(oktaGroup, body({ op: 'add', path: 'members', value: [] })).changed).toBe(false);
  });
});
