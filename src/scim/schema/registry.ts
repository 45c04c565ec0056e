// RFC 7643 §3, §3.1 and §7; RFC 7644 §3.10: the schema registry. One set of
// definitions drives discovery, validation, mutability, `returned`, case rules
// and filterable attributes. Attribute names and schema URNs are
// case-insensitive (RFC 7644 §3.10), so every lookup here is too.

import type { AttrPath } from '../filter/ast.js';
import { coreGroupSchema } from './core-group.js';
import { coreUserSchema, CORE_USER_URN } from './core-user.js';
import { enterpriseUserSchema, ENTERPRISE_USER_URN } from './enterprise-user.js';
import type { AttributeDef, ResolvedPath, ResourceSchema, ResourceTypeDef, SchemaDef } from './types.js';
import { READ_ONLY_STRING } from './read-only-string.js';

const plain = READ_ONLY_STRING;

/**
 * RFC 7643 §3.1 attributes every resource carries. They are not part of any
 * schema's published attribute list, yet filters, sorting, `attributes` and
 * PATCH name them, so resolve() treats them as core attributes.
 * `schemas` (§3) is readOnly here because the server derives it from the
 * attributes present; clients may send anything in it.
 */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  {
    ...plain,
    name: 'id',
    description: 'A unique identifier for a SCIM resource as defined by the service provider.',
    caseExact: true,
    returned: 'always',
    uniqueness: 'server',
  },
  {
    ...plain,
    name: 'externalId',
    description: 'A String that is an identifier for the resource as defined by the provisioning client.',
    caseExact: true,
    mutability: 'readWrite',
  },
  {
    ...plain,
    name: 'meta',
    type: 'complex',
    description: 'A complex attribute containing resource metadata.',
    subAttributes: [
      { ...plain, name: 'resourceType', description: 'The name of the resource type of the resource.', caseExact: true },
      { ...plain, name: 'created', type: 'dateTime', description: 'The "DateTime" that the resource was added to the service provider.' },
      { ...plain, name: 'lastModified', type: 'dateTime', description: 'The most recent DateTime that the details of this resource were updated at the service provider.' },
      { ...plain, name: 'location', type: 'reference', referenceTypes: ['uri'], description: 'The URI of the resource being returned.', caseExact: true },
      { ...plain, name: 'version', description: 'The version of the resource being returned.', caseExact: true },
    ],
  },
  {
    ...plain,
    name: 'schemas',
    multiValued: true,
    description: 'The schema URIs that define the attributes present in the resource.',
    returned: 'always',
  },
];

export const USER_RESOURCE_TYPE: ResourceTypeDef = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: CORE_USER_URN,
  schemaExtensions: [{ schema: ENTERPRISE_USER_URN, required: false }],
};

export const GROUP_RESOURCE_TYPE: ResourceTypeDef = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: coreGroupSchema.id,
  schemaExtensions: [],
};

export interface Registry {
  user: ResourceSchema;
  group: ResourceSchema;
  /** Both resource types, in discovery order (User, Group). */
  resourceTypes: ResourceSchema[];
  /** Every schema once, in discovery order: core User, Enterprise User, core Group. */
  schemas: SchemaDef[];
}

const subIndexes = new WeakMap<AttributeDef, Map<string, AttributeDef>>();

function indexByName(attrs: readonly AttributeDef[], into = new Map<string, AttributeDef>()) {
  for (const attr of attrs) {
    const key = attr.name.toLowerCase();
    if (!into.has(key)) into.set(key, attr);
  }
  return into;
}

/** Case-insensitive lookup of a sub-attribute of any complex attribute definition. */
export function findSubAttribute(parent: AttributeDef, name: string): AttributeDef | undefined {
  if (!parent.subAttributes) return undefined;
  let index = subIndexes.get(parent);
  if (!index) {
    index = indexByName(parent.subAttributes);
    subIndexes.set(parent, index);
  }
  return index.get(name.toLowerCase());
}

/** Builds the lookups for one resource type; exported so tests can build schemas of their own. */
export function createResourceSchema(type: ResourceTypeDef, core: SchemaDef, extensions: SchemaDef[]): ResourceSchema {
  const coreUrn = core.id.toLowerCase();
  const coreAttrs = indexByName(COMMON_ATTRIBUTES, indexByName(core.attributes));
  const extByUrn = new Map<string, { schema: SchemaDef; attrs: Map<string, AttributeDef> }>();
  for (const schema of extensions) {
    extByUrn.set(schema.id.toLowerCase(), { schema, attrs: indexByName(schema.attributes) });
  }

  function resolve(path: AttrPath): ResolvedPath | undefined {
    let schema = core;
    let attrs = coreAttrs;
    let extension = false;
    if (path.schema !== undefined) {
      const urn = path.schema.toLowerCase();
      if (urn !== coreUrn) {
        const ext = extByUrn.get(urn);
        if (!ext) return undefined;
        ({ schema, attrs } = ext);
        extension = true;
      }
    }
    const attr = attrs.get(path.attr.toLowerCase());
    if (!attr) return undefined;
    if (path.sub === undefined) return { schema, extension, attr };
    const sub = findSubAttribute(attr, path.sub);
    return sub ? { schema, extension, attr, sub } : undefined;
  }

  return {
    type,
    core,
    extensions,
    resolve,
    resolveSub: findSubAttribute,
    extensionByUrn: (urn) => extByUrn.get(urn.toLowerCase())?.schema,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let shared: Registry | undefined;

/** The registry is immutable, so every caller shares one instance (and the caches keyed on it). */
export function createRegistry(): Registry {
  if (!shared) {
    deepFreeze([coreUserSchema, enterpriseUserSchema, coreGroupSchema, COMMON_ATTRIBUTES]);
    deepFreeze([USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE]);
    const user = createResourceSchema(USER_RESOURCE_TYPE, coreUserSchema, [enterpriseUserSchema]);
    const group = createResourceSchema(GROUP_RESOURCE_TYPE, coreGroupSchema, []);
    shared = Object.freeze({
      user,
      group,
      resourceTypes: [user, group],
      schemas: [coreUserSchema, enterpriseUserSchema, coreGroupSchema],
    });
  }
  return shared;
}
