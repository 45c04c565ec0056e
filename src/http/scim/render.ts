// Stored resources → SCIM JSON on the wire: id, meta (with location and
// version), the server-managed `groups` / `members`, then projection.
//
// RFC 7643 §3: `schemas` lists the schemas that define the attributes present,
// and a resource may carry only the extensions its resource type declares
// (§6 schemaExtensions). A block under an undeclared URN (an IdP's custom
// extension) is kept in storage (nothing the IdP sent is lost), but neither it nor its
// URN is part of the SCIM resource.

import type { UserView } from '../../domain/directory/users.js';
import type { GroupView } from '../../domain/directory/groups.js';
import type { MemberRow, StoredResource } from '../../domain/directory/types.js';
import { etagOf } from '../../scim/etag.js';
import { createRegistry } from '../../scim/schema/registry.js';
import type { ResourceSchema } from '../../scim/schema/types.js';

export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function meta(stored: StoredResource, resourceType: 'User' | 'Group', location: string) {
  return { resourceType, created: stored.created, lastModified: stored.lastModified, location, version: etagOf(stored.version) };
}

function isDeclared(urn: string, schema: ResourceSchema): boolean {
  return urn.toLowerCase() === schema.core.id.toLowerCase() || schema.extensionByUrn(urn) !== undefined;
}

/**
 * `schemas`, the id, then the attributes of the stored resource, without undeclared extensions
 * (one object built with plain loops: this runs for every resource answered). A stored `id`
 * would take its value but keep its place, as spreading the rest after the id did.
 */
function declared(resource: Record<string, unknown>, schema: ResourceSchema, id: string): Record<string, unknown> {
  const schemas: unknown[] = [];
  if (Array.isArray(resource.schemas)) for (const urn of resource.schemas as unknown[]) if (typeof urn === 'string' && isDeclared(urn, schema)) schemas.push(urn);
  const out: Record<string, unknown> = { schemas, id };
  for (const key in resource) {
    if (!Object.prototype.hasOwnProperty.call(resource, key)) continue;
    if (key === 'schemas' || (key.includes(':') && !isDeclared(key, schema))) continue;
    out[key] = resource[key];
  }
  return out;
}

export function renderUser(view: UserView, baseUrl: string): Record<string, unknown> {
  const { user, groups } = view;
  const out = declared(user.resource, createRegistry().user, user.id);
  if (groups.length > 0) {
    out.groups = groups.map((g) => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.displayName, type: 'direct' }));
  }
  out.meta = meta(user, 'User', `${baseUrl}/Users/${user.id}`);
  return out;
}

/** One element of a group's `members` (the streamed GET renders them batch by batch). */
export function renderMember(m: MemberRow, baseUrl: string): Record<string, unknown> {
  return {
    value: m.id,
    $ref: `${baseUrl}/${m.type === 'Group' ? 'Groups' : 'Users'}/${m.id}`,
    ...(m.display !== null ? { display: m.display } : {}),
    type: m.type,
  };
}

/**
 * The JSON of many members at once, byte for byte JSON.stringify of
 * renderMember's objects joined by commas, written without an object per
 * member: the streamed GET of a million-member group spends most of its time
 * here. Each string goes through JSON.stringify, so escaping is JSON's own.
 */
export function memberJsonWriter(baseUrl: string): (members: readonly MemberRow[]) => string {
  const users = `${baseUrl}/Users/`;
  const groups = `${baseUrl}/Groups/`;
  return (members) => {
    let out = '';
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const group = m.type === 'Group';
      out += `${i === 0 ? '' : ','}{"value":${JSON.stringify(m.id)},"$ref":${JSON.stringify((group ? groups : users) + m.id)}${
        m.display !== null ? `,"display":${JSON.stringify(m.display)}` : ''
      },"type":${group ? '"Group"' : m.type === 'User' ? '"User"' : JSON.stringify(m.type)}}`;
    }
    return out;
  };
}

export function renderGroup(view: GroupView, baseUrl: string): Record<string, unknown> {
  const { group, members } = view;
  const out = declared(group.resource, createRegistry().group, group.id);
  if (members && members.length > 0) out.members = members.map((m) => renderMember(m, baseUrl));
  out.meta = meta(group, 'Group', `${baseUrl}/Groups/${group.id}`);
  return out;
}

export function listResponse(total: number, startIndex: number, resources: Record<string, unknown>[]) {
  return { schemas: [LIST_RESPONSE], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** RFC 9865 §2.2: a cursor-paginated page has no startIndex, and no nextCursor when it is the last. */
export function cursorListResponse(total: number, resources: Record<string, unknown>[], nextCursor: string | undefined) {
  return { schemas: [LIST_RESPONSE], totalResults: total, itemsPerPage: resources.length, ...(nextCursor !== undefined ? { nextCursor } : {}), Resources: resources };
}
