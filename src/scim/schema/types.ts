// RFC 7643 §7: schema definitions. One registry of these drives discovery
// (/Schemas, /ResourceTypes), validation, mutability, `returned` and case rules.

import type { AttrPath } from '../filter/ast.js';

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

export type ResourceTypeName = 'User' | 'Group';

export interface ResourceTypeDef {
  id: ResourceTypeName;
  name: ResourceTypeName;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
}

/** An attribute path resolved against a resource type's schemas. */
export interface ResolvedPath {
  /** The schema the attribute belongs to (core or an extension). */
  schema: SchemaDef;
  /** True when the attribute lives under its schema URN key in the resource. */
  extension: boolean;
  attr: AttributeDef;
  /** Set when the path named a sub-attribute (`name.givenName`, `emails.value`). */
  sub?: AttributeDef;
}

/** Everything the protocol core needs to know about one resource type. */
export interface ResourceSchema {
  type: ResourceTypeDef;
  core: SchemaDef;
  extensions: SchemaDef[];
  /** Case-insensitive resolution of a path; undefined when the path names nothing. */
  resolve(path: AttrPath): ResolvedPath | undefined;
  /** Resolution of `sub` relative to a complex attribute (value-path filters). */
  resolveSub(parent: AttributeDef, name: string): AttributeDef | undefined;
  /** The extension schema whose URN equals `urn` (case-insensitive), if any. */
  extensionByUrn(urn: string): SchemaDef | undefined;
}
