// RFC 7643 §4.2 and §8.7.1: the core Group schema.
//
// Deliberate differences from §8.7.1, each with its reason:
// - displayName is required: true. §4.2 calls it REQUIRED, §8.7.1's JSON says
//   false; a directory group without a name cannot be shown to an admin or
//   looked up by Entra (`displayName eq`), so we follow the prose.
// - members gains a `display` sub-attribute (§4.2 and §2.4 list it; §8.7.1
//   leaves it out). Okta sends it with every member add.
// - members.value is immutable and members.type has canonical values
//   User/Group, as in §8.7.1: a member is removed and re-added, never edited.

import type { SchemaDef } from './types.js';

export const CORE_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const text = {
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const;

const member = { ...text, mutability: 'immutable' } as const;

export const coreGroupSchema: SchemaDef = {
  id: CORE_GROUP_URN,
  name: 'Group',
  description: 'Group',
  attributes: [
    { ...text, name: 'displayName', description: 'A human-readable name for the Group. REQUIRED.', required: true },
    {
      ...text,
      name: 'members',
      type: 'complex',
      multiValued: true,
      description: 'A list of members of the Group.',
      subAttributes: [
        { ...member, name: 'value', description: 'Identifier of the member of this Group.' },
        {
          ...member,
          name: '$ref',
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          description: 'The URI corresponding to a SCIM resource that is a member of this Group.',
        },
        { ...member, name: 'display', description: 'A human-readable name for the member, primarily used for display purposes.' },
        {
          ...member,
          name: 'type',
          description: "A label indicating the type of resource, e.g., 'User' or 'Group'.",
          canonicalValues: ['User', 'Group'],
        },
      ],
    },
  ],
};
