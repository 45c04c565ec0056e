// What the benchmark sends: Users shaped like an Okta or Entra ID push
// (name, one work email, externalId), Groups, and the PATCH bodies IdPs send
// for one member at a time.

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export const userNameOf = (n: number): string => `user${n}@bench.example`;

/** The n-th user of the team; every n gives a distinct userName and externalId. */
export function benchUser(n: number): Record<string, unknown> {
  const given = `Given${n}`;
  const family = `Family${n}`;
  return {
    schemas: [USER_SCHEMA],
    userName: userNameOf(n),
    externalId: `00u${n.toString(36).padStart(8, '0')}`,
    name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
    displayName: `${given} ${family}`,
    emails: [{ value: userNameOf(n), type: 'work', primary: true }],
    locale: 'en-US',
    active: true,
  };
}

export const benchGroup = (name: string) => ({ schemas: [GROUP_SCHEMA], displayName: name, externalId: `grp-${name}` });

/** Entra ID's and Okta's form for adding one member. */
export const addMember = (userId: string) => ({
  schemas: [PATCH_OP],
  Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
});

/** Okta's form for removing one member: a value filter on `members`. */
export const removeMember = (userId: string) => ({
  schemas: [PATCH_OP],
  Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }],
});

export const replaceDisplayName = (displayName: string) => ({
  schemas: [PATCH_OP],
  Operations: [{ op: 'replace', path: 'displayName', value: displayName }],
});

export function bulkCreate(from: number, to: number) {
  const Operations = [];
  for (let n = from; n < to; n++) Operations.push({ method: 'POST', path: '/Users', bulkId: `u${n}`, data: benchUser(n) });
  return { schemas: [BULK_REQUEST], Operations };
}
