// projectsWhole: the streamed GET of a large group writes its members'
// JSON directly only when project() would return them untouched. For every
// projection it answers true, project() must return the very members it was
// given; the cases it answers false are those that change or drop them.

import { describe, expect, it } from 'vitest';
import { parseAttributeList } from './path.js';
import { project, projectsWhole, type ProjectionQuery } from './project.js';
import { coreGroupSchema } from './schema/core-group.js';
import { createRegistry, createResourceSchema, GROUP_RESOURCE_TYPE } from './schema/registry.js';
import type { SchemaDef } from './schema/types.js';

const { group } = createRegistry();
const members = [
  { value: 'u1', $ref: 'https://x/Users/u1', display: 'One', type: 'User' },
  { value: 'g1', $ref: 'https://x/Groups/g1', type: 'Group' },
];
const resource = { schemas: [coreGroupSchema.id], id: 'g', displayName: 'G', members, meta: { resourceType: 'Group' } };

const query = (q: { attributes?: string; excludedAttributes?: string }): ProjectionQuery => ({
  ...(q.attributes !== undefined ? { attributes: parseAttributeList(q.attributes) } : {}),
  ...(q.excludedAttributes !== undefined ? { excludedAttributes: parseAttributeList(q.excludedAttributes) } : {}),
});

const cases: [{ attributes?: string; excludedAttributes?: string }, boolean][] = [
  [{}, true],
  [{ attributes: '' }, true],
  [{ excludedAttributes: 'meta' }, true],
  [{ excludedAttributes: 'meta,displayName' }, true],
  [{ attributes: 'members' }, true],
  [{ attributes: 'MEMBERS,displayName' }, true],
  [{ attributes: 'urn:ietf:params:scim:schemas:core:2.0:Group:members' }, true],
  [{ attributes: 'members,members[type eq "Group"]' }, true],
  [{ attributes: 'displayName' }, false],
  [{ attributes: 'members.value' }, false],
  [{ attributes: 'displayName,members.display' }, false],
  [{ attributes: 'members[type eq "Group"]' }, false],
  [{ excludedAttributes: 'members' }, false],
  [{ excludedAttributes: 'members.display' }, false],
  [{ excludedAttributes: 'members[type eq "User"]' }, false],
  [{ attributes: 'members', excludedAttributes: 'members' }, true],
];

describe('projectsWhole', () => {
  it.each(cases)('%o → %s, and project() agrees', (q, whole) => {
    const projection = query(q);
    expect(projectsWhole(group, projection, 'members')).toBe(whole);
    const projected = project(resource, projection, group).members;
    if (whole) expect(projected).toBe(members);
    else expect(projected).not.toEqual(members);
  });

  it('is false for an attribute that is not top-level or unknown', () => {
    expect(projectsWhole(group, {}, 'display')).toBe(false);
    expect(projectsWhole(group, {}, 'nothing')).toBe(false);
  });

  it('is false when a sub-attribute is returned only on request or never', () => {
    for (const returned of ['request', 'never'] as const) {
      const core: SchemaDef = {
        ...coreGroupSchema,
        attributes: coreGroupSchema.attributes.map((attr) =>
          attr.name === 'members' ? { ...attr, subAttributes: attr.subAttributes?.map((sub) => (sub.name === 'display' ? { ...sub, returned } : sub)) } : attr),
      };
      const schema = createResourceSchema(GROUP_RESOURCE_TYPE, core, []);
      expect(projectsWhole(schema, {}, 'members')).toBe(false);
      expect(project(resource, {}, schema).members).not.toEqual(members);
    }
  });
});
